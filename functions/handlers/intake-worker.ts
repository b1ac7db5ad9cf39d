// SQS intake queue → case records. Each record stands alone: a bad one fails by itself and ends in the DLQ.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { parser } from '@aws-lambda-powertools/batch/parser';
import type { ParsedRecord } from '@aws-lambda-powertools/batch/types';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import type { SqsRecord } from '@aws-lambda-powertools/parser/types';
import { captureLambdaHandler } from '@aws-lambda-powertools/tracer/middleware';
import middy from '@middy/core';
import type { Context, SQSEvent } from 'aws-lambda';
import { createCase } from '#adapters/case-store.ts';
import { openCase } from '#domain/case.ts';
import { systemClock } from '#domain/clock.ts';
import { type IntakeMessage, IntakeMessageSchema } from '#domain/intake-message.ts';
import { logger, metrics, tracer } from '../observability.ts';

const processor = new BatchProcessor(EventType.SQS, {
  parser,
  innerSchema: IntakeMessageSchema,
  transformer: 'json',
  logger,
});

async function openCaseFrom(record: ParsedRecord<SqsRecord, IntakeMessage>): Promise<void> {
  const message = record.body;
  const outcome = await createCase(openCase(message, systemClock()));
  metrics.addMetric(outcome === 'created' ? 'CaseCreated' : 'DuplicateDelivery', MetricUnit.Count, 1);
  logger.info(outcome === 'created' ? 'case created' : 'duplicate delivery ignored', {
    reference: message.reference,
    messageId: record.messageId,
  });
}

export const handler = middy(async (event: SQSEvent, context: Context) => {
  const response = await processPartialResponse(event, openCaseFrom, processor, { context });
  // Failed records return to the queue and, after repeated failure, reach the DLQ and its alarm.
  metrics.addMetric('IntakeRecordFailed', MetricUnit.Count, response.batchItemFailures.length);
  return response;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }))
  .use(captureLambdaHandler(tracer));
