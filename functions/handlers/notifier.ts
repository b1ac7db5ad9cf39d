// SQS notify queue → email and SMS. Each message has its own record in the case (case + milestone + recipient +
// channel): claimed before the send, confirmed after, so a redelivered or retried job never repeats a confirmed send,
// and a crash between a send and its confirmation repeats at most that one send, once. A send that keeps failing
// fails its record alone and, after repeated failure, ends in the DLQ and its alarm. SMS are capped per day.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { findCase, legacySealedContact } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { openContact } from '#adapters/contact-sealer.ts';
import { sealedContactOf } from '#adapters/contact-store.ts';
import { sendEmail } from '#adapters/email.ts';
import { publicUrl } from '#adapters/environment.ts';
import {
  claimSend,
  FAILED_SEND,
  type SendKey,
  settle,
  takeSmsAllowance,
} from '#adapters/notification-log.ts';
import { masterSecret } from '#adapters/secrets.ts';
import { sendSms } from '#adapters/sms.ts';
import { deadlineCalendar, deadlineConfig, directory } from '#config/office.ts';
import { localDay } from '#domain/deadlines/calendar.ts';
import { type Delivery, deliveriesFor, staleReason } from '#domain/notifications/deliveries.ts';
import { type NotifyJob, NotifyJobSchema, TO_REPORTER } from '#domain/notifications/job.ts';
import { logger, metrics } from '../observability.ts';
import { recordBody } from '../queue-record.ts';

const processor = new BatchProcessor(EventType.SQS);

export class CaseNotFoundError extends Error {
  override readonly name = 'CaseNotFoundError';
}

export class SendFailedError extends Error {
  override readonly name = 'SendFailedError';
}

/** Another delivery of the same job is sending a message right now (or crashed moments ago): try again later. */
export class SendInProgressError extends Error {
  override readonly name = 'SendInProgressError';
}

/** Sends one message unless the SMS cap bites; answers what was recorded. */
async function deliver(job: NotifyJob, delivery: Delivery, now: Date): Promise<string> {
  if (delivery.channel === 'sms') {
    // The reporter is counted under the case reference: no phone number ever becomes a key.
    const counter = delivery.recipient === 'reporter' ? `case-${job.reference}` : delivery.recipient;
    const allowance = await takeSmsAllowance(
      localDay(now, deadlineCalendar),
      counter,
      deadlineConfig.smsCap,
      now,
    );
    if (allowance !== 'allowed') {
      metrics.addMetric('SmsCapReached', MetricUnit.Count, 1);
      logger.warn('SMS cap reached; not sent', {
        reference: job.reference,
        recipient: delivery.recipient,
        allowance,
      });
      return `sms-capped:${allowance}`;
    }
    await sendSms(delivery.to, delivery.text);
    return 'sms';
  }
  await sendEmail({ to: delivery.to, subject: delivery.subject, text: delivery.text });
  return 'email';
}

async function notify(record: SQSRecord): Promise<void> {
  const job = recordBody(record, NotifyJobSchema);
  const now = systemClock();
  const found = await findCase(job.reference);
  if (found === undefined) throw new CaseNotFoundError(`no case ${job.reference}`);
  const stale = staleReason(job, found);
  if (stale !== undefined) {
    logger.info('notification no longer due', { reference: job.reference, milestone: job.milestone, stale });
    return;
  }
  const reporterNotice = TO_REPORTER.has(job.kind);
  const sealedContact =
    reporterNotice && found.hasContact
      ? ((await sealedContactOf(found.reference)) ?? (await legacySealedContact(found)))
      : undefined;
  const contact =
    sealedContact === undefined
      ? undefined
      : openContact(sealedContact, found.reference, await masterSecret());
  const deliveries = deliveriesFor(job, found, {
    directory,
    config: deadlineConfig,
    calendar: deadlineCalendar,
    publicUrl: publicUrl(),
    contact,
  });
  let failed = 0;
  let busy = 0;
  for (const delivery of deliveries) {
    const key: SendKey = {
      reference: job.reference,
      at: job.at,
      milestone: job.milestone,
      recipient: delivery.recipient,
      channel: delivery.channel,
    };
    const claim = await claimSend(key, now);
    if (claim.outcome === 'done') continue;
    if (claim.outcome === 'busy') {
      busy++;
      continue;
    }
    if (claim.outcome === 'given-up') {
      metrics.addMetric('NotificationGivenUp', MetricUnit.Count, 1);
      logger.error('send given up after a repeated crash', {
        reference: job.reference,
        milestone: job.milestone,
        recipient: delivery.recipient,
        channel: delivery.channel,
      });
      continue;
    }
    if (claim.attempt > 1) metrics.addMetric('NotificationResent', MetricUnit.Count, 1);
    let outcome: string;
    try {
      outcome = await deliver(job, delivery, now);
    } catch (error) {
      // The others still go; this record fails and comes back for what is missing. The claim is released so the
      // retry sends at once instead of waiting out the lease.
      failed++;
      await settle(key, FAILED_SEND);
      logger.error('send failed', {
        reference: job.reference,
        milestone: job.milestone,
        recipient: delivery.recipient,
        channel: delivery.channel,
        error: (error as Error).name,
      });
      continue;
    }
    await settle(key, outcome === 'sms' || outcome === 'email' ? 'sent' : outcome);
    metrics.addMetric(
      outcome.startsWith('sms-capped') ? 'NotificationCapped' : 'NotificationSent',
      MetricUnit.Count,
      1,
    );
  }
  if (failed > 0) throw new SendFailedError(`${failed} of ${deliveries.length} sends failed`);
  if (busy > 0)
    throw new SendInProgressError(`${busy} of ${deliveries.length} sends are in progress elsewhere`);
  logger.info('notified', {
    reference: job.reference,
    milestone: job.milestone,
    deliveries: deliveries.length,
  });
}

export const handler = middy(async (event: SQSEvent, context: Context) => {
  // Failed records are answered as failed items even when every record failed (SQS
  // redelivers them either way): a batch that is only a send in progress elsewhere is not an
  // error of this function. Real failures are counted below and alarmed on
  // (NotifyRecordFailed in lib/defaults.ts).
  const response = await processPartialResponse(event, notify, processor, {
    context,
    throwOnFullBatchFailure: false,
  });
  metrics.addMetric('NotifyRecordFailed', MetricUnit.Count, response.batchItemFailures.length);
  return response;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
