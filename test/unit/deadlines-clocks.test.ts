// The clocks of a case: durations by category and severity, what stops each clock, the milestones around each
// deadline and what a sweep at a given time claims and sends.
import { describe, expect, it } from 'vitest';
import { deadlineCalendar as cn, deadlineConfig } from '#config/office.ts';
import type { Case } from '#domain/case.ts';
import { clocksAfter, durationOf, milestonesOf, planSweep } from '#domain/deadlines/clocks.ts';
import { type DeadlineConfig, DeadlineConfigSchema } from '#domain/deadlines/config.ts';

const beijing = (day: string, time = '00:00') => new Date(`${day}T${time}:00+08:00`).toISOString();

function aCase(overrides: Partial<Case> = {}): Case {
  const receivedAt = beijing('2026-03-10', '15:00'); // a Tuesday
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

const clocked = (overrides: Partial<Case> = {}) => clocksAfter(aCase(overrides), cn, deadlineConfig).record;

describe('deadlines at opening', () => {
  it('acknowledge in one working day, verify in three calendar days', () => {
    const record = clocked();
    expect(record.acknowledgeDueAt).toBe(beijing('2026-03-12'));
    expect(record.verificationDueAt).toBe(beijing('2026-03-13', '15:00'));
    expect(record.reporterFeedbackDueAt).toBeUndefined();
    // The first milestone: the acknowledgement's 24-hour reminder, at 00:00 on Wednesday.
    expect(record.nextDueAt).toBe(beijing('2026-03-11'));
  });

  it('a critical case must be acknowledged within four hours', () => {
    const record = clocked({ severity: 'critical' });
    expect(record.acknowledgeDueAt).toBe(beijing('2026-03-10', '19:00'));
    // Both reminders would fall before the case arrived: the first milestone is the deadline itself.
    expect(record.nextDueAt).toBe(beijing('2026-03-10', '19:00'));
  });

  it('verification in working days when the rules say so, per category', () => {
    const config: DeadlineConfig = DeadlineConfigSchema.parse({
      ...deadlineConfig,
      rules: [{ when: { category: 'attitude' }, verification: { amount: 5, unit: 'workingDays' } }],
    });
    const attitude = clocksAfter(aCase({ category: 'attitude' }), cn, config).record;
    expect(attitude.verificationDueAt).toBe(beijing('2026-03-18'));
    const solicitation = clocksAfter(aCase(), cn, config).record;
    expect(solicitation.verificationDueAt).toBe(beijing('2026-03-13', '15:00'));
    expect(durationOf('acknowledge', { severity: 'critical' }, config)).toEqual({
      amount: 1,
      unit: 'workingDays',
    });
  });

  it('feedback to a reporter with contact details is due 15 working days after the conclusion', () => {
    const concluded = clocked({ concludedAt: beijing('2026-04-30', '10:00'), hasContact: true });
    // 1–5 May off, Saturday 9 May worked: 6,7,8,9,11,12,13,14,15,18,19,20,21,22,25 May.
    expect(concluded.reporterFeedbackDueAt).toBe(beijing('2026-05-26'));
    expect(clocked({ concludedAt: beijing('2026-04-30', '10:00') }).reporterFeedbackDueAt).toBeUndefined();
  });

  it('reports a deadline in a year the calendar lacks', () => {
    const result = clocksAfter(aCase({ receivedAt: beijing('2027-03-10', '15:00') }), cn, deadlineConfig);
    expect(result.missingYears).toEqual([2027]);
  });
});

describe('milestones', () => {
  it('reminders, overdue, then escalations that climb after the second', () => {
    const ids = milestonesOf(clocked(), deadlineConfig, cn)
      .filter((m) => m.clock === 'verification')
      .map((m) => `${m.id}@${m.at}/L${m.level}`);
    expect(ids.slice(0, 6)).toEqual([
      `verification:remind-24h@${beijing('2026-03-12', '15:00')}/L0`,
      `verification:remind-4h@${beijing('2026-03-13', '11:00')}/L0`,
      `verification:overdue@${beijing('2026-03-13', '15:00')}/L0`,
      // Friday afternoon's deadline: Monday is its day of grace, then it escalates on Tuesday, Wednesday, Thursday…
      `verification:escalate-1@${beijing('2026-03-17')}/L0`,
      `verification:escalate-2@${beijing('2026-03-18')}/L0`,
      `verification:escalate-3@${beijing('2026-03-19')}/L1`,
    ]);
    expect(ids).toHaveLength(3 + deadlineConfig.escalation.maxRepeats);
  });

  it('a clock stops when its action happens', () => {
    const acknowledged = clocked({ acknowledgedAt: beijing('2026-03-10', '16:00') });
    expect(milestonesOf(acknowledged, deadlineConfig, cn).some((m) => m.clock === 'acknowledge')).toBe(false);
    const concluded = clocked({
      acknowledgedAt: beijing('2026-03-10', '16:00'),
      concludedAt: beijing('2026-03-11'),
    });
    expect(milestonesOf(concluded, deadlineConfig, cn)).toEqual([]);
    expect(concluded.nextDueAt).toBeUndefined();
    const closed = clocked({ status: 'closed', closedAt: beijing('2026-03-11') });
    expect(closed.nextDueAt).toBeUndefined();
  });

  it('a concluded case with a reachable reporter runs the feedback clock until closing (the conclusion itself is the projector’s notice, not a milestone)', () => {
    const concluded = clocked({ concludedAt: beijing('2026-03-11'), hasContact: true });
    const kinds = milestonesOf(concluded, deadlineConfig, cn).map((m) => m.id);
    expect(kinds).not.toContain('reporter:conclusion');
    expect(kinds).toContain('reporterFeedback:overdue');
    expect(concluded.nextDueAt).toBe(milestonesOf(concluded, deadlineConfig, cn)[0]?.at);
    const closed = clocked({
      concludedAt: beijing('2026-03-11'),
      closedAt: beijing('2026-03-12'),
      hasContact: true,
      status: 'closed',
    });
    expect(milestonesOf(closed, deadlineConfig, cn)).toEqual([]);
  });
});

describe('a sweep', () => {
  it('claims what is due and sends each overdue notice and the latest of the rest of each clock', () => {
    const record = clocked();
    // The sweeper was down until Saturday: acknowledgement and verification are both overdue.
    const plan = planSweep(record, new Date(beijing('2026-03-14', '09:00')), deadlineConfig, cn);
    expect(plan.claim.map((m) => m.id)).toEqual([
      'acknowledge:remind-24h', // Wednesday 00:00
      'acknowledge:remind-4h', // Wednesday 20:00
      'acknowledge:overdue', // Thursday 00:00 (the end of Wednesday)
      'verification:remind-24h', // Thursday 15:00
      'acknowledge:escalate-1', // Friday 00:00: Thursday was the deadline's day of grace
      'verification:remind-4h', // Friday 11:00
      'verification:overdue', // Friday 15:00
    ]);
    // The overdue notice is never swallowed by the escalation that follows it; reminders overtaken are.
    expect(plan.send.map((m) => m.id)).toEqual([
      'acknowledge:overdue',
      'acknowledge:escalate-1',
      'verification:overdue',
    ]);
    expect(plan.nextDueAt).toBe(beijing('2026-03-16'));
  });

  it('claims nothing twice and moves on', () => {
    const record = clocked();
    const first = planSweep(record, new Date(beijing('2026-03-11', '00:01')), deadlineConfig, cn);
    expect(first.send.map((m) => m.id)).toEqual(['acknowledge:remind-24h']);
    const after = { ...record, milestonesNotified: first.claim.map((m) => m.id), nextDueAt: first.nextDueAt };
    const second = planSweep(after, new Date(beijing('2026-03-11', '00:02')), deadlineConfig, cn);
    expect(second.claim).toEqual([]);
    expect(second.nextDueAt).toBe(first.nextDueAt);
  });

  it('a case acknowledged and verified in time has nothing due, ever', () => {
    const record = clocked({
      acknowledgedAt: beijing('2026-03-10', '16:00'),
      concludedAt: beijing('2026-03-10', '17:00'),
    });
    const plan = planSweep(record, new Date(beijing('2026-04-30')), deadlineConfig, cn);
    expect(plan).toMatchObject({ claim: [], send: [], nextDueAt: undefined });
  });

  it('stops escalating after the configured number of repeats', () => {
    const record = clocked({ acknowledgedAt: beijing('2026-03-10', '16:00') });
    // A sweeper down for months: the overdue notice, and of the escalations only the last.
    const plan = planSweep(record, new Date(beijing('2026-12-31')), deadlineConfig, cn);
    expect(plan.send.map((m) => m.id)).toEqual([
      'verification:overdue',
      `verification:escalate-${deadlineConfig.escalation.maxRepeats}`,
    ]);
    expect(plan.nextDueAt).toBeUndefined();
  });
});
