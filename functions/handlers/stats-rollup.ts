// Scheduled hourly: rolls each body's settled days (two days back, in the office's calendar) up from their shards
// into one item per body-day, which statistics read; and rolls up again any day a late count made stale.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import {
  dayFromShards,
  nextDay,
  sealedThrough,
  setSealedThrough,
  staleDays,
  writeRollup,
} from '#adapters/aggregates.ts';
import { systemClock } from '#adapters/clock.ts';
import { deadlineCalendar, directory } from '#config/office.ts';
import { UNASSIGNED } from '#domain/aggregates.ts';
import { DAY_MS } from '#domain/clock.ts';
import { localDay } from '#domain/deadlines/calendar.ts';
import { logger, metrics } from '../observability.ts';

/** A day is settled this long after it ends: counts still arriving later mark its roll-up stale. */
const SETTLE_DAYS = 2;
/** A body never rolled up starts this far back. */
const FIRST_ROLLUP_DAYS = 400;
const SAFETY_MARGIN_MS = 15_000;

export async function rollUp(now: Date, remainingMs: () => number) {
  const settled = localDay(new Date(now.getTime() - SETTLE_DAYS * DAY_MS), deadlineCalendar);
  let days = 0;
  let redone = 0;
  for (const bodyId of [...directory.bodies.map((b) => b.id), UNASSIGNED]) {
    const sealed = await sealedThrough(bodyId);
    // From the last day sealed (again: a run that stopped between sealing it and writing it left it unwritten).
    let day =
      sealed === ''
        ? localDay(new Date(now.getTime() - FIRST_ROLLUP_DAYS * DAY_MS), deadlineCalendar)
        : sealed;
    for (; day <= settled && remainingMs() > SAFETY_MARGIN_MS; day = nextDay(day)) {
      // Sealed first: a count landing from now on marks the roll-up stale, so none is missed in between.
      await setSealedThrough(bodyId, day);
      const { counts } = await dayFromShards(bodyId, day);
      await writeRollup(bodyId, day, counts);
      days++;
    }
    for (const stale of await staleDays(bodyId)) {
      if (remainingMs() < SAFETY_MARGIN_MS) break;
      const { counts } = await dayFromShards(bodyId, stale.day);
      if (await writeRollup(bodyId, stale.day, counts, stale.mark)) redone++;
    }
  }
  metrics.addMetric('AggregateDaysRolledUp', MetricUnit.Count, days);
  metrics.addMetric('AggregateDaysRedone', MetricUnit.Count, redone);
  return { days, redone, settled };
}

export const handler = middy(async (_event: unknown, context: Context) => {
  const summary = await rollUp(systemClock(), () => context.getRemainingTimeInMillis());
  logger.info('aggregates rolled up', { ...summary });
  return summary;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
