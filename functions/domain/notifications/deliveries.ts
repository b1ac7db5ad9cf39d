// What one notification job means in messages: each recipient and channel, its idempotency key and its words.
// Pure: the notifier gives it the case, the directory, the rules and (for reporters only) the opened contact.
import type { Case } from '../case.ts';
import type { Contact, Language } from '../complaint.ts';
import type { Calendar } from '../deadlines/calendar.ts';
import { runningClocks } from '../deadlines/clocks.ts';
import type { DeadlineConfig } from '../deadlines/config.ts';
import { e164 } from '../phone.ts';
import type { Directory } from '../triage/directory.ts';
import { type NotificationKind, type NotifyJob, TO_REPORTER } from './job.ts';
import { bodyAbove, staffRecipients } from './recipients.ts';
import { renderNotification } from './templates.ts';

export type Channel = 'email' | 'sms';

export interface Delivery {
  /** `<milestone>|<recipient>|<channel>`: recorded on the case once sent, so nothing is sent twice. */
  readonly key: string;
  /** Who, without personal data: a directory person's id, or `reporter`. */
  readonly recipient: string;
  readonly channel: Channel;
  /** An email address or an E.164 phone number: used to send, never logged or recorded. */
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface DeliveryContext {
  readonly directory: Directory;
  readonly config: DeadlineConfig;
  readonly calendar: Calendar;
  readonly publicUrl: string;
  /** The reporter's contact, opened only for reporter notices. */
  readonly contact?: Contact | undefined;
}

/** Why a job sends nothing: its clock stopped after it was queued. */
export function staleReason(job: NotifyJob, record: Case): string | undefined {
  if (job.kind !== 'reminder' && job.kind !== 'overdue' && job.kind !== 'escalation') return undefined;
  const running = runningClocks(record).some((clock) => clock.clock === job.clock);
  return running ? undefined : 'clock stopped';
}

function outcomeOf(job: NotifyJob, record: Case): 'substantiated' | 'unfounded' {
  return job.outcome ?? record.outcome ?? (record.status === 'unfounded' ? 'unfounded' : 'substantiated');
}

/** Staff hear what a reporter did by email alone: it never needs them at once, and an SMS would say no more. */
const REPORTER_NEWS_CHANNELS = ['email'] as const;

function staffChannels(kind: NotificationKind, config: DeadlineConfig): readonly Channel[] {
  switch (kind) {
    case 'reminder':
    case 'overdue':
    case 'escalation':
    case 'announcement':
      return config.channels[kind];
    default:
      return REPORTER_NEWS_CHANNELS;
  }
}

export function deliveriesFor(job: NotifyJob, record: Case, context: DeliveryContext): Delivery[] {
  const { directory, config, calendar } = context;
  const repeat = job.kind === 'escalation' ? Number(job.milestone.split('-').at(-1)) : undefined;
  const facts = {
    kind: job.kind,
    reference: record.reference,
    category: record.category,
    severity: record.severity,
    clock: job.clock,
    dueAt: job.dueAt,
    repeat,
    timeZone: calendar.timeZone,
    utcOffsetMinutes: calendar.utcOffsetMinutes,
  };
  if (TO_REPORTER.has(job.kind)) {
    const contact = context.contact;
    if (contact === undefined) return [];
    const language: Language = record.language;
    const rendered = renderNotification(
      {
        ...facts,
        clock: undefined,
        dueAt: undefined,
        ...(job.kind === 'reporter-conclusion'
          ? { outcome: outcomeOf(job, record), merged: record.status === 'merged' }
          : {}),
        link: `${context.publicUrl}/status`,
      },
      language,
    );
    const deliveries: Delivery[] = [];
    for (const channel of config.channels.reporter) {
      // A number that is not one (a case sealed before numbers were checked at intake) gets no SMS.
      const to =
        channel === 'email' ? contact.email : contact.phone === undefined ? undefined : e164(contact.phone);
      if (to === undefined) continue;
      deliveries.push({
        key: `${job.milestone}|reporter|${channel}`,
        recipient: 'reporter',
        channel,
        to,
        subject: rendered.subject,
        text: channel === 'email' ? rendered.text : rendered.sms,
      });
    }
    return deliveries;
  }
  const assigned = bodyAbove(directory, record.bodyId ?? directory.defaultBodyId, 0);
  const language = config.staffLanguage;
  const rendered = renderNotification(
    {
      ...facts,
      bodyName: assigned.names[language === 'zh-CN' ? 'zh' : 'en'],
      // The console's own route to a case; after a sign-in it opens there.
      link: `${context.publicUrl}/console/#/cases/${encodeURIComponent(record.reference)}`,
    },
    language,
  );
  const channels = staffChannels(job.kind, config);
  return staffRecipients(job, record.bodyId, directory, record.assigneeId).flatMap((person) =>
    channels.flatMap((channel) => {
      // The directory's numbers are checked when it is compiled; one that is not a number gets no SMS.
      const to = channel === 'email' ? person.email : e164(person.phone);
      if (to === undefined) return [];
      return [
        {
          key: `${job.milestone}|${person.id}|${channel}`,
          recipient: person.id,
          channel,
          to,
          subject: rendered.subject,
          text: channel === 'email' ? rendered.text : rendered.sms,
        },
      ];
    }),
  );
}
