// POST /cases: an investigator files what they saw on an undercover inspection (暗访) as a case of channel
// `inspection`. It takes the same way as every complaint: a reference now, then the queue, the worker and triage.
import { randomUUID } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { systemClock } from '#adapters/clock.ts';
import { enqueueComplaint } from '#adapters/intake-queue.ts';
import { masterSecret } from '#adapters/secrets.ts';
import { IDEMPOTENCY_KEY_PATTERN, submissionReference } from '#domain/intake.ts';
import { InspectionFindingSchema, inspectionIntakeMessage } from '#domain/lifecycle/inspection.ts';
import { deriveReferenceKeys } from '#domain/reference.ts';
import { headerOf, httpApi } from '../http/api.ts';
import { callerOf, requireRole } from '../http/caller.ts';
import { HttpError, json } from '../http/responses.ts';
import { logger, metrics } from '../observability.ts';

export const handler = httpApi(
  async (event) => {
    const caller = callerOf(event);
    const now = systemClock();
    const finding = InspectionFindingSchema(now).parse(event.body ?? {});
    const idempotencyKey = headerOf(event, 'idempotency-key') ?? randomUUID();
    if (!IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
      throw new HttpError(
        400,
        'invalid-idempotency-key',
        'Idempotency-Key must be 16 to 128 letters, digits or . _ : -',
      );
    }
    // The inspector is part of the content: two inspectors' identical findings are two cases.
    const reference = submissionReference(
      'inspection',
      idempotencyKey,
      { finding, inspector: caller.id },
      deriveReferenceKeys(await masterSecret()),
    );
    logger.appendKeys({ reference });
    await enqueueComplaint(inspectionIntakeMessage(finding, reference, caller, now));
    metrics.addMetric('InspectionFiled', MetricUnit.Count, 1);
    logger.info('inspection finding accepted', { channel: 'inspection', inspector: caller.id });
    return json(202, { reference, caseUrl: `/console/#/cases/${reference}` });
  },
  { authenticate: requireRole('investigator', 'supervisor') },
);
