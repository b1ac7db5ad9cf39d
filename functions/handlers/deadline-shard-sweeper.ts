// One shard of the due index, swept up to the sweep's time: for each due case, its notices are queued first and its
// milestones claimed after (a crash in between queues them again next time; the notifier's send records absorb the
// duplicates), many cases at once. A shard with more due than one invocation can take queues its own continuation;
// a case whose sweep keeps failing is set aside for a person, with an alarm, instead of being retried for ever.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { findCase } from '#adapters/case-store.ts';
import { claimMilestones, dueCases, recordSweepFailure } from '#adapters/due-cases.ts';
import { enqueueNotifications } from '#adapters/notify-queue.ts';
import { enqueueSweeps } from '#adapters/sweep-queue.ts';
import { deadlineCalendar, deadlineConfig } from '#config/office.ts';
import { planSweep, toldAtOnce } from '#domain/deadlines/clocks.ts';
import { type SweepJob, SweepJobSchema } from '#domain/deadlines/sweep-job.ts';
import type { NotifyJob } from '#domain/notifications/job.ts';
import { logger, metrics } from '../observability.ts';
import { recordBody } from '../queue-record.ts';

const processor = new BatchProcessor(EventType.SQS);

/** Index items per query page. */
const PAGE_SIZE = 100;
/** Cases swept at once: the table and the queue take many small calls in parallel. */
const CONCURRENCY = 16;
/** Stop starting work when less than this is left of the invocation. */
const SAFETY_MARGIN_MS = 20_000;

export interface ShardSweep {
  due: number;
  claimed: number;
  lost: number;
  queued: number;
  failed: number;
  setAside: number;
  continued: boolean;
}

async function sweepCase(reference: string, now: Date, tally: ShardSweep): Promise<void> {
  const record = await findCase(reference);
  if (record === undefined) return;
  const plan = planSweep(record, now, deadlineConfig, deadlineCalendar);
  if (plan.missingYears.length > 0) {
    logger.warn('calendar lacks a year: counted on weekends alone', { reference, years: plan.missingYears });
    metrics.addMetric('CalendarYearMissing', MetricUnit.Count, 1);
  }
  // The index lags the table a little: a case already moved on by another writer needs nothing.
  if (plan.claim.length === 0 && plan.nextDueAt === record.nextDueAt) return;
  // What is told at once; the rest of what fell due reaches people in their morning digest.
  const jobs: NotifyJob[] = plan.send
    .filter((m) => toldAtOnce(m, deadlineConfig))
    .map((m) => ({
      reference,
      milestone: m.id,
      kind: m.kind,
      clock: m.clock,
      level: m.level,
      dueAt: m.dueAt,
      at: m.at,
    }));
  // Queued before the claim: a crash between the two loses nothing (the next sweep queues them again).
  await enqueueNotifications(jobs);
  tally.queued += jobs.length;
  if ((await claimMilestones(record, plan)) === 'lost') {
    tally.lost++;
    return;
  }
  tally.claimed++;
}

/** Runs `work` over `items`, at most `limit` at a time. */
async function inParallel<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      await work(item);
    }
  });
  await Promise.all(lanes);
}

export async function sweepShard(
  job: SweepJob,
  remainingMs: () => number,
  concurrency = CONCURRENCY,
): Promise<ShardSweep> {
  const until = new Date(job.until);
  const tally: ShardSweep = {
    due: 0,
    claimed: 0,
    lost: 0,
    queued: 0,
    failed: 0,
    setAside: 0,
    continued: false,
  };
  let start = job.after;
  do {
    if (remainingMs() < SAFETY_MARGIN_MS) {
      // Out of time with cases still due: the rest goes on in another invocation, from here.
      await enqueueSweeps([
        { shard: job.shard, until: job.until, ...(start === undefined ? {} : { after: start }) },
      ]);
      tally.continued = true;
      break;
    }
    const page = await dueCases(job.shard, until, PAGE_SIZE, start);
    tally.due += page.references.length;
    await inParallel(page.references, concurrency, async (reference) => {
      try {
        await sweepCase(reference, until, tally);
      } catch (error) {
        // One case's trouble must not hold up the others; past a few failures in a row it is set aside.
        tally.failed++;
        logger.error('sweep of a case failed', { reference, error: (error as Error).name });
        try {
          if (await recordSweepFailure(reference, until)) {
            tally.setAside++;
            logger.error('case set aside after repeated sweep failures', { reference });
          }
        } catch (countError) {
          logger.error('sweep failure not counted', { reference, error: (countError as Error).name });
        }
      }
    });
    start = page.next;
  } while (start !== undefined);
  metrics.addMetric('SweepCaseFailed', MetricUnit.Count, tally.failed);
  metrics.addMetric('SweepCaseSetAside', MetricUnit.Count, tally.setAside);
  metrics.addMetric('MilestonesQueued', MetricUnit.Count, tally.queued);
  return tally;
}

export const handler = middy(async (event: SQSEvent, context: Context) => {
  const swept: ShardSweep[] = [];
  const sweep = async (record: SQSRecord) => {
    const summary = await sweepShard(recordBody(record, SweepJobSchema), () =>
      context.getRemainingTimeInMillis(),
    );
    logger.info('shard swept', { ...summary });
    swept.push(summary);
  };
  const response = await processPartialResponse(event, sweep, processor, { context });
  // Lambda reads only the failures; the tallies are for whoever invokes it directly (tests, the benchmark).
  return { ...response, swept };
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
