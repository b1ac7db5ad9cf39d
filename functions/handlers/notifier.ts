// SQS notify queue → email and SMS. Each send is recorded in the case history once (case + milestone + recipient
// + channel), all of a job's sends in one write, so a redelivered or retried job sends only what is still missing;
// a send that keeps failing fails its record alone and, after repeated failure, ends in the DLQ and its alarm.
// SMS are capped per day.
import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context, SQSEvent, SQSRecord } from 'aws-lambda';
import { findCase } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { openContact } from '#adapters/contact-sealer.ts';
import { sendEmail } from '#adapters/email.ts';
import { publicUrl } from '#adapters/environment.ts';
import { recordNotifications, type SentNotification, takeSmsAllowance } from '#adapters/notification-log.ts';
import { masterSecret } from '#adapters/secrets.ts';
import { sendSms } from '#adapters/sms.ts';
import { deadlineCalendar, deadlineConfig, directory } from '#config/office.ts';
import { SYSTEM_ACTOR } from '#domain/case.ts';
import { localDay } from '#domain/deadlines/calendar.ts';
import { type Delivery, deliveriesFor, staleReason } from '#domain/notifications/deliveries.ts';
import { type NotifyJob, NotifyJobSchema } from '#domain/notifications/job.ts';
import { logger, metrics } from '../observability.ts';
import { recordBody } from '../queue-record.ts';

const processor = new BatchProcessor(EventType.SQS);

export class CaseNotFoundError extends Error {
  override readonly name = 'CaseNotFoundError';
}

export class SendFailedError extends Error {
  override readonly name = 'SendFailedError';
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
  const reporterNotice = job.kind === 'reporter-acknowledgement' || job.kind === 'reporter-conclusion';
  const contact =
    reporterNotice && found.sealedContact !== undefined
      ? openContact(found.sealedContact, found.reference, await masterSecret())
      : undefined;
  const deliveries = deliveriesFor(job, found, {
    directory,
    config: deadlineConfig,
    calendar: deadlineCalendar,
    publicUrl: publicUrl(),
    contact,
  });
  const already = new Set(found.notificationsSent ?? []);
  const sent: SentNotification[] = [];
  let failed = 0;
  for (const delivery of deliveries) {
    if (already.has(delivery.key)) continue;
    try {
      const outcome = await deliver(job, delivery, now);
      sent.push({
        key: delivery.key,
        entry: {
          at: now.toISOString(),
          actor: SYSTEM_ACTOR,
          action: 'notified',
          note: `${job.milestone} ${outcome} → ${delivery.recipient}`,
        },
      });
      metrics.addMetric(
        outcome.startsWith('sms-capped') ? 'NotificationCapped' : 'NotificationSent',
        MetricUnit.Count,
        1,
      );
    } catch (error) {
      // The others still go; this record fails and comes back for what is missing.
      failed++;
      logger.error('send failed', {
        reference: job.reference,
        milestone: job.milestone,
        recipient: delivery.recipient,
        channel: delivery.channel,
        error: (error as Error).name,
      });
    }
  }
  // What went out is recorded, in one write, before a failure sends the job back for what is missing.
  await recordNotifications(job.reference, sent);
  if (failed > 0) throw new SendFailedError(`${failed} of ${deliveries.length} sends failed`);
  logger.info('notified', {
    reference: job.reference,
    milestone: job.milestone,
    deliveries: deliveries.length,
  });
}

export const handler = middy(async (event: SQSEvent, context: Context) => {
  const response = await processPartialResponse(event, notify, processor, { context });
  metrics.addMetric('NotifyRecordFailed', MetricUnit.Count, response.batchItemFailures.length);
  return response;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
