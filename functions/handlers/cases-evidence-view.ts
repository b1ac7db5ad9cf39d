// POST /cases/{reference}/evidence/{fileId}/views: a link that downloads one checked file for a few minutes. Each
// view is recorded as an event of the case before the link is made, and the link is made only if the case is still
// the caller's after the record, as a contact view is.
import { randomUUID } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { appendEvent, findCase } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { findFile } from '#adapters/evidence-records.ts';
import { presignView } from '#adapters/evidence-store.ts';
import { FILE_ID_PATTERN } from '#domain/evidence/policy.ts';
import { httpApi } from '../http/api.ts';
import { callerOf, requireRole } from '../http/caller.ts';
import { referenceOf, visibleTo } from '../http/cases.ts';
import { HttpError, json } from '../http/responses.ts';
import { logger, metrics } from '../observability.ts';

const fileNotFound = () => new HttpError(404, 'not-found', '没有此文件 / No such file.');

export const handler = httpApi(
  async (event) => {
    const caller = callerOf(event);
    const reference = referenceOf(event.pathParameters);
    logger.appendKeys({ reference });
    visibleTo(await findCase(reference), caller);
    const fileId = (event.pathParameters?.fileId ?? '').toLowerCase();
    if (!FILE_ID_PATTERN.test(fileId)) throw fileNotFound();
    const file = await findFile(reference, fileId);
    // A refused file, or one still being checked, is nobody's to open.
    if (file === undefined || file.state !== 'checked' || file.type === undefined) throw fileNotFound();
    const now = systemClock();
    await appendEvent(
      {
        reference,
        kind: 'evidence-viewed',
        at: now.toISOString(),
        actor: caller.id,
        details: { fileId, name: file.name, type: file.type },
      },
      `V#${randomUUID()}`,
    );
    visibleTo(await findCase(reference), caller);
    const link = await presignView(reference, fileId, { name: file.name, type: file.type });
    metrics.addMetric('EvidenceViewed', MetricUnit.Count, 1);
    logger.info('evidence viewed', { actor: caller.id, fileId });
    return json(201, {
      reference,
      fileId,
      name: file.name,
      type: file.type,
      size: file.storedSize ?? file.size,
      url: link.url,
      expiresAt: link.expiresAt,
    });
  },
  { authenticate: requireRole('investigator', 'supervisor', 'admin') },
);
