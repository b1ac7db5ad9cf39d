// Invoked by an Amazon Connect contact flow: queue what the flow collected (once per ContactId) and answer the flat
// string map a flow reads, {reference, receiptCode}, or {error, message} for a flow to branch on.
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
import { callerNumberOf, callIntakeMessage } from '#domain/channels/call.ts';
import { connectCallDetails, connectCallOf, connectComplaint } from '#domain/channels/connect.ts';
import { submissionReference } from '#domain/intake.ts';
import { deriveReferenceKeys, receiptCode } from '#domain/reference.ts';
import { logger, metrics } from '../observability.ts';

/** What a flow reads: Connect accepts only a flat map of strings. */
export type ConnectAnswer = Record<string, string>;

/** A flow that sent something unusable gets this, not an exception, so it can say so to the caller. */
function refusal(error: $ZodError): ConnectAnswer {
  const [issue] = error.issues;
  return {
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
  const callerNumber = callerNumberOf(call.callerNumber);
  const anonymous = parameters.anonymous ?? true;
  const result = await queueOnce(
    callIntakeMessage({
      reference,
      receivedAt: systemClock(),
      language: parameters.language,
      anonymous,
      complaint,
      call: connectCallDetails(call),
      sealedContact:
        parameters.callbackRequested && !anonymous && callerNumber !== undefined
          ? sealContact({ phone: callerNumber }, reference, secret)
          : undefined,
      sealedCallerNumber:
        callerNumber === undefined ? undefined : sealContact({ phone: callerNumber }, reference, secret),
    }),
    systemClock(),
  );
  recordOutcome(result, 'call', { channel: 'hotline', platform: 'connect' });
  return { reference: result.reference, receiptCode: receiptCode(result.reference, keys) };
}

export const handler = middy(accept)
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
