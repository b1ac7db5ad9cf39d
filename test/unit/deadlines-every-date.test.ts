// Deadlines on every date: for a case received at every hour of 2026 and 2027 (and on both sides of every
// holiday, make-up day and midnight), a sweeper running on its schedule sends each clock's reminders, its overdue
// notice once and before any escalation, and every escalation once, in order; none is skipped or claimed twice.
import { describe, expect, it } from 'vitest';
import { deadlineCalendar as cn, deadlineConfig } from '#config/office.ts';
import type { Case } from '#domain/case.ts';
import { clocksAfter, type Milestone, milestonesOf, planSweep } from '#domain/deadlines/clocks.ts';

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** The sweeper's schedule in the catalog: every five minutes. */
const SWEEP_EVERY = 5 * MINUTE;

function aCase(receivedAt: string, overrides: Partial<Case> = {}): Case {
  return {
    reference: 'HLW-ABCDE-FGHJK',
    channel: 'web',
    status: 'triaged',
    language: 'zh-CN',
    anonymous: true,
    complaint: {},
    receivedAt,
    verificationDueAt: receivedAt,
    createdAt: receivedAt,
    updatedAt: receivedAt,
    version: 1,
    milestonesNotified: [],
    category: 'solicitation',
    severity: 'normal',
    bodyId: 'guofu-cdi',
    ...overrides,
  };
}

/**
 * The failures found, at most a few dozen kept: tens of thousands of cases are checked, and an `expect` per
 * fact would cost more than the sweeps themselves.
 */
const failures: string[] = [];
function check(holds: boolean, message: string): void {
  if (!holds && failures.length < 40) failures.push(message);
}
const sameIds = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

interface Sent {
  readonly milestone: Milestone;
  /** Which sweep sent it, counting from 0. */
  readonly sweep: number;
  readonly order: number;
}

/**
 * Sweeps a case, never acted on, from its receipt until nothing is left, as the scheduled sweeper would: each run
 * at the first tick of the schedule at or after the case's next due time (nothing changes between those).
 */
function sweepToTheEnd(record: Case, every: number): { sent: Sent[]; claimed: string[] } {
  let current = clocksAfter(record, cn, deadlineConfig).record;
  const sent: Sent[] = [];
  const claimed: string[] = [];
  for (let sweep = 0; current.nextDueAt !== undefined; sweep++) {
    if (sweep > 100) throw new Error('the sweeps never end');
    const tick = Math.ceil(Date.parse(current.nextDueAt) / every) * every;
    const plan = planSweep(current, new Date(tick), deadlineConfig, cn);
    check(plan.claim.length > 0, `${record.receivedAt}: a sweep at the due time claimed nothing`);
    for (const milestone of plan.send) sent.push({ milestone, sweep, order: sent.length });
    claimed.push(...plan.claim.map((m) => m.id));
    const { nextDueAt: _next, ...rest } = current;
    current = {
      ...rest,
      milestonesNotified: [...current.milestonesNotified, ...plan.claim.map((m) => m.id)],
      ...(plan.nextDueAt === undefined ? {} : { nextDueAt: plan.nextDueAt }),
    };
  }
  return { sent, claimed };
}

/** What must hold of one clock's messages, however the sweeps fell. */
function checkClock(all: readonly Milestone[], sent: readonly Sent[], clock: string, label: string): void {
  const mine = sent.filter((s) => s.milestone.clock === clock);
  const overdue = mine.filter((s) => s.milestone.kind === 'overdue');
  check(overdue.length === 1, `${label}: ${clock} overdue sent ${overdue.length} times`);
  const [theOverdue] = overdue;
  for (const escalation of mine.filter((s) => s.milestone.kind === 'escalation')) {
    check(
      theOverdue !== undefined && escalation.order > theOverdue.order,
      `${label}: ${escalation.milestone.id} sent before ${clock}:overdue`,
    );
    check(
      theOverdue !== undefined && escalation.milestone.at > theOverdue.milestone.at,
      `${label}: ${escalation.milestone.id} not later than the deadline`,
    );
  }
  // Escalations in order, never two for one repeat.
  const repeats = mine
    .filter((s) => s.milestone.kind === 'escalation')
    .map((s) => Number(s.milestone.id.split('-').at(-1)));
  check(
    repeats.every((r, i) => i === 0 || r > (repeats[i - 1] ?? 0)),
    `${label}: ${clock} escalations out of order or repeated: ${repeats.join()}`,
  );
  // The milestones of a clock come strictly in time order: reminders, overdue, escalations.
  const ofClock = all.filter((m) => m.clock === clock);
  const kinds = ofClock.map((m) => m.kind);
  check(
    kinds.indexOf('overdue') === kinds.lastIndexOf('reminder') + 1,
    `${label}: ${clock} kinds ${kinds.join()}`,
  );
  for (let i = 1; i < ofClock.length; i++) {
    check((ofClock[i - 1]?.at ?? '') < (ofClock[i]?.at ?? ''), `${label}: ${clock} milestone ${i} not later`);
  }
}

/** Every hour of both years, and a minute either side of every midnight around a holiday or make-up day. */
function receiptInstants(): string[] {
  const instants = new Set<string>();
  const start = Date.parse('2026-01-01T00:00:00+08:00');
  const end = Date.parse('2028-01-01T00:00:00+08:00');
  for (let at = start; at < end; at += HOUR) instants.add(new Date(at).toISOString());
  for (const day of [...cn.daysOff, ...cn.makeUpWorkdays]) {
    for (const offsetDays of [-1, 0, 1]) {
      const midnight = Date.parse(`${day}T00:00:00+08:00`) + offsetDays * 24 * HOUR;
      for (const delta of [-MINUTE, -1, 0, 1, MINUTE, 23 * HOUR + 59 * MINUTE]) {
        instants.add(new Date(midnight + delta).toISOString());
      }
    }
  }
  return [...instants].sort();
}

describe('deadlines on every date of 2026 and 2027', () => {
  const instants = receiptInstants();

  it.each(['normal', 'critical'] as const)(
    'a %s case swept every five minutes: each overdue once, before any escalation, nothing skipped',
    (severity) => {
      expect(instants.length).toBeGreaterThan(2 * 365 * 24);
      for (const receivedAt of instants) {
        const record = aCase(receivedAt, { severity });
        const clocked = clocksAfter(record, cn, deadlineConfig).record;
        const all = milestonesOf(clocked, deadlineConfig, cn);
        const { sent, claimed } = sweepToTheEnd(record, SWEEP_EVERY);
        // Nothing claimed twice, and everything claimed in the end.
        check(claimed.length === new Set(claimed).size, `${receivedAt}: a milestone claimed twice`);
        check(
          sameIds(
            claimed,
            all.map((m) => m.id),
          ),
          `${receivedAt}: claimed ${claimed.join()}`,
        );
        // On schedule nothing is overtaken: every milestone goes out, each once.
        const ids = sent.map((s) => s.milestone.id);
        check(
          sameIds(
            ids,
            all.map((m) => m.id),
          ),
          `${receivedAt}: sent ${ids.join()}`,
        );
        for (const clock of ['acknowledge', 'verification']) checkClock(all, sent, clock, receivedAt);
      }
      expect(failures).toEqual([]);
    },
    120_000,
  );

  it('a sweeper that runs only once a day still sends each overdue notice, before its escalations', () => {
    const DAY = 24 * HOUR;
    for (const receivedAt of instants.filter((_, i) => i % 5 === 0)) {
      const record = aCase(receivedAt);
      const all = milestonesOf(clocksAfter(record, cn, deadlineConfig).record, deadlineConfig, cn);
      const { sent, claimed } = sweepToTheEnd(record, DAY);
      check(claimed.length === new Set(claimed).size, `${receivedAt}: a milestone claimed twice`);
      for (const clock of ['acknowledge', 'verification']) checkClock(all, sent, clock, receivedAt);
      // The last escalation of each clock always goes out.
      const max = `verification:escalate-${deadlineConfig.escalation.maxRepeats}`;
      check(
        sent.some((s) => s.milestone.id === max),
        `${receivedAt}: ${max} never sent`,
      );
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it('a concluded case with a reachable reporter: its feedback clock to the end, the conclusion never from a sweep (the projector tells it)', () => {
    for (const receivedAt of instants.filter((_, i) => i % 7 === 0)) {
      const concludedAt = new Date(Date.parse(receivedAt) + 30 * HOUR).toISOString();
      const record = aCase(receivedAt, {
        acknowledgedAt: new Date(Date.parse(receivedAt) + HOUR).toISOString(),
        concludedAt,
        hasContact: true,
        status: 'substantiated',
      });
      const all = milestonesOf(clocksAfter(record, cn, deadlineConfig).record, deadlineConfig, cn);
      const { sent } = sweepToTheEnd(record, SWEEP_EVERY);
      const conclusions = sent.filter((s) => s.milestone.id.startsWith('reporter:'));
      check(
        conclusions.length === 0,
        `${receivedAt}: a sweep sent the conclusion ${conclusions.length} times`,
      );
      checkClock(all, sent, 'reporterFeedback', receivedAt);
    }
    expect(failures).toEqual([]);
  }, 120_000);
});
