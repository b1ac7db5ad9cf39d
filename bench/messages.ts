// `npm run bench:messages`: the messages a case's life sends to staff under the office's rules as configured
// (config/deadlines.json: the morning digest, only what must not wait sent at once) against the rules before the
// digest (every milestone its own message; `critical` and `high` announced). Counted with the domain's own code —
// the milestones (deadlines/clocks.ts), who hears of each (notifications/recipients.ts), the channels, the SMS cap,
// the digest (notifications/digest.ts) — for a case handled promptly, a serious one, one ignored until its
// escalations run out, and a body's week of 30 cases. `npm run bench:record` measures the same lives through the
// real functions (its emails / SMS column) under the rules as configured.
import { deadlineCalendar, deadlineConfig, directory } from '#config/office.ts';
import type { Case } from '#domain/case.ts';
import { type Calendar, isWorkingDay, localDay, offsetAt } from '#domain/deadlines/calendar.ts';
import { clocksAfter, type Milestone, milestonesOf, toldAtOnce } from '#domain/deadlines/clocks.ts';
import type { DeadlineConfig } from '#domain/deadlines/config.ts';
import { summaryOf } from '#domain/lifecycle/summary.ts';
import { digestFor } from '#domain/notifications/digest.ts';
import type { NotifyJob } from '#domain/notifications/job.ts';
import { noticesAtOpening } from '#domain/notifications/opening.ts';
import { staffRecipients } from '#domain/notifications/recipients.ts';
import type { Severity } from '#domain/triage/model.ts';
import { table } from './stats.ts';

const HOUR = 3_600_000;
const BODY = 'sanjiao-cdi';
const calendar: Calendar = deadlineCalendar;

/** The rules before the digest: every reminder and escalation at once, `critical` and `high` announced. */
const before: DeadlineConfig = {
  ...deadlineConfig,
  announceSeverities: ['critical', 'high'],
  immediate: { reminders: true, escalationsFromLevel: 0 },
};
const now: DeadlineConfig = deadlineConfig;

interface Life {
  readonly severity: Severity;
  /** Hours after receipt the case is acknowledged (signed for by an investigator), if ever. */
  readonly acknowledgedAfter?: number;
  /** Hours after receipt it is concluded, if ever. */
  readonly concludedAfter?: number;
}

interface Sent {
  email: number;
  sms: number;
  /** Digests the case was listed in (each person gets one a working morning, whatever the number of cases). */
  digestListings: number;
}

/** The case as it stands at `at`: triaged, then acknowledged and signed for, then concluded. */
function caseAt(reference: string, receivedAt: Date, life: Life, at: number, config: DeadlineConfig): Case {
  const received = receivedAt.getTime();
  const acknowledged = life.acknowledgedAfter !== undefined && at >= received + life.acknowledgedAfter * HOUR;
  const concluded = life.concludedAfter !== undefined && at >= received + life.concludedAfter * HOUR;
  const iso = (hours: number | undefined) => new Date(received + (hours ?? 0) * HOUR).toISOString();
  const record: Case = {
    reference,
    channel: 'web',
    status: concluded ? 'unfounded' : acknowledged ? 'acknowledged' : 'triaged',
    language: 'zh-CN',
    anonymous: true,
    complaint: {},
    receivedAt: receivedAt.toISOString(),
    createdAt: receivedAt.toISOString(),
    // Worked out below by clocksAfter, as the worker does at opening.
    verificationDueAt: receivedAt.toISOString(),
    updatedAt: new Date(at).toISOString(),
    version: 1,
    milestonesNotified: [],
    category: 'obstruction',
    severity: life.severity,
    bodyId: BODY,
    ...(acknowledged
      ? { acknowledgedAt: iso(life.acknowledgedAfter), assigneeId: `${BODY}-investigator` }
      : {}),
    ...(concluded ? { concludedAt: iso(life.concludedAfter), outcome: 'unfounded' as const } : {}),
  };
  return clocksAfter(record, calendar, config).record;
}

/** Emails and SMS one notice sends (recipients × channels, the SMS cap per person and day applied by `capped`). */
function deliveries(job: NotifyJob, record: Case, config: DeadlineConfig, capped: (who: string) => boolean) {
  const sent = { email: 0, sms: 0 };
  const channels = config.channels[job.kind === 'announcement' ? 'announcement' : (job.kind as 'reminder')];
  for (const person of staffRecipients(job, record.bodyId, directory, record.assigneeId)) {
    for (const channel of channels) {
      if (channel === 'email') sent.email++;
      else if (!capped(`${person.id}|${localDay(new Date(job.at), calendar)}`)) sent.sms++;
    }
  }
  return sent;
}

/** Working mornings at the digest time from `from` to `to`. */
function digestMornings(from: number, to: number, config: DeadlineConfig): number[] {
  const mornings: number[] = [];
  const [hours, minutes] = config.digest.localTime.split(':').map(Number) as [number, number];
  for (let day = from - 24 * HOUR; day <= to + 24 * HOUR; day += 24 * HOUR) {
    const date = localDay(new Date(day), calendar);
    const localMidnight = Date.parse(`${date}T00:00:00.000Z`);
    const at = localMidnight + (hours * 60 + minutes) * 60_000;
    const utc = at - offsetAt(new Date(at), calendar) * 60_000;
    if (utc >= from && utc <= to && isWorkingDay(new Date(utc), calendar) && !mornings.includes(utc))
      mornings.push(utc);
  }
  return mornings;
}

/** Every staff message of one case's life under `config`, from receipt until nothing is left to send. */
function lifeOf(
  reference: string,
  receivedAt: Date,
  life: Life,
  config: DeadlineConfig,
  digest: boolean,
  smsToday: Map<string, number>,
): Sent {
  const sent: Sent = { email: 0, sms: 0, digestListings: 0 };
  const capped = (key: string) => {
    const count = (smsToday.get(key) ?? 0) + 1;
    smsToday.set(key, count);
    return count > config.smsCap.perRecipientPerDay;
  };
  const add = (job: NotifyJob, record: Case) => {
    const d = deliveries(job, record, config, capped);
    sent.email += d.email;
    sent.sms += d.sms;
  };
  const opened = caseAt(reference, receivedAt, life, receivedAt.getTime(), config);
  for (const job of noticesAtOpening(opened, config)) if (job.kind === 'announcement') add(job, opened);
  // The milestones of each phase of the case, sent at their time while the case is in that phase.
  const phases = [0, life.acknowledgedAfter, life.concludedAfter]
    .filter((h): h is number => h !== undefined)
    .map((h) => receivedAt.getTime() + h * HOUR);
  const notified = new Set<string>();
  let last = receivedAt.getTime();
  for (const [i, start] of phases.entries()) {
    const end = phases[i + 1] ?? Number.POSITIVE_INFINITY;
    const record = caseAt(reference, receivedAt, life, start, config);
    const due = milestonesOf(record, config, calendar).filter(
      (m: Milestone) => Date.parse(m.at) >= start && Date.parse(m.at) < end && !notified.has(m.id),
    );
    for (const m of due) {
      notified.add(m.id);
      last = Math.max(last, Date.parse(m.at));
      if (!toldAtOnce(m, config)) continue;
      add({ reference, milestone: m.id, kind: m.kind, clock: m.clock, level: m.level, at: m.at }, record);
    }
    if (end !== Number.POSITIVE_INFINITY) last = Math.max(last, end);
  }
  if (digest) {
    const people = directory.bodies.find((b) => b.id === BODY)?.people ?? [];
    for (const morning of digestMornings(receivedAt.getTime(), last, config)) {
      const summary = summaryOf(caseAt(reference, receivedAt, life, morning, config));
      for (const person of people) {
        if (person.role === 'admin') continue;
        if (digestFor(person, [summary], new Date(morning), calendar, '') !== undefined)
          sent.digestListings++;
      }
    }
  }
  return sent;
}

// A Monday morning in the office's calendar, away from holidays.
const MONDAY = new Date('2026-11-16T02:00:00.000Z');
const lives: [string, Life][] = [
  [
    'handled promptly (signed for in 2 h, concluded in a day)',
    { severity: 'normal', acknowledgedAfter: 2, concludedAfter: 24 },
  ],
  ['serious (high), handled promptly', { severity: 'high', acknowledgedAfter: 2, concludedAfter: 24 }],
  ['critical, handled promptly', { severity: 'critical', acknowledgedAfter: 1, concludedAfter: 24 }],
  ['ignored until its escalations run out', { severity: 'normal' }],
];
const rows: string[][] = [];
for (const [label, life] of lives) {
  const old = lifeOf('HLW-00000-00000', MONDAY, life, before, false, new Map());
  const fresh = lifeOf('HLW-00000-00000', MONDAY, life, now, true, new Map());
  rows.push([
    label,
    `${old.email} / ${old.sms}`,
    `${fresh.email} / ${fresh.sms}`,
    String(fresh.digestListings),
  ]);
}
console.log(
  '\nMessages to staff per case life (emails / SMS), the domain rules before the digest and as configured\n',
);
console.log(
  table(['case life', 'before: emails / SMS', 'now: emails / SMS', 'now: listed in digests'], rows),
);

// A body's week: 30 cases received Monday to Friday, a third each handled promptly, late, and not at all.
const week = { before: { email: 0, sms: 0 }, now: { email: 0, sms: 0, digests: 0 } };
const smsBefore = new Map<string, number>();
const smsNow = new Map<string, number>();
const mornings = new Set<number>();
for (let i = 0; i < 30; i++) {
  const receivedAt = new Date(MONDAY.getTime() + Math.floor(i / 6) * 24 * HOUR + (i % 6) * HOUR);
  const life: Life =
    i % 3 === 0
      ? { severity: 'normal', acknowledgedAfter: 2, concludedAfter: 24 }
      : i % 3 === 1
        ? { severity: 'normal', acknowledgedAfter: 30, concludedAfter: 100 }
        : { severity: 'normal' };
  const reference = `HLW-${String(i).padStart(5, '0')}-00000`;
  const old = lifeOf(reference, receivedAt, life, before, false, smsBefore);
  const fresh = lifeOf(reference, receivedAt, life, now, false, smsNow);
  week.before.email += old.email;
  week.before.sms += old.sms;
  week.now.email += fresh.email;
  week.now.sms += fresh.sms;
  for (const m of digestMornings(receivedAt.getTime(), receivedAt.getTime() + 30 * 24 * HOUR, now))
    mornings.add(m);
}
// Each person gets at most one digest a working morning however many cases it lists.
const staff = (directory.bodies.find((b) => b.id === BODY)?.people ?? []).filter(
  (p) => p.role !== 'admin',
).length;
week.now.digests = mornings.size * staff;
console.log(
  `\nA body's 30 cases of a week (a third handled promptly, a third late, a third ignored), until nothing is left to send:\n` +
    `  before: ${week.before.email} emails and ${week.before.sms} SMS\n` +
    `  now:    ${week.now.email} emails and ${week.now.sms} SMS at once, and at most ${week.now.digests} digests ` +
    `(one per person and working morning: ${staff} people × ${mornings.size} mornings)\n` +
    `  messages now / before: ${((week.now.email + week.now.sms + week.now.digests) / (week.before.email + week.before.sms)).toFixed(2)}×`,
);
