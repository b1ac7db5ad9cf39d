// Scheduled every few minutes: reads the byDue index shards up to now, claims each case's due milestones with one
// conditional write, queues their notifications and moves the case's next due time on. Bounded pages; it stops
// well before its own timeout and leaves the rest to the next run (they stay due in the index).
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { findCase } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { claimMilestones, dueCases, dueShards, releaseClaim } from '#adapters/due-cases.ts';
import { enqueueNotifications } from '#adapters/notify-queue.ts';
import { deadlineCalendar, deadlineConfig } from '#config/office.ts';
import { planSweep } from '#domain/deadlines/clocks.ts';
import type { NotifyJob } from '#domain/notifications/job.ts';
import { logger, metrics } from '../observability.ts';

/** Index items per query page. */
const PAGE_SIZE = 100;
/** Stop starting work when less than this is left of the invocation. */
const SAFETY_MARGIN_MS = 30_000;

export interface SweepSummary {
  readonly due: number;
  readonly claimed: number;
  readonly lost: number;
  readonly queued: number;
  readonly indexItemsRead: number;
  readonly caseItemsRead: number;
  /** Stopped for time with cases still due; the next run picks them up. */
  readonly stoppedEarly: boolean;
}

async function sweepCase(reference: string, now: Date, tally: Record<string, number>): Promise<void> {
  const record = await findCase(reference);
  tally.caseItemsRead = (tally.caseItemsRead ?? 0) + 1;
  if (record === undefined) return;
  const plan = planSweep(record, now, deadlineConfig, deadlineCalendar);
  if (plan.missingYears.length > 0) {
    logger.warn('calendar lacks a year: counted on weekends alone', { reference, years: plan.missingYears });
    metrics.addMetric('CalendarYearMissing', MetricUnit.Count, 1);
  }
  // The index lags the table a little: a case already moved on by another writer needs nothing.
  if (plan.claim.length === 0 && plan.nextDueAt === record.nextDueAt) return;
  const outcome = await claimMilestones(record, plan, now);
  if (outcome === 'lost') {
    tally.lost = (tally.lost ?? 0) + 1;
    return;
  }
  tally.claimed = (tally.claimed ?? 0) + 1;
  const jobs: NotifyJob[] = plan.send.map((m) => ({
    reference,
    milestone: m.id,
    kind: m.kind,
    clock: m.clock,
    level: m.level,
    dueAt: m.dueAt,
  }));
  try {
    await enqueueNotifications(jobs);
  } catch (error) {
    // Nothing may be lost between the claim and the queue: undo the claim so the next run tries again.
    logger.error('notifications not queued; claim released', { reference, error: (error as Error).name });
    await releaseClaim(record, now);
    throw error;
  }
  tally.queued = (tally.queued ?? 0) + jobs.length;
}

export async function sweep(now: Date, remainingMs: () => number): Promise<SweepSummary> {
  const tally: Record<string, number> = {};
  let stoppedEarly = false;
  let failures = 0;
  for (const shard of dueShards()) {
    let start: Record<string, unknown> | undefined;
    do {
      if (remainingMs() < SAFETY_MARGIN_MS) {
        stoppedEarly = true;
        break;
      }
      const page = await dueCases(shard, now, PAGE_SIZE, start);
      tally.indexItemsRead = (tally.indexItemsRead ?? 0) + page.read;
      tally.due = (tally.due ?? 0) + page.references.length;
      for (const reference of page.references) {
        try {
          await sweepCase(reference, now, tally);
        } catch (error) {
          // One case's trouble must not hold up the others; it stays due and the next run retries it.
          failures++;
          logger.error('sweep of a case failed', { reference, error: (error as Error).name });
        }
      }
      start = page.next;
    } while (start !== undefined);
  }
  metrics.addMetric('SweepCaseFailed', MetricUnit.Count, failures);
  metrics.addMetric('MilestonesQueued', MetricUnit.Count, tally.queued ?? 0);
  return {
    due: tally.due ?? 0,
    claimed: tally.claimed ?? 0,
    lost: tally.lost ?? 0,
    queued: tally.queued ?? 0,
    indexItemsRead: tally.indexItemsRead ?? 0,
    caseItemsRead: tally.caseItemsRead ?? 0,
    stoppedEarly,
  };
}

export const handler = middy(async (_event: unknown, context: Context) => {
  // The clock, not the event's time: a retried run sweeps up to when it runs.
  const summary = await sweep(systemClock(), () => context.getRemainingTimeInMillis());
  logger.info('sweep done', { ...summary });
  return summary;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
