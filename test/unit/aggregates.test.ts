// Daily aggregates from real transitions: a set of cases walked through the lifecycle, each event counted into its
// body and day by the aggregate rule, and the office's figures for the month checked against counts made by hand.
import { describe, expect, it } from 'vitest';
import { caseTable } from '#catalog';
import { deadlineCalendar as calendar, deadlineConfig } from '#config/office.ts';
import { triageConfig } from '#config/triage-config.ts';
import { contributionsOf, sumCounts } from '#domain/aggregates.ts';
import { type Case, CaseSchema, CaseSummaryShape } from '#domain/case.ts';
import { clocksAfter } from '#domain/deadlines/clocks.ts';
import { snapshotOf, type TransitionEvent } from '#domain/events.ts';
import type { Caller } from '#domain/lifecycle/access.ts';
import { type ActionRequest, applyAction } from '#domain/lifecycle/actions.ts';
import { officeStatistics } from '#domain/lifecycle/stats.ts';
import { CaseSummarySchema, SUMMARY_FIELDS } from '#domain/lifecycle/summary.ts';

const beijing = (day: string, time = '09:00') => new Date(`${day}T${time}:00+08:00`);
const worker: Caller = {
  id: 'guofu-cdi-investigator',
  name: 'x',
  role: 'investigator',
  bodyId: 'guofu-cdi',
};
const chief: Caller = { id: 'guofu-cdi-supervisor', name: 'y', role: 'supervisor', bodyId: 'guofu-cdi' };

let n = 0;
/** A case opened at `at` as the worker would, with its opening event. */
function opened(at: Date, extra: Partial<Case>): { record: Case; events: TransitionEvent[] } {
  n += 1;
  const receivedAt = at.toISOString();
  const record = clocksAfter(
    {
      reference: `HLW-00000-${String(n).padStart(5, '0')}`,
      channel: 'web',
      status: 'triaged',
      language: 'zh-CN',
      anonymous: true,
      complaint: {},
      receivedAt,
      verificationDueAt: new Date(at.getTime() + 3 * 86_400_000).toISOString(),
      createdAt: receivedAt,
      updatedAt: receivedAt,
      version: 1,
      milestonesNotified: [],
      category: 'solicitation',
      severity: 'high',
      unitId: 'guofu-land-office',
      bodyId: 'guofu-cdi',
      ...extra,
    },
    calendar,
    deadlineConfig,
  ).record;
  const event: TransitionEvent = {
    reference: record.reference,
    kind: 'opened',
    at: receivedAt,
    actor: 'system',
    version: 1,
    after: snapshotOf(record),
  };
  return { record, events: [event] };
}

/** Takes the actions in turn, each at its time, keeping every event. */
function walk(
  start: { record: Case; events: TransitionEvent[] },
  steps: [Date, Partial<ActionRequest> & Pick<ActionRequest, 'action'>, Caller?][],
) {
  let { record } = start;
  const events = [...start.events];
  for (const [at, step, caller] of steps) {
    const { next, event } = applyAction(
      record,
      { expectedVersion: record.version, ...step },
      {
        caller: caller ?? worker,
        now: at,
        routing: triageConfig.routing,
        calendar,
        deadlines: deadlineConfig,
        complaint: { description: '郭扶镇国土所窗口工作人员索要好处费。' },
      },
    );
    record = next;
    events.push(event);
  }
  return { record, events };
}

const FINDINGS = '经核查属实。';
const cases = [
  // A: guofu, acknowledged at once, substantiated on time with two sanctions of 王某, closed.
  walk(opened(beijing('2026-11-10'), {}), [
    [beijing('2026-11-10', '10:00'), { action: 'acknowledge' }],
    [beijing('2026-11-10', '11:00'), { action: 'verify' }],
    [
      beijing('2026-11-12'),
      {
        action: 'substantiate',
        findings: FINDINGS,
        sanctions: [{ person: '王某', kinds: ['admonition_talk', 'notified_criticism'] }],
      },
    ],
    [beijing('2026-11-12', '10:00'), { action: 'close' }],
  ]),
  // B: guofu, obstruction, never acknowledged, found unfounded a day late.
  walk(opened(beijing('2026-11-10'), { category: 'obstruction', severity: 'normal' }), [
    [beijing('2026-11-11'), { action: 'acknowledge' }],
    [beijing('2026-11-11', '10:00'), { action: 'verify' }],
    [beijing('2026-11-14'), { action: 'unfound', findings: FINDINGS }],
  ]),
  // C: guofu, substantiated with a party warning, reopened by a supervisor, then unfounded: nothing of the first
  // conclusion stays in the figures.
  walk(opened(beijing('2026-11-20'), { unitId: 'guofu-government' }), [
    [beijing('2026-11-20', '10:00'), { action: 'acknowledge' }],
    [beijing('2026-11-20', '11:00'), { action: 'verify' }],
    [
      beijing('2026-11-21'),
      {
        action: 'substantiate',
        findings: FINDINGS,
        sanctions: [{ person: '李某', kinds: ['party_warning'] }],
      },
    ],
    [beijing('2026-11-21', '10:00'), { action: 'close' }],
    [beijing('2026-11-22'), { action: 'reopen', note: '有新证据' }, chief],
    [beijing('2026-11-22', '12:00'), { action: 'unfound', findings: FINDINGS }],
  ]),
  // D: guofu, hotline, attitude, transferred to the district body, which acknowledges it.
  walk(
    opened(beijing('2026-11-27'), {
      channel: 'hotline',
      category: 'attitude',
      severity: 'low',
      unitId: 'guofu-government',
    }),
    [
      [
        beijing('2026-11-27', '10:00'),
        { action: 'transfer', targetBodyId: 'district-cdi', note: '由区纪委核查' },
      ],
      [beijing('2026-11-27', '11:00'), { action: 'acknowledge' }],
    ],
  ),
  // E: guofu, a duplicate of A merged into it: not another complaint about its unit.
  walk(opened(beijing('2026-11-27'), {}), [
    [beijing('2026-11-27', '12:00'), { action: 'merge', mergeInto: 'HLW-00000-00001' }],
  ]),
  // F: sanjiao, an inspector's own finding, substantiated the next day: not a hotspot.
  walk(
    opened(beijing('2026-11-10'), {
      channel: 'inspection',
      category: 'misconduct',
      bodyId: 'sanjiao-cdi',
      unitId: 'sanjiao-service-center',
    }),
    [
      [beijing('2026-11-10', '10:00'), { action: 'acknowledge' }],
      [beijing('2026-11-10', '11:00'), { action: 'verify' }],
      [
        beijing('2026-11-11'),
        {
          action: 'substantiate',
          findings: FINDINGS,
          sanctions: [{ person: '张某', kinds: ['removal_from_post', 'case_filed'] }],
        },
      ],
    ],
  ),
  // G: received in October: outside the period.
  walk(opened(beijing('2026-10-01'), {}), []),
];

/** Every event's contributions, summed per body and day, as the aggregate items hold them. */
function aggregate(events: readonly TransitionEvent[]) {
  const byBody = new Map<string, Map<string, Record<string, number>[]>>();
  for (const event of events) {
    for (const c of contributionsOf(event, calendar)) {
      const days = byBody.get(c.bodyId) ?? new Map<string, Record<string, number>[]>();
      days.set(c.day, [...(days.get(c.day) ?? []), c.counts as Record<string, number>]);
      byBody.set(c.bodyId, days);
    }
  }
  return [...byBody].map(([bodyId, days]) => ({
    bodyId,
    days: [...days].map(([day, counts]) => ({ day, counts: sumCounts(counts) })),
    overdueNow: 0,
  }));
}

const allEvents = cases.flatMap((c) => c.events);
const listed = ['guofu-cdi', 'district-cdi', 'sanjiao-cdi'];
const stats = officeStatistics(
  { from: '2026-11-01', to: '2026-11-30' },
  aggregate(allEvents),
  listed,
  new Date('2026-11-30T12:00:00Z'),
  2,
);

describe('the figures of a month, from the events', () => {
  it('counts complaints received by channel, category and severity on the day they came in', () => {
    expect(stats.total.received.total).toBe(6);
    expect(stats.total.received.byChannel).toEqual({ web: 4, hotline: 1, open311: 0, inspection: 1 });
    expect(stats.total.received.byCategory).toMatchObject({
      solicitation: 3,
      obstruction: 1,
      attitude: 1,
      misconduct: 1,
    });
    expect(stats.total.received.bySeverity).toMatchObject({ high: 4, normal: 1, low: 1 });
  });

  it('counts acknowledgements and conclusions on time, and the average days to a conclusion', () => {
    // A, B, C, D (at the district body, after its transfer), F: all acknowledged by their deadline.
    expect(stats.total.acknowledged).toEqual({ total: 5, onTime: 5 });
    // A (2 days), B (4 days, late), C once (2.1 days, the conclusion the reopening took back is gone), F (1 day).
    expect(stats.total.verified.total).toBe(4);
    expect(stats.total.verified.onTime).toBe(3);
    expect(stats.total.verified.onTimeRate).toBe(0.75);
    expect(stats.total.verified.averageDays).toBeCloseTo((48 + 96 + 51 + 24) / 4 / 24, 1);
  });

  it('counts outcomes, people held accountable and sanctions by kind; a reopening takes its conclusion back', () => {
    expect(stats.total.outcomes).toEqual({ substantiated: 2, unfounded: 2, merged: 1 });
    expect(stats.total.peopleHeldAccountable).toBe(2);
    expect(stats.total.sanctions).toEqual({
      admonition_talk: 1,
      notified_criticism: 1,
      removal_from_post: 1,
      party_warning: 0,
      case_filed: 1,
      other: 0,
    });
    expect(stats.total.reopened).toBe(1);
    expect(stats.total.closed).toBe(2);
  });

  it('gives each body its own figures: a transfer counts out of one and into the other', () => {
    const body = (id: string) => stats.byBody.find((b) => b.bodyId === id);
    expect(body('guofu-cdi')).toMatchObject({
      received: { total: 5 },
      transferredOut: 1,
      outcomes: { merged: 1 },
    });
    expect(body('district-cdi')).toMatchObject({
      received: { total: 0 },
      transferredIn: 1,
      acknowledged: { total: 1 },
    });
    // A body with nothing concluded has no rate, never 0%.
    expect(body('district-cdi')?.verified).toMatchObject({ total: 0, onTimeRate: null, averageDays: null });
    expect(body('sanjiao-cdi')).toMatchObject({
      peopleHeldAccountable: 1,
      sanctions: { removal_from_post: 1 },
    });
  });

  it("lists hotspots from the public's complaints only, net of duplicates, flagged past the threshold", () => {
    expect(stats.hotspots).toEqual([
      { unitId: 'guofu-government', complaints: 2, flaggedForInspection: true },
      { unitId: 'guofu-land-office', complaints: 2, flaggedForInspection: true },
    ]);
  });

  it('gives the trend day by day', () => {
    expect(stats.byDay.find((d) => d.day === '2026-11-10')).toEqual({
      day: '2026-11-10',
      received: 3,
      verified: 0,
      verifiedOnTime: 0,
    });
    expect(stats.byDay.reduce((sum, d) => sum + d.received, 0)).toBe(6);
  });

  it('counts an event the same however often it is counted again: the rule is a function of the event alone', () => {
    const once = JSON.stringify(aggregate(allEvents));
    expect(JSON.stringify(aggregate(structuredClone(allEvents)))).toBe(once);
  });
});

describe('what the list reads of a case', () => {
  it('the open-cases index projects every summary field, and never a sealed field or the complaint', () => {
    const projected = new Set(caseTable.indexes.byOpen.attributes);
    // The reference is the table key every index item carries.
    expect(SUMMARY_FIELDS.filter((field) => !projected.has(field))).toEqual(['reference']);
    for (const index of Object.values(caseTable.indexes)) {
      expect(index.attributes).not.toContain('complaint');
      expect(index.attributes).not.toContain('hasContact');
    }
  });

  it("validates a summary's fields with the very schemas the head uses", () => {
    expect(Object.keys(CaseSummaryShape).sort()).toEqual([...SUMMARY_FIELDS].sort());
    const caseShape = CaseSchema.def.shape as Record<string, unknown>;
    for (const field of SUMMARY_FIELDS) expect(caseShape[field], field).toBe(CaseSummaryShape[field]);
    expect(Object.keys(CaseSummarySchema.def.shape).sort()).toEqual([...SUMMARY_FIELDS].sort());
  });
});
