// Scheduled every few minutes: starts a sweep of the due index by queueing one job per shard, so that the shards
// are swept by as many invocations at once (deadline-shard-sweeper.ts). Every shard is queued every run: a shard
// with nothing due costs one query.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { systemClock } from '#adapters/clock.ts';
import { dueShards } from '#adapters/due-cases.ts';
import { enqueueSweeps } from '#adapters/sweep-queue.ts';
import { logger, metrics } from '../observability.ts';

export const handler = middy(async () => {
  // The clock, not the event's time: a retried run sweeps up to when it runs.
  const until = systemClock().toISOString();
  const shards = dueShards();
  await enqueueSweeps(shards.map((shard) => ({ shard, until })));
  metrics.addMetric('SweepShardsQueued', MetricUnit.Count, shards.length);
  logger.info('sweep started', { shards: shards.length, until });
  return { shards: shards.length, until };
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
