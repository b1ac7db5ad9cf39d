// The office's figures from a seeded set of cases, checked against counts made by hand for this set.
import { describe, expect, it } from 'vitest';
import { caseTable } from '#catalog';
import { CaseSchema, CaseSummaryShape } from '#domain/case.ts';
import { officeStatistics } from '#domain/lifecycle/stats.ts';
import { type CaseSummary, CaseSummarySchema, SUMMARY_FIELDS } from '#domain/lifecycle/summary.ts';

const now = new Date('2026-11-28T12:00:00.000Z');
let n = 0;
function seeded(extra: Partial<CaseSummary>): CaseSummary {
  n += 1;
  return {
    reference: `HLW-00000-${String(n).padStart(5, '0')}`,
    status: 'triaged',
    channel: 'web',
    category: 'solicitation',
    severity: 'high',
    unitId: 'guofu-land-office',
    bodyId: 'guofu-cdi',
    receivedAt: '2026-11-10T09:00:00.000Z',
    verificationDueAt: '2026-11-13T09:00:00.000Z',
    updatedAt: '2026-11-10T09:00:00.000Z',
    ...extra,
  };
}

// 1 and 2: guofu, substantiated on time, 王某 in both (one person), 3 sanctions of two kinds + 1 party warning.
// 3: guofu, unfounded late. 4: guofu, open and overdue. 5: gunan, hotline, attitude, acknowledged late, open,
// not overdue (due later). 6: gunan, merged. 7: received outside the period. 8: sanjiao, inspection, closed
// substantiated with one removal from post of 张某 and a case filed.
const cases = [
  seeded({
    status: 'closed',
    outcome: 'substantiated',
    acknowledgedAt: '2026-11-10T10:00:00.000Z',
    concludedAt: '2026-11-12T09:00:00.000Z',
    closedAt: '2026-11-12T10:00:00.000Z',
    sanctions: [{ person: '王某', kinds: ['admonition_talk', 'notified_criticism'] }],
  }),
  seeded({
    status: 'substantiated',
    outcome: 'substantiated',
    acknowledgedAt: '2026-11-10T10:00:00.000Z',
    concludedAt: '2026-11-13T08:00:00.000Z',
    sanctions: [
      { person: ' 王某 ', kinds: ['notified_criticism'] },
      { person: '李 所长', kinds: ['party_warning'] },
    ],
  }),
  seeded({
    status: 'unfounded',
    outcome: 'unfounded',
    category: 'obstruction',
    concludedAt: '2026-11-14T09:00:00.000Z',
  }),
  seeded({ status: 'verifying', category: 'obstruction', unitId: 'guofu-government' }),
  seeded({
    status: 'acknowledged',
    channel: 'hotline',
    category: 'attitude',
    bodyId: 'gunan-cdi',
    unitId: 'gunan-stats-station',
    receivedAt: '2026-11-27T09:00:00.000Z',
    verificationDueAt: '2026-11-30T09:00:00.000Z',
    acknowledgeDueAt: '2026-11-27T17:00:00.000Z',
    acknowledgedAt: '2026-11-28T09:00:00.000Z',
  }),
  seeded({
    status: 'merged',
    bodyId: 'gunan-cdi',
    mergedInto: 'HLW-00000-00005',
    unitId: 'gunan-stats-station',
  }),
  seeded({
    status: 'triaged',
    receivedAt: '2026-10-01T09:00:00.000Z',
    verificationDueAt: '2026-10-04T09:00:00.000Z',
  }),
  seeded({
    status: 'closed',
    outcome: 'substantiated',
    channel: 'inspection',
    bodyId: 'sanjiao-cdi',
    unitId: 'sanjiao-service-center',
    concludedAt: '2026-11-11T09:00:00.000Z',
    sanctions: [{ person: '张某', kinds: ['removal_from_post', 'case_filed'] }],
  }),
];

const stats = officeStatistics(
  cases,
  { from: '2026-11-01T00:00:00.000Z', to: '2026-11-30T23:59:59.999Z' },
  ['guofu-cdi', 'gunan-cdi', 'sanjiao-cdi'],
  now,
  3,
);

describe('statistics of a seeded period', () => {
  it('counts cases received by channel and category', () => {
    expect(stats.total.received.total).toBe(7);
    expect(stats.total.received.byChannel).toEqual({ web: 5, hotline: 1, open311: 0, inspection: 1 });
    expect(stats.total.received.byCategory).toEqual({
      solicitation: 4,
      misconduct: 0,
      obstruction: 2,
      attitude: 1,
      other: 0,
      untriaged: 0,
    });
  });

  it('counts acknowledgements and verifications on time, and what is overdue now', () => {
    expect(stats.total.acknowledged).toEqual({ total: 3, onTime: 2 });
    expect(stats.total.verified).toEqual({ total: 4, onTime: 3, onTimeRate: 0.75 });
    expect(stats.total.overdueNow).toBe(1);
  });

  it('counts outcomes, distinct people held accountable and sanctions by kind', () => {
    expect(stats.total.outcomes).toEqual({ substantiated: 3, unfounded: 1, merged: 1, open: 2 });
    expect(stats.total.peopleHeldAccountable).toBe(3);
    expect(stats.total.sanctions).toEqual({
      admonition_talk: 1,
      notified_criticism: 2,
      removal_from_post: 1,
      party_warning: 1,
      case_filed: 1,
      other: 0,
    });
  });

  it('gives the same figures per body', () => {
    const [guofu, gunan, sanjiao] = stats.byBody;
    expect(guofu).toMatchObject({
      bodyId: 'guofu-cdi',
      received: { total: 4 },
      peopleHeldAccountable: 2,
      overdueNow: 1,
      verified: { total: 3, onTime: 2 },
    });
    expect(gunan).toMatchObject({
      bodyId: 'gunan-cdi',
      received: { total: 2 },
      acknowledged: { total: 1, onTime: 0 },
      outcomes: { merged: 1, open: 1 },
    });
    expect(sanjiao).toMatchObject({
      bodyId: 'sanjiao-cdi',
      peopleHeldAccountable: 1,
      sanctions: { removal_from_post: 1, case_filed: 1 },
    });
  });

  it('lists hotspots from the public’s complaints only, flagged past the threshold', () => {
    expect(stats.hotspots).toEqual([
      { unitId: 'guofu-land-office', complaints: 3, flaggedForInspection: true },
      { unitId: 'gunan-stats-station', complaints: 1, flaggedForInspection: false },
      { unitId: 'guofu-government', complaints: 1, flaggedForInspection: false },
    ]);
  });

  it('reads only attributes the byAssignee index projects', () => {
    const projected = new Set(caseTable.indexes.byAssignee.attributes);
    expect(SUMMARY_FIELDS.filter((field) => !projected.has(field))).toEqual([]);
    expect(projected.has('sealedContact')).toBe(false);
    expect(projected.has('complaint')).toBe(false);
  });

  it("validates a summary's fields with the very schemas the whole case uses", () => {
    // The summary is built apart (the list and the statistics never build the whole case schema), yet it must
    // accept and refuse exactly what the case does for these fields: it shares their schema instances.
    expect(Object.keys(CaseSummaryShape).sort()).toEqual([...SUMMARY_FIELDS].sort());
    const caseShape = CaseSchema.def.shape as Record<string, unknown>;
    for (const field of SUMMARY_FIELDS) expect(caseShape[field], field).toBe(CaseSummaryShape[field]);
    expect(Object.keys(CaseSummarySchema.def.shape)).toEqual(
      Object.keys(caseShape).filter((field) => field in CaseSummaryShape),
    );
  });
});
