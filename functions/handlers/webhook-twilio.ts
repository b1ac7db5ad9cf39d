// POST /webhooks/twilio/voice and /webhooks/twilio/speech: a call to the hotline's Twilio number. The voice route
// greets the caller and listens; the speech route queues what they said (one complaint per CallSid) and reads back
// the reference and receipt code once it is on the queue — while another delivery of the call is still queueing it,
// the caller holds and Twilio comes back. Pressing 1 asks for a call back: only then is the caller's number kept.
// Both answer 403 unless X-Twilio-Signature matches.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { queuedDelivery, queueOnce, recordOutcome } from '#adapters/channel-intake.ts';
import { channelSecrets } from '#adapters/channel-secrets.ts';
import { systemClock } from '#adapters/clock.ts';
import { sealContact } from '#adapters/contact-sealer.ts';
import { publicUrl } from '#adapters/environment.ts';
import { masterSecret } from '#adapters/secrets.ts';
import { callbackNumber, callerNumberOf, callIntakeMessage } from '#domain/channels/call.ts';
import {
  type CallStep,
  callbackChosenTwiml,
  englishTwiml,
  formParameters,
  greetingTwiml,
  holdTwiml,
  MAX_HOLDS,
  noComplaintTwiml,
  receiptTwiml,
  repeatTwiml,
  SpeechQuerySchema,
  speechUrl,
  spokenComplaint,
  type TwilioCallback,
  TwilioCallbackSchema,
  twilioCallDetails,
  twilioReference,
  twilioSignatureMatches,
} from '#domain/channels/twilio.ts';
import { deriveReferenceKeys, type ReferenceKeys, receiptCode } from '#domain/reference.ts';
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

/**
 * Twilio is back after a "please hold": read the reference out once the other delivery has queued the complaint,
 * hold again while it is still at it, and ask the caller to say it again if it gave up (or never finishes).
 */
async function afterHold(
  callback: TwilioCallback,
  step: CallStep,
  hold: number,
  keys: ReferenceKeys,
): Promise<HttpResult> {
  const base = `${publicUrl()}${SPEECH_PATH}`;
  const reference = twilioReference(callback.CallSid, keys);
  const delivery = await queuedDelivery(reference, systemClock());
  if (delivery?.state === 'queued') {
    const callingBack = step.callback && callerNumberOf(callback.From) !== undefined;
    return twiml(receiptTwiml(step.language, reference, receiptCode(reference, keys), callingBack));
  }
  if (delivery?.state === 'claimed' && hold < MAX_HOLDS) {
    return twiml(holdTwiml(step.language, speechUrl(base, step, hold + 1)));
  }
  logger.info('call not on the queue after holding; caller asked to repeat', { platform: 'twilio', hold });
  return twiml(repeatTwiml(step.language, speechUrl(base, step)));
}

async function speech(event: ParsedEvent): Promise<HttpResult> {
  const callback = TwilioCallbackSchema.parse(event.body ?? {});
  const query = SpeechQuerySchema.parse(event.queryStringParameters ?? {});
  const step: CallStep = { language: query.language ?? 'zh-CN', callback: query.callback === '1' };
  const base = `${publicUrl()}${SPEECH_PATH}`;
  const canCallBack = callerNumberOf(callback.From) !== undefined;
  const secret = await masterSecret();
  const keys = deriveReferenceKeys(secret);
  const reference = twilioReference(callback.CallSid, keys);
  logger.appendKeys({ reference });
  if (query.hold !== undefined) return afterHold(callback, step, Number(query.hold), keys);

  if (!callback.SpeechResult) {
    if (step.language === 'zh-CN' && callback.Digits === '2') {
      const english: CallStep = { ...step, language: 'en' };
      return twiml(englishTwiml(speechUrl(base, english), canCallBack && !step.callback));
    }
    if (callback.Digits === '1' && canCallBack && !step.callback) {
      return twiml(callbackChosenTwiml(step.language, speechUrl(base, { ...step, callback: true })));
    }
  }
  const complaint = spokenComplaint(callback);
  if (complaint === undefined) {
    logger.info('call ended without a complaint', { platform: 'twilio' });
    return twiml(noComplaintTwiml(step.language));
  }

  // The number is kept only for a caller who pressed 1, and only when it is one we could call.
  const number = callbackNumber(step.callback, callback.From);
  const result = await queueOnce(
    callIntakeMessage({
      reference,
      receivedAt: systemClock(),
      language: step.language,
      anonymous: true,
      complaint,
      call: twilioCallDetails(callback, undefined),
      callback:
        number === undefined
          ? undefined
          : { sealedContact: sealContact({ phone: number }, reference, secret) },
    }),
    systemClock(),
  );
  recordOutcome(result, 'call', { channel: 'hotline', platform: 'twilio' });
  // Another delivery of this call is queueing it: nothing is known to be recorded yet, so no reference is read.
  if (result.outcome === 'in-flight') return twiml(holdTwiml(step.language, speechUrl(base, step, 1)));
  return twiml(
    receiptTwiml(step.language, result.reference, receiptCode(result.reference, keys), number !== undefined),
  );
}

export const handler = httpApi(
  async (event) => {
    if (event.rawPath === SPEECH_PATH) return speech(event);
    const callback = TwilioCallbackSchema.parse(event.body ?? {});
    return twiml(greetingTwiml(`${publicUrl()}${SPEECH_PATH}`, callerNumberOf(callback.From) !== undefined));
  },
  { authenticate: verifySignature },
);
