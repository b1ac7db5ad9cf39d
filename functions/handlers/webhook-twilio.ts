// POST /webhooks/twilio/voice and /webhooks/twilio/speech: a call to the hotline's Twilio number. The voice route
// greets the caller and listens; the speech route queues what they said (once per CallSid) and reads back the
// reference and receipt code. Both answer 403 unless X-Twilio-Signature matches.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { queueOnce, recordOutcome } from '#adapters/channel-intake.ts';
import { channelSecrets } from '#adapters/channel-secrets.ts';
import { systemClock } from '#adapters/clock.ts';
import { sealContact } from '#adapters/contact-sealer.ts';
import { publicUrl } from '#adapters/environment.ts';
import { masterSecret } from '#adapters/secrets.ts';
import { callerNumberOf, callIntakeMessage } from '#domain/channels/call.ts';
import {
  englishTwiml,
  formParameters,
  greetingTwiml,
  noComplaintTwiml,
  receiptTwiml,
  SpeechQuerySchema,
  spokenComplaint,
  TwilioCallbackSchema,
  twilioCallDetails,
  twilioSignatureMatches,
} from '#domain/channels/twilio.ts';
import { submissionReference } from '#domain/intake.ts';
import { deriveReferenceKeys, receiptCode } from '#domain/reference.ts';
import { type Authenticator, headerOf, httpApi, type ParsedEvent } from '../http/api.ts';
import { HttpError, type HttpResult } from '../http/responses.ts';
import { logger, metrics } from '../observability.ts';

const MAX_BODY_BYTES = 64 * 1024;
const SPEECH_PATH = '/webhooks/twilio/speech';

/** The URL Twilio requested, as configured: behind API Gateway the function cannot see the one Twilio signed. */
const requestedUrl = (event: ParsedEvent) =>
  `${publicUrl()}${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;

const verifySignature: Authenticator = async (event) => {
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
  const tokens = await channelSecrets('twilio-auth-token');
  const signature = headerOf(event, 'x-twilio-signature');
  if (!twilioSignatureMatches(tokens, signature, requestedUrl(event), formParameters(raw.toString('utf8')))) {
    metrics.addMetric('WebhookSignatureRejected', MetricUnit.Count, 1);
    throw new HttpError(403, 'invalid-signature', 'X-Twilio-Signature does not match this request.');
  }
};

const twiml = (body: string): HttpResult => ({
  statusCode: 200,
  headers: { 'content-type': 'text/xml; charset=utf-8', 'cache-control': 'no-store' },
  body,
});

async function speech(event: ParsedEvent): Promise<HttpResult> {
  const callback = TwilioCallbackSchema.parse(event.body ?? {});
  const { language: asked } = SpeechQuerySchema.parse(event.queryStringParameters ?? {});
  const language = asked ?? 'zh-CN';
  const speechUrl = `${publicUrl()}${SPEECH_PATH}`;
  if (language === 'zh-CN' && callback.Digits === '2' && !callback.SpeechResult) {
    return twiml(englishTwiml(`${speechUrl}?language=en`));
  }
  const complaint = spokenComplaint(callback);
  if (complaint === undefined) {
    logger.info('call ended without a complaint', { platform: 'twilio' });
    return twiml(noComplaintTwiml(language));
  }

  const secret = await masterSecret();
  const keys = deriveReferenceKeys(secret);
  const reference = submissionReference(
    'hotline',
    `twilio:${callback.CallSid}`,
    { complaint, language },
    keys,
  );
  logger.appendKeys({ reference });
  const callerNumber = callerNumberOf(callback.From);
  const result = await queueOnce(
    callIntakeMessage({
      reference,
      receivedAt: systemClock(),
      language,
      anonymous: true,
      complaint,
      call: twilioCallDetails(callback, undefined),
      sealedCallerNumber:
        callerNumber === undefined ? undefined : sealContact({ phone: callerNumber }, reference, secret),
    }),
    systemClock(),
  );
  recordOutcome(result, 'call', { channel: 'hotline', platform: 'twilio' });
  // In flight too: the caller hears the reference the other delivery is queueing.
  return twiml(receiptTwiml(language, result.reference, receiptCode(result.reference, keys)));
}

export const handler = httpApi(
  async (event) => {
    if (event.rawPath === SPEECH_PATH) return speech(event);
    TwilioCallbackSchema.parse(event.body ?? {});
    return twiml(greetingTwiml(`${publicUrl()}${SPEECH_PATH}`));
  },
  { authenticate: verifySignature },
);
