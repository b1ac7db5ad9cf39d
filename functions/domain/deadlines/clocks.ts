// The clocks of a case and their milestones: when each deadline falls (from the calendar and the rules), which
// clocks still run, what is due at a given time and when the next thing is due. Pure: time and rules come in.
import type { Case } from '../case.ts';
import { DAY_MS } from '../clock.ts';
import { type Calendar, endOfWorkingDays, startsOfWorkingDaysAfter, YearsMissing } from './calendar.ts';
import type { ClockName, DeadlineConfig, Duration } from './config.ts';

const HOUR_MS = 60 * 60 * 1000;

/** The office's promise when nothing else is configured: verified within three days of receipt. */
export const VERIFICATION_DAYS = 3;

export function verificationDueAt(receivedAt: Date, days: number = VERIFICATION_DAYS): Date {
  return new Date(receivedAt.getTime() + days * DAY_MS);
}

export function deadlineAfter(
  start: Date,
  duration: Duration,
  calendar: Calendar,
  missing: YearsMissing,
): Date {
  switch (duration.unit) {
    case 'hours':
      return new Date(start.getTime() + duration.amount * HOUR_MS);
    case 'calendarDays':
      return new Date(start.getTime() + duration.amount * DAY_MS);
    case 'workingDays':
      return endOfWorkingDays(start, duration.amount, calendar, missing);
  }
}

/** The duration of one clock for a case: the first rule matching its category and severity, else the default. */
export function durationOf(
  clock: ClockName,
  record: Pick<Case, 'category' | 'severity'>,
  config: DeadlineConfig,
): Duration {
  for (const rule of config.rules) {
    const duration = rule[clock];
    if (duration === undefined) continue;
    if (rule.when.category !== undefined && rule.when.category !== record.category) continue;
    if (rule.when.severity !== undefined && rule.when.severity !== record.severity) continue;
    return duration;
  }
  return config.clocks[clock];
}

export type MilestoneKind = 'reminder' | 'overdue' | 'escalation';

/** One thing to tell someone about a case at a given time. Its id is stable: it is the idempotency key. */
export interface Milestone {
  readonly id: string;
  readonly clock: ClockName;
  readonly kind: MilestoneKind;
  readonly at: string;
  /** The deadline the milestone is about. */
  readonly dueAt: string;
  /** How far up the body tree it goes: 0 is the assigned body, 1 its parent, … */
  readonly level: number;
}

interface RunningClock {
  readonly clock: ClockName;
  /** The prefix of its milestones' ids: the clock, and for an extended verification which extension it runs to. */
  readonly label: string;
  readonly startedAt: string;
  readonly dueAt: string;
}

/**
 * The clocks still running. A clock stops when its action happens: acknowledging (or concluding, which implies
 * it) stops `acknowledge`, concluding stops `verification`, closing stops `reporterFeedback`; a closed or merged
 * case runs none.
 */
export function runningClocks(record: Case): RunningClock[] {
  if (record.status === 'merged' || record.status === 'closed' || record.closedAt !== undefined) return [];
  const running: RunningClock[] = [];
  if (
    record.acknowledgeDueAt !== undefined &&
    record.acknowledgedAt === undefined &&
    record.concludedAt === undefined
  )
    running.push({
      clock: 'acknowledge',
      label: 'acknowledge',
      startedAt: record.receivedAt,
      dueAt: record.acknowledgeDueAt,
    });
  if (record.concludedAt === undefined) {
    // After an extension the verification's reminders, overdue notice and escalations come again, to the new date.
    const extensions = record.extensionsGranted ?? 0;
    running.push({
      clock: 'verification',
      label: extensions === 0 ? 'verification' : `verification-x${extensions}`,
      startedAt: record.receivedAt,
      dueAt: record.verificationDueAt,
    });
  }
  if (record.concludedAt !== undefined && record.reporterFeedbackDueAt !== undefined)
    running.push({
      clock: 'reporterFeedback',
      label: 'reporterFeedback',
      startedAt: record.concludedAt,
      dueAt: record.reporterFeedbackDueAt,
    });
  return running;
}

function milestonesOfClock(
  running: RunningClock,
  config: DeadlineConfig,
  calendar: Calendar,
  missing: YearsMissing,
): Milestone[] {
  const { clock, dueAt, label } = running;
  const due = new Date(dueAt);
  const started = new Date(running.startedAt).getTime();
  const milestones: Milestone[] = [];
  for (const hours of [...config.remindHoursBefore].sort((a, b) => b - a)) {
    const at = due.getTime() - hours * HOUR_MS;
    // A reminder due before the clock even started says nothing a fresh case does not.
    if (at <= started) continue;
    milestones.push({
      id: `${label}:remind-${hours}h`,
      clock,
      kind: 'reminder',
      at: new Date(at).toISOString(),
      dueAt,
      level: 0,
    });
  }
  milestones.push({ id: `${label}:overdue`, clock, kind: 'overdue', at: dueAt, dueAt, level: 0 });
  const { everyWorkingDays, climbAfter, maxRepeats } = config.escalation;
  // The day a deadline belongs to: one at 24:00 ends the day before. The first escalation opens the working day
  // after one whole working day has passed since that day, so it always comes a full day after the overdue
  // notice (never minutes after it, when a deadline falls late in a day), and never on a day off.
  const deadlineDay = new Date(due.getTime() - 1);
  const days = startsOfWorkingDaysAfter(deadlineDay, maxRepeats * everyWorkingDays + 1, calendar, missing);
  for (let repeat = 1; repeat <= maxRepeats; repeat++) {
    const at = days[repeat * everyWorkingDays] as Date;
    milestones.push({
      id: `${label}:escalate-${repeat}`,
      clock,
      kind: 'escalation',
      at: at.toISOString(),
      dueAt,
      level: Math.max(0, repeat - climbAfter),
    });
  }
  return milestones;
}

/** Every milestone of the clocks still running, notified or not, in time order. */
export function milestonesOf(
  record: Case,
  config: DeadlineConfig,
  calendar: Calendar,
  missing = new YearsMissing(),
): Milestone[] {
  const milestones = runningClocks(record).flatMap((running) =>
    milestonesOfClock(running, config, calendar, missing),
  );
  // The reporter hears the conclusion in plain words from the projector, as soon as it commits (reporter/notices.ts),
  // not from a sweep: this clock is the office's, to close the case with the reporter told.
  // Ordinal comparison: ISO instants and ids sort by their characters, and localeCompare would build an ICU
  // collator (~8 ms of a cold start) for nothing.
  const ordinal = (x: string, y: string) => (x < y ? -1 : x > y ? 1 : 0);
  return milestones.sort((a, b) => ordinal(a.at, b.at) || ordinal(a.id, b.id));
}

export interface SweepPlan {
  /** Every milestone due and not yet notified: claimed together, so none is ever considered again. */
  readonly claim: readonly Milestone[];
  /**
   * What is actually sent, in time order: for each clock its overdue notice whenever it is due (it is never
   * overtaken), and otherwise the latest milestone due of each kind (a reminder overtaken by the deadline is moot,
   * and after an outage only the highest escalation goes out).
   */
  readonly send: readonly Milestone[];
  /** The next milestone still to come; undefined when nothing is left (the case leaves the due index). */
  readonly nextDueAt: string | undefined;
  readonly missingYears: readonly number[];
}

/**
 * Of the milestones claimed together, those worth a message, in time order. A clock's overdue notice is always
 * sent (the escalations that follow it are about it); a reminder is sent only when nothing later of its clock is
 * due; of escalations due at once (a sweeper that was down), only the latest, which carries the highest level.
 */
export function milestonesToSend(claim: readonly Milestone[]): Milestone[] {
  const send: Milestone[] = [];
  for (const [i, milestone] of claim.entries()) {
    const later = claim.slice(i + 1);
    const overtaken = (() => {
      switch (milestone.kind) {
        case 'overdue':
          return false;
        case 'reminder':
          return later.some((m) => m.clock === milestone.clock);
        case 'escalation':
          return later.some((m) => m.clock === milestone.clock && m.kind === 'escalation');
      }
    })();
    if (!overtaken) send.push(milestone);
  }
  return send;
}

/** What a sweep at `now` must do for a case. */
export function planSweep(record: Case, now: Date, config: DeadlineConfig, calendar: Calendar): SweepPlan {
  const missing = new YearsMissing();
  const notified = new Set(record.milestonesNotified);
  const pending = milestonesOf(record, config, calendar, missing).filter((m) => !notified.has(m.id));
  const at = now.toISOString();
  const claim = pending.filter((m) => m.at <= at);
  return {
    claim,
    send: milestonesToSend(claim),
    nextDueAt: pending.find((m) => m.at > at)?.at,
    missingYears: [...missing.missingYears],
  };
}

export interface ClockedCase {
  readonly record: Case;
  /** Years the calendar lacks that a deadline fell in: counted on weekends alone (log and count them). */
  readonly missingYears: readonly number[];
}

/**
 * The case with its deadlines and next due time worked out afresh: at opening, and after any transition
 * (acknowledge, conclude, close, a new category or severity). Milestones already notified stay notified.
 */
export function clocksAfter(record: Case, calendar: Calendar, config: DeadlineConfig): ClockedCase {
  const missing = new YearsMissing();
  const received = new Date(record.receivedAt);
  const acknowledgeDueAt = deadlineAfter(
    received,
    durationOf('acknowledge', record, config),
    calendar,
    missing,
  );
  // A granted extension moves the verification deadline; nothing else does.
  const verificationDue =
    record.extendedUntil !== undefined
      ? new Date(record.extendedUntil)
      : deadlineAfter(received, durationOf('verification', record, config), calendar, missing);
  // Feedback is owed only to a reporter who can be reached, and only once there is a conclusion to give.
  const reporterFeedbackDueAt =
    record.concludedAt !== undefined && record.hasContact === true
      ? deadlineAfter(
          new Date(record.concludedAt),
          durationOf('reporterFeedback', record, config),
          calendar,
          missing,
        )
      : undefined;
  const { reporterFeedbackDueAt: _previous, nextDueAt: _stale, ...rest } = record;
  const clocked: Case = {
    ...rest,
    acknowledgeDueAt: acknowledgeDueAt.toISOString(),
    verificationDueAt: verificationDue.toISOString(),
    ...(reporterFeedbackDueAt === undefined
      ? {}
      : { reporterFeedbackDueAt: reporterFeedbackDueAt.toISOString() }),
  };
  const notified = new Set(record.milestonesNotified);
  const next = milestonesOf(clocked, config, calendar, missing).find((m) => !notified.has(m.id));
  return {
    record: next === undefined ? clocked : { ...clocked, nextDueAt: next.at },
    missingYears: [...missing.missingYears],
  };
}

/**
 * Whether a milestone is told at once, by the office's rules (`immediate`), or only in the next morning's digest:
 * an overdue notice always at once; a reminder only if the rules say so; an escalation
 * from the configured level up (the body above), the ones within the body in the digest.
 */
export function toldAtOnce(milestone: Pick<Milestone, 'kind' | 'level'>, config: DeadlineConfig): boolean {
  switch (milestone.kind) {
    case 'overdue':
      return true;
    case 'reminder':
      return config.immediate.reminders;
    case 'escalation':
      return milestone.level >= config.immediate.escalationsFromLevel;
  }
}
