// Queues a complaint of a channel once: claim the delivery, queue the message, remember it. A replay within the
// window answers as before and queues nothing; a failed queueing gives the claim up so the retry goes through.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { IntakeMessage } from '#domain/intake-message.ts';
import { logger, metrics } from '../observability.ts';
import {
  claimDelivery,
  deliveryKey,
  findDelivery,
  markQueued,
  recordAlias,
  releaseClaim,
} from './delivery-register.ts';
import { enqueueComplaint } from './intake-queue.ts';

export type QueueOutcome =
  /** Queued now: answer 202. */
  | { readonly outcome: 'queued'; readonly reference: string }
  /** Seen in the last ten minutes: answer as before (200), nothing queued. */
  | { readonly outcome: 'repeated'; readonly reference: string }
  /**
   * The same complaint is being queued by another delivery at this moment: nothing queued here, and nothing known
   * yet — that delivery may still fail and give its claim up. Answer so that the sender comes back (409, hold).
   */
  | { readonly outcome: 'in-flight'; readonly reference: string };

/**
 * `aliases` are other names the sender may replay the delivery under (a webhook id): a replay under one of them
 * answers with the reference it was first given, even if the body it carries differs.
 */
export async function queueOnce(
  message: IntakeMessage,
  now: Date,
  aliases: readonly string[] = [],
): Promise<QueueOutcome> {
  for (const alias of aliases) {
    const seen = await findDelivery(alias, now);
    if (seen?.state === 'queued') return { outcome: 'repeated', reference: seen.reference };
  }
  const key = deliveryKey.reference(message.reference);
  const claim = await claimDelivery(key, message.reference, now);
  if (claim.outcome === 'seen') return { outcome: 'repeated', reference: claim.record.reference };
  if (claim.outcome === 'in-flight') return { outcome: 'in-flight', reference: claim.record.reference };
  try {
    await enqueueComplaint(message);
  } catch (error) {
    await releaseClaim(key, claim.claimedAt);
    throw error;
  }
  await markQueued(key, claim.claimedAt);
  for (const alias of aliases) await recordAlias(alias, message.reference, now);
  return { outcome: 'queued', reference: message.reference };
}

/** A request that is queued but whose case the worker has not written yet (Open311's GET by id). */
export async function queuedDelivery(reference: string, now: Date) {
  return findDelivery(deliveryKey.reference(reference), now);
}

const OUTCOME_RECORD: Readonly<Record<QueueOutcome['outcome'], { metric: string; log: string }>> = {
  queued: { metric: 'ComplaintAccepted', log: 'accepted' },
  repeated: { metric: 'DeliveryReplayed', log: 'replayed; answered as before' },
  'in-flight': {
    metric: 'DeliveryInFlight',
    log: 'being queued by another delivery; answered without a reference',
  },
};

/**
 * Counts and logs what a channel did with a delivery, the same way for every channel: accepted now, a replay
 * answered as before, or one whose twin is still being queued. `what` names the delivery in the log (`call`,
 * `service request`); never its content.
 */
export function recordOutcome(
  result: QueueOutcome,
  what: string,
  details: Readonly<Record<string, string>>,
): void {
  const record = OUTCOME_RECORD[result.outcome];
  metrics.addMetric(record.metric, MetricUnit.Count, 1);
  logger.info(`${what} ${record.log}`, { reference: result.reference, outcome: result.outcome, ...details });
}
