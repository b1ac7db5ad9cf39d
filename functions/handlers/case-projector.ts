// SQS events queue → each transition, queued before it committed. If the head says it committed, its event is
// written (unless its writer already did), it is counted into the daily aggregates once, and what it owes the
// reporter's side is done (notices queued at once, the contact's expiry decided); a transition that lost its race,
// or never committed, is dropped. A message that arrives before its commit is looked at again shortly.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { countContribution } from '#adapters/aggregates.ts';
import { committedBy, findCase, findEvent, putEvent } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { reporterEffects } from '#adapters/reporter-effects.ts';
import { deadlineCalendar } from '#config/office.ts';
import { contributionsOf, countedId } from '#domain/aggregates.ts';
import { type TransitionEvent, TransitionMessageSchema } from '#domain/events.ts';
import { logger, metrics } from '../observability.ts';
import { recordBody } from '../queue-record.ts';

const processor = new BatchProcessor(EventType.SQS);

/** How long a transition may take to commit after it was queued (well past any function's timeout). */
const COMMIT_GRACE_MS = 2 * 60_000;

/** The transition has not committed yet: the message comes back after its visibility timeout. */
export class NotCommittedYetError extends Error {
  override readonly name = 'NotCommittedYetError';
}

async function project(record: SQSRecord): Promise<void> {
  const { sk, event: raw } = recordBody(record, TransitionMessageSchema);
  const event = raw as unknown as TransitionEvent;
  const { reference, version } = event;
  const head = await findCase(reference);
  const age = systemClock().getTime() - Number(record.attributes.SentTimestamp);
  if (head === undefined || head.version < version) {
    if (age < COMMIT_GRACE_MS) throw new NotCommittedYetError(`${reference} v${version}`);
    metrics.addMetric('TransitionNeverCommitted', MetricUnit.Count, 1);
    logger.info('transition never committed; dropped', { reference, version });
    return;
  }
  let committed = committedBy(head, sk, version);
  // Too far behind for the head to remember: the event item, written by its writer or an earlier projection, tells.
  if (committed === undefined) committed = (await findEvent(reference, sk)) !== undefined;
  if (!committed) {
    metrics.addMetric('TransitionSuperseded', MetricUnit.Count, 1);
    return;
  }
  if (await putEvent(event, sk)) {
    // Its writer crashed between the commit and the event: the record is whole again.
    metrics.addMetric('TransitionEventRepaired', MetricUnit.Count, 1);
    logger.warn('transition event written by the projector', { reference, version });
  }
  for (const contribution of contributionsOf(event, deadlineCalendar)) {
    if (await countContribution(reference, countedId(reference, version), contribution)) {
      metrics.addMetric('AggregateCounted', MetricUnit.Count, 1);
    }
  }
  // The reporter's side: told at once (the conclusion, a question), and their contact kept only as long as needed.
  const { notices } = await reporterEffects(event, head);
  if (notices > 0) metrics.addMetric('ReporterNoticesQueued', MetricUnit.Count, notices);
}

export const handler = middy(async (event: SQSEvent, context: Context) => {
  const response = await processPartialResponse(event, project, processor, { context });
  metrics.addMetric('ProjectionRetried', MetricUnit.Count, response.batchItemFailures.length);
  return response;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
