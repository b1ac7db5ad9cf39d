// Invoked by an Amazon Connect contact flow: queue what the flow collected (once per ContactId and content) and
// answer the flat string map a flow reads. `outcome` is what the flow branches on: `recorded` with {reference,
// receiptCode, callbackRequested} once the complaint is on the queue; `in-flight` (with `error`) while another
// invocation for the same contact is still queueing it, so the flow waits and invokes again rather than read out a
// reference nothing may come of; `refused` with {error, message} for something unusable.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
// Named from zod's core: `z.core.$ZodError` would bundle the whole core namespace, every locale included.
import { $ZodError } from 'zod/v4/core';
import { queueOnce, recordOutcome } from '#adapters/channel-intake.ts';
import { systemClock } from '#adapters/clock.ts';
import { sealContact } from '#adapters/contact-sealer.ts';
import { masterSecret } from '#adapters/secrets.ts';
import { callbackNumber, callIntakeMessage } from '#domain/channels/call.ts';
import { connectCallDetails, connectCallOf, connectComplaint } from '#domain/channels/connect.ts';
import { submissionReference } from '#domain/intake.ts';
import { deriveReferenceKeys, receiptCode } from '#domain/reference.ts';
import { logger, metrics } from '../observability.ts';

/** What a flow reads: Connect accepts only a flat map of strings. */
export type ConnectAnswer = Record<string, string>;

/** How long a flow should wait before invoking again for a contact whose complaint is still being queued. */
const RETRY_AFTER_SECONDS = '2';

/** A flow that sent something unusable gets this, not an exception, so it can say so to the caller. */
function refusal(error: $ZodError): ConnectAnswer {
  const [issue] = error.issues;
  return {
    outcome: 'refused',
    error: 'invalid-request',
    message:
      issue === undefined
        ? 'invalid request'
        : `${issue.path.map(String).join('.') || '(event)'}: ${issue.message}`,
  };
}

async function accept(event: unknown): Promise<ConnectAnswer> {
  let call: ReturnType<typeof connectCallOf>;
  let complaint: ReturnType<typeof connectComplaint>;
  try {
    call = connectCallOf(event);
    complaint = connectComplaint(call);
  } catch (error) {
    if (!(error instanceof $ZodError)) throw error;
    metrics.addMetric('RequestRejected', MetricUnit.Count, 1);
    return refusal(error);
  }
  const secret = await masterSecret();
  const keys = deriveReferenceKeys(secret);
  const { parameters } = call;
  const reference = submissionReference('hotline', `connect:${call.contactId}`, parameters, keys);
  logger.appendKeys({ reference });
  // The caller's number is kept only when they asked to be called back, and only when it is one we could call.
  const number = callbackNumber(call.callbackRequested, call.callerNumber);
  const result = await queueOnce(
    callIntakeMessage({
      reference,
      receivedAt: systemClock(),
      language: parameters.language,
      anonymous: parameters.anonymous ?? true,
      complaint,
      call: connectCallDetails(call),
      callback:
        number === undefined
          ? undefined
          : { sealedContact: sealContact({ phone: number }, reference, secret) },
    }),
    systemClock(),
  );
  recordOutcome(result, 'call', { channel: 'hotline', platform: 'connect' });
  if (result.outcome === 'in-flight') {
    return {
      outcome: 'in-flight',
      error: 'delivery-in-progress',
      message: 'This contact’s complaint is being recorded by another invocation; invoke again in a moment.',
      retryAfterSeconds: RETRY_AFTER_SECONDS,
    };
  }
  return {
    outcome: 'recorded',
    reference: result.reference,
    receiptCode: receiptCode(result.reference, keys),
    // What was recorded: a request for a call back from a withheld number cannot be kept, and the flow may say so.
    callbackRequested: String(number !== undefined),
  };
}

export const handler = middy(accept)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
