// POST /webhooks/telephony: a call from a hotline's own call-centre software, signed as Standard Webhooks say.
// Verify, parse, give it a reference, queue it once, answer 202 {reference, receiptCode} (200 for a replay).
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { Webhook } from 'standardwebhooks';
import * as z from 'zod/mini';
import '#domain/zod-locale.ts';
import { queueOnce, recordOutcome } from '#adapters/channel-intake.ts';
import { channelSecrets } from '#adapters/channel-secrets.ts';
import { systemClock } from '#adapters/clock.ts';
import { sealContact } from '#adapters/contact-sealer.ts';
import { deliveryKey } from '#adapters/delivery-register.ts';
import { masterSecret } from '#adapters/secrets.ts';
import { callbackNumber, callIntakeMessage } from '#domain/channels/call.ts';
import { HotlineCallSchema, hotlineCallDetails, hotlineComplaint } from '#domain/channels/hotline-webhook.ts';
import { submissionReference } from '#domain/intake.ts';
import { deriveReferenceKeys, receiptCode } from '#domain/reference.ts';
import { type Authenticator, headerOf, httpApi, type ParsedEvent } from '../http/api.ts';
import { HttpError, json } from '../http/responses.ts';
import { logger, metrics } from '../observability.ts';

const MAX_BODY_BYTES = 64 * 1024;

const SignatureHeadersSchema = /* @__PURE__ */ (() =>
  z.object({
    'webhook-id': z.string().check(z.minLength(1), z.maxLength(256)),
    'webhook-timestamp': z.string().check(z.regex(/^\d{1,12}$/)),
    'webhook-signature': z.string().check(z.minLength(1), z.maxLength(2048)),
  }))();

const unauthorized = (code: string, message: string) => new HttpError(401, code, message);

// One verifier per configured secret, kept while the secret's value is the same (a warm function reuses them).
let verifiers: { source: string; webhooks: Webhook[] } | undefined;
async function configuredVerifiers(): Promise<Webhook[]> {
  const secrets = await channelSecrets('webhook-signing');
  const source = secrets.join(' ');
  if (verifiers?.source !== source) verifiers = { source, webhooks: secrets.map((s) => new Webhook(s)) };
  return verifiers.webhooks;
}

/** The signature is checked over the bytes as they arrived, before anything parses them. */
const verifySignature: Authenticator = async (event: ParsedEvent) => {
  const raw =
    typeof event.body === 'string'
      ? Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8')
      : Buffer.alloc(0);
  if (raw.length > MAX_BODY_BYTES) {
    throw new HttpError(
      413,
      'payload-too-large',
      `The request body must be at most ${MAX_BODY_BYTES} bytes.`,
    );
  }
  const headers = SignatureHeadersSchema.safeParse({
    'webhook-id': headerOf(event, 'webhook-id'),
    'webhook-timestamp': headerOf(event, 'webhook-timestamp'),
    'webhook-signature': headerOf(event, 'webhook-signature'),
  });
  if (!headers.success) {
    throw unauthorized(
      'missing-signature',
      'Sign the request: webhook-id, webhook-timestamp and webhook-signature.',
    );
  }
  let stale = false;
  for (const webhook of await configuredVerifiers()) {
    try {
      // The package checks the timestamp (5 minutes either way) and every `v1,` signature in the header.
      webhook.verify(raw.toString('utf8'), headers.data, { jsonParse: false });
      return;
    } catch (error) {
      if (/timestamp/i.test((error as Error).message)) stale = true;
    }
  }
  metrics.addMetric('WebhookSignatureRejected', MetricUnit.Count, 1);
  throw stale
    ? unauthorized('stale-timestamp', 'webhook-timestamp is more than 5 minutes from now.')
    : unauthorized('invalid-signature', 'No signature matches.');
};

export const handler = httpApi(
  async (event) => {
    const call = HotlineCallSchema.parse(event.body ?? {});
    const complaint = hotlineComplaint(call);
    const secret = await masterSecret();
    const keys = deriveReferenceKeys(secret);
    // Namespaced by platform: two platforms' ids can never meet in one reference.
    const reference = submissionReference('hotline', `webhook:${call.callId}`, call, keys);
    logger.appendKeys({ reference });

    // The caller's number is kept only for a call back, which the schema allows only with it and anonymous: false.
    const number = callbackNumber(call.callbackRequested, call.callerNumber);
    const message = callIntakeMessage({
      reference,
      receivedAt: systemClock(),
      language: call.language,
      anonymous: call.anonymous,
      complaint,
      call: hotlineCallDetails(call),
      callback:
        number === undefined
          ? undefined
          : { sealedContact: sealContact({ phone: number }, reference, secret) },
    });
    const webhookId = headerOf(event, 'webhook-id') ?? '';
    const result = await queueOnce(message, systemClock(), [deliveryKey.webhookId(webhookId)]);
    if (result.outcome === 'in-flight') {
      throw new HttpError(
        409,
        'delivery-in-progress',
        'This call is being recorded right now; retry in a moment.',
        {
          headers: { 'retry-after': '2' },
        },
      );
    }
    const queued = result.outcome === 'queued';
    recordOutcome(result, 'call', { channel: 'hotline', platform: 'webhook' });
    return json(queued ? 202 : 200, {
      reference: result.reference,
      receiptCode: receiptCode(result.reference, keys),
    });
  },
  { authenticate: verifySignature },
);
