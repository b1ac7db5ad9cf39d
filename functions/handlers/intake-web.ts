// POST /complaints: a citizen's web complaint. Parse, give it a reference, queue it, answer 202.
import { randomUUID } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { systemClock } from '#adapters/clock.ts';
import { sealContact } from '#adapters/contact-sealer.ts';
import { publicUrl } from '#adapters/environment.ts';
import { enqueueComplaint } from '#adapters/intake-queue.ts';
import { masterSecret } from '#adapters/secrets.ts';
import { unflattenFormFields, WebComplaintSchema } from '#domain/complaint.ts';
import { IDEMPOTENCY_KEY_PATTERN, submissionReference, webIntakeMessage } from '#domain/intake.ts';
import { deriveReferenceKeys, receiptCode } from '#domain/reference.ts';
import { headerOf, httpApi } from '../http/api.ts';
import { HttpError, json } from '../http/responses.ts';
import { logger, metrics } from '../observability.ts';

export const handler = httpApi(async (event) => {
  const fields = typeof event.body === 'object' && event.body !== null ? event.body : {};
  const complaint = WebComplaintSchema.parse(unflattenFormFields(fields as Record<string, unknown>));
  const idempotencyKey = headerOf(event, 'idempotency-key') ?? randomUUID();
  if (!IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
    throw new HttpError(
      400,
      'invalid-idempotency-key',
      'Idempotency-Key must be 16 to 128 letters, digits or . _ : -',
    );
  }

  const secret = await masterSecret();
  const keys = deriveReferenceKeys(secret);
  const reference = submissionReference('web', idempotencyKey, complaint, keys);
  logger.appendKeys({ reference });
  const sealed =
    complaint.contact === undefined ? undefined : sealContact(complaint.contact, reference, secret);
  await enqueueComplaint(webIntakeMessage(complaint, reference, systemClock(), sealed));

  metrics.addMetric('ComplaintAccepted', MetricUnit.Count, 1);
  logger.info('complaint accepted', { channel: 'web', anonymous: complaint.anonymous });
  return json(202, {
    reference,
    receiptCode: receiptCode(reference, keys),
    statusUrl: `${publicUrl()}/status?reference=${reference}`,
  });
});
