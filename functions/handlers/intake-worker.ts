// SQS intake queue → case records: open the case, triage it, note related cases, write its head and its opening
// event once. Each record stands alone: a bad one fails by itself and, after repeated failure, ends in the DLQ.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { announceTransition } from '#adapters/case-events.ts';
import { casesAbout, createCase, eventSortKey, findCase } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { assetRoot } from '#adapters/environment.ts';
import { enqueueNotifications } from '#adapters/notify-queue.ts';
import { deadlineCalendar, deadlineConfig } from '#config/office.ts';
import { OPENCC_DATA_FOLDER } from '#config/simplified-chinese.ts';
import { TRIAGE_DATA_FOLDER, triageConfigIn } from '#config/triage-data.ts';
import { openCase } from '#domain/case.ts';
import {
  linkableOf,
  MAX_RECORDED_RELATED,
  openingTransition,
  relatedSince,
  subjectKey,
  type TriageOutcome,
  triageInputOf,
} from '#domain/case-triage.ts';
import { type IntakeMessage, IntakeMessageSchema } from '#domain/intake-message.ts';
import { noticesAtOpening } from '#domain/notifications/opening.ts';
import { findRelatedCases } from '#domain/triage/related.ts';
import { triage } from '#domain/triage/triage.ts';
import { logger, metrics } from '../observability.ts';
import { recordBody } from '../queue-record.ts';

const processor = new BatchProcessor(EventType.SQS);

/** Read once, in the init phase: a function shipped without its triage data fails to start, not on a complaint. */
const triageConfig = triageConfigIn(assetRoot(TRIAGE_DATA_FOLDER), assetRoot(OPENCC_DATA_FOLDER));

/** Triage, or keep the case for a person when triage fails: the complaint is never lost to a triage error. */
async function triaged(message: IntakeMessage, now: Date): Promise<TriageOutcome> {
  let result: ReturnType<typeof triage>;
  try {
    result = triage(triageInputOf(message), triageConfig);
  } catch (error) {
    const failure = (error as Error).name || 'Error';
    logger.error('triage failed; case kept for manual triage', { reference: message.reference, failure });
    metrics.addMetric('TriageFailed', MetricUnit.Count, 1);
    return { failure };
  }
  // Only complaints naming both a unit and an official can be related; the rest cost no query. The most recent
  // few are recorded on the new case and nothing is written onto the earlier ones, so a flood about one official
  // costs one bounded query and one write per case; readers find the rest through the subject index.
  const subject = subjectKey(result.unitId, message.complaint.officialName);
  const relatedCases =
    subject === undefined
      ? []
      : findRelatedCases(
          linkableOf({ ...openCase(message, now), unitId: result.unitId }),
          await casesAbout(
            subject,
            relatedSince(message.receivedAt),
            message.receivedAt,
            MAX_RECORDED_RELATED + 1,
          ),
        ).slice(-MAX_RECORDED_RELATED);
  return { result, relatedCases };
}

async function openCaseFrom(record: SQSRecord): Promise<void> {
  const message = recordBody(record, IntakeMessageSchema);
  const now = systemClock();
  const opening = openingTransition(
    message,
    await triaged(message, now),
    now,
    deadlineCalendar,
    deadlineConfig,
  );
  if (opening.missingYears.length > 0) {
    logger.warn('calendar lacks a year: deadlines counted on weekends alone', {
      reference: message.reference,
      years: opening.missingYears,
    });
    metrics.addMetric('CalendarYearMissing', MetricUnit.Count, 1);
  }
  // The projector hears of the opening before it commits: it is counted once however often this runs.
  await announceTransition(opening.event, eventSortKey(opening.event));
  const outcome = await createCase(opening, message.sealedContact);
  // A duplicate delivery queues the notices of the case as stored (an earlier attempt may have failed just here),
  // never of a fresh triage that a changed configuration could make differ; the notifier sends each once.
  const stored = outcome === 'created' ? opening.next : ((await findCase(message.reference)) ?? opening.next);
  await enqueueNotifications(noticesAtOpening(stored, deadlineConfig));

  metrics.addMetric(outcome === 'created' ? 'CaseCreated' : 'DuplicateDelivery', MetricUnit.Count, 1);
  logger.info(outcome === 'created' ? 'case created' : 'duplicate delivery ignored', {
    reference: message.reference,
    messageId: record.messageId,
    status: stored.status,
    bodyId: stored.bodyId,
    related: stored.relatedCases?.length ?? 0,
  });
}

export const handler = middy(async (event: SQSEvent, context: Context) => {
  const response = await processPartialResponse(event, openCaseFrom, processor, { context });
  // Failed records return to the queue and, after repeated failure, reach the DLQ and its alarm.
  metrics.addMetric('IntakeRecordFailed', MetricUnit.Count, response.batchItemFailures.length);
  return response;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
