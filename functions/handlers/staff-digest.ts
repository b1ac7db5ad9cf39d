// Scheduled every quarter of an hour: from the office's digest time on a working morning, one email per investigator
// and supervisor with what needs them today (domain/notifications/digest.ts), each sent once a day whatever the
// number of runs (a send record per person and day). On other days and hours it reads nothing.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import { listCases } from '#adapters/case-lists.ts';
import { assigneeKeyOfBody } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { sendEmail } from '#adapters/email.ts';
import { publicUrl } from '#adapters/environment.ts';
import { claimSend, FAILED_SEND, type SendKey, settle } from '#adapters/notification-log.ts';
import { deadlineCalendar, deadlineConfig, directory } from '#config/office.ts';
import { isWorkingDay, localDay, offsetAt } from '#domain/deadlines/calendar.ts';
import type { CaseSummary } from '#domain/lifecycle/summary.ts';
import { digestFor } from '#domain/notifications/digest.ts';
import { logger, metrics } from '../observability.ts';

/** The most open cases of one body a digest reads: a working set, never the body's history. */
const MAX_OPEN = 2000;

/** Whether it is digest time: a working day, at or after the configured local time. */
export function digestTime(now: Date): boolean {
  if (!isWorkingDay(now, deadlineCalendar)) return false;
  const local = new Date(now.getTime() + offsetAt(now, deadlineCalendar) * 60_000)
    .toISOString()
    .slice(11, 16);
  return local >= deadlineConfig.digest.localTime;
}

async function openCasesOf(bodyId: string, now: Date): Promise<CaseSummary[]> {
  const cases: CaseSummary[] = [];
  let after: string | undefined;
  do {
    const page = await listCases({ keys: [assigneeKeyOfBody(bodyId)], view: 'open', limit: 100, after, now });
    cases.push(...page.items);
    after = page.next;
  } while (after !== undefined && cases.length < MAX_OPEN);
  return cases;
}

/** The day's send records: one per person, and one for the run as a whole (recipient `*`). */
function digestKey(day: string, recipient: string): SendKey {
  return {
    reference: `digest-${day}`,
    partition: `DIGEST#${day}`,
    at: `${day}T00:00:00.000Z`,
    milestone: 'digest',
    recipient,
    channel: 'email',
  };
}

export interface DigestRun {
  /** Emails sent by this run. */
  readonly sent: number;
  /** Emails that failed (left for the next run). */
  readonly failed: number;
  /** Why nothing was read: not digest time, or the day's digests were sent, or another run is at it. */
  readonly skipped?: 'not-digest-time' | 'done' | 'busy' | 'given-up';
}

/**
 * Sends the day's digests. The run claims the day first, so the quarter-hourly runs after a complete one read
 * nothing, and two at once do not both read every body's cases; each person's email has its own claim, so a run
 * after a failure sends only what is missing. A failed email is recorded as such and the others still go.
 */
export async function sendDigests(now: Date): Promise<DigestRun> {
  if (!digestTime(now)) return { sent: 0, failed: 0, skipped: 'not-digest-time' };
  const day = localDay(now, deadlineCalendar);
  const run = digestKey(day, '*');
  const claim = await claimSend(run, now);
  if (claim.outcome !== 'send') return { sent: 0, failed: 0, skipped: claim.outcome };
  const consoleUrl = `${publicUrl()}/console`;
  let sent = 0;
  let failed = 0;
  for (const body of directory.bodies) {
    const cases = await openCasesOf(body.id, now);
    for (const person of body.people) {
      if (person.role === 'admin') continue;
      const digest = digestFor(person, cases, now, deadlineCalendar, consoleUrl);
      if (digest === undefined) continue;
      const key = digestKey(day, person.id);
      if ((await claimSend(key, now)).outcome !== 'send') continue;
      try {
        await sendEmail({ to: person.email, subject: digest.subject, text: digest.text });
      } catch (error) {
        // Never the address: the person's id is enough to find it.
        logger.warn('digest not sent', { recipient: person.id, error: (error as Error).name });
        await settle(key, FAILED_SEND);
        failed++;
        continue;
      }
      await settle(key, 'sent');
      sent++;
    }
  }
  await settle(run, failed === 0 ? 'sent' : FAILED_SEND);
  metrics.addMetric('DigestSent', MetricUnit.Count, sent);
  metrics.addMetric('DigestFailed', MetricUnit.Count, failed);
  return { sent, failed };
}

export const handler = middy(async () => {
  const summary = await sendDigests(systemClock());
  logger.info('digests', { ...summary });
  return summary;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
