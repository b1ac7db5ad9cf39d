// POST /cases/{reference}/evidence: upload slots for files the office attaches to a case (an inspection finding's
// photos, a document obtained while verifying), for investigators and supervisors of the case's body and above.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from 'zod/mini';
import '#domain/zod-locale.ts';
import { findCase } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { FilesRequestShape } from '#domain/evidence/policy.ts';
import { httpApi } from '../http/api.ts';
import { callerOf, requireRole } from '../http/caller.ts';
import { referenceOf, visibleTo } from '../http/cases.ts';
import { issueUploads, UPLOAD_ANSWER_NOTE } from '../http/evidence.ts';
import { json } from '../http/responses.ts';
import { logger, metrics } from '../observability.ts';

const OfficeUploadsSchema = /* @__PURE__ */ (() => z.strictObject({ ...FilesRequestShape }))();

export const handler = httpApi(
  async (event) => {
    const caller = callerOf(event);
    const reference = referenceOf(event.pathParameters);
    logger.appendKeys({ reference });
    const { files } = OfficeUploadsSchema.parse(event.body ?? {});
    visibleTo(await findCase(reference), caller);
    const uploads = await issueUploads(reference, files, { origin: 'office', by: caller.id }, systemClock());
    metrics.addMetric('EvidenceSlotsIssued', MetricUnit.Count, uploads.length);
    return json(201, { reference, uploads, ...UPLOAD_ANSWER_NOTE });
  },
  { authenticate: requireRole('investigator', 'supervisor') },
);
