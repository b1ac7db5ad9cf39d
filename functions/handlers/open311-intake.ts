// POST /open311/v2/requests.json: a service request from an Open311 client (a form, as the spec says). Check the
// api_key, parse, seal who filed it, queue it once, answer [{service_request_id, service_notice}].
import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { queueOnce, recordOutcome } from '#adapters/channel-intake.ts';
import { channelSecrets } from '#adapters/channel-secrets.ts';
import { systemClock } from '#adapters/clock.ts';
import { sealContact } from '#adapters/contact-sealer.ts';
import { masterSecret } from '#adapters/secrets.ts';
import { open311Complaint, SERVICE_NOTICE, ServiceRequestSchema } from '#domain/channels/open311.ts';
import { IDEMPOTENCY_KEY_PATTERN, submissionReference } from '#domain/intake.ts';
import { INTAKE_MESSAGE_KIND } from '#domain/intake-message.ts';
import { deriveReferenceKeys } from '#domain/reference.ts';
import { headerOf } from '../http/api.ts';
import { HttpError, json } from '../http/responses.ts';
import { logger, metrics } from '../observability.ts';
import { open311Api } from './open311-api.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Compared as digests, in constant time, against every configured key. */
async function requireApiKey(fields: object): Promise<void> {
  const offered = 'api_key' in fields && typeof fields.api_key === 'string' ? fields.api_key : undefined;
  if (offered === undefined || offered === '') throw new HttpError(403, 'forbidden', 'api_key is required.');
  let matched = false;
  for (const key of await channelSecrets('open311-api-keys')) {
    if (timingSafeEqual(digest(key), digest(offered))) matched = true;
  }
  if (!matched) {
    metrics.addMetric('Open311KeyRejected', MetricUnit.Count, 1);
    throw new HttpError(403, 'forbidden', 'api_key is not valid.');
  }
}

export const handler = open311Api(async (event) => {
  // No body at all is a request without its api_key: the spec's 403, before any other complaint about it.
  const fields = typeof event.body === 'object' && event.body !== null ? event.body : {};
  await requireApiKey(fields);
  const request = ServiceRequestSchema.parse(fields);
  const { complaint, contact } = open311Complaint(request);
  // A client that retries sends its own Idempotency-Key; without one, every post is a new request.
  const idempotencyKey = headerOf(event, 'idempotency-key') ?? randomUUID();
  if (!IDEMPOTENCY_KEY_PATTERN.test(idempotencyKey)) {
    throw new HttpError(
      400,
      'invalid-idempotency-key',
      'Idempotency-Key must be 16 to 128 letters, digits or . _ : -',
    );
  }
  const secret = await masterSecret();
  const reference = submissionReference(
    'open311',
    idempotencyKey,
    { service_code: request.service_code, complaint, contact },
    deriveReferenceKeys(secret),
  );
  logger.appendKeys({ reference });
  const result = await queueOnce(
    {
      kind: INTAKE_MESSAGE_KIND,
      reference,
      channel: 'open311',
      receivedAt: systemClock().toISOString(),
      language: /[\u3400-\u9fff]/.test(complaint.description) ? 'zh-CN' : 'en',
      anonymous: contact === undefined,
      complaint,
      ...(contact === undefined ? {} : { sealedContact: sealContact(contact, reference, secret) }),
    },
    systemClock(),
  );
  if (result.outcome === 'in-flight') {
    throw new HttpError(
      409,
      'delivery-in-progress',
      'This request is being recorded right now; retry in a moment.',
    );
  }
  recordOutcome(result, 'service request', { channel: 'open311' });
  return json(result.outcome === 'queued' ? 202 : 200, [
    { service_request_id: result.reference, service_notice: SERVICE_NOTICE },
  ]);
});
