// The reporter's side in the domain: answering only an open question, rating once per conclusion within the window,
// 不满意 flagging the case, the notices a transition owes (never to a reporter without contact details), when a
// contact expires; and the public figures: no count of 1 or 2 ever published, none recoverable by subtraction, the
// CSV safe for spreadsheets, the page escaped, the bulletin in words.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deadlineCalendar, deadlineConfig } from '#config/office.ts';
import { reporterPolicy } from '#config/reporter.ts';
import { bulletin } from '#domain/accountability/bulletin.ts';
import { accountabilityCsv, accountabilityDocument } from '#domain/accountability/open-data.ts';
import { accountabilityPage } from '#domain/accountability/page.ts';
import { publicFigures } from '#domain/accountability/public-figures.ts';
import type { Case, CaseStatus } from '#domain/case.ts';
import { figuresOf, officeStatistics } from '#domain/lifecycle/stats.ts';
import {
  addInformation,
  answerQuestion,
  FollowUpRefusedError,
  rateOutcome,
  reporterView,
} from '#domain/reporter/follow-up.ts';
import { noticesOf } from '#domain/reporter/notices.ts';
import { contactExpiry } from '#domain/reporter/retention.ts';

const now = new Date('2026-12-01T08:00:00.000Z');
const context = { now, calendar: deadlineCalendar, deadlines: deadlineConfig, policy: reporterPolicy };

function caseIn(status: CaseStatus, extra: Partial<Case> = {}): Case {
  return {
    reference: 'HLW-4F7KQ-9ZP2M',
    channel: 'web',
    status,
    language: 'zh-CN',
    anonymous: true,
    complaint: { subjectUnit: '郭扶国土所' },
    receivedAt: '2026-11-27T09:30:00.000Z',
    verificationDueAt: '2026-11-30T09:30:00.000Z',
    createdAt: '2026-11-27T09:30:01.000Z',
    updatedAt: '2026-11-27T09:30:01.000Z',
    version: 5,
    milestonesNotified: [],
    category: 'solicitation',
    severity: 'high',
    unitId: 'guofu-land-office',
    bodyId: 'guofu-cdi',
    ...extra,
  };
}

const refusal = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof FollowUpRefusedError) return error.code;
    throw error;
  }
  return undefined;
};

describe('the reporter through the receipt code', () => {
  it('answers only a question still open, while the case is open, and closes that question', () => {
    const record = caseIn('verifying', { openQuestions: [4, 5] });
    const step = answerQuestion(record, 4, '11月20日', context);
    expect(step.event).toMatchObject({
      kind: 'question-answered',
      actor: 'reporter',
      details: { question: 4 },
    });
    expect(step.next.openQuestions).toEqual([5]);
    expect(
      answerQuestion(caseIn('verifying', { openQuestions: [4] }), 4, 'x', context).next.openQuestions,
    ).toBe(undefined);
    expect(refusal(() => answerQuestion(record, 3, 'x', context))).toBe('question-not-open');
    expect(refusal(() => answerQuestion(caseIn('closed', { openQuestions: [4] }), 4, 'x', context))).toBe(
      'case-not-open',
    );
    expect(refusal(() => addInformation(caseIn('merged'), 'x', context))).toBe('case-not-open');
    // Concluded: the reporter's say is now the rating, not more information.
    expect(refusal(() => addInformation(caseIn('substantiated'), 'x', context))).toBe('case-not-open');
    expect(refusal(() => answerQuestion(caseIn('unfounded', { openQuestions: [4] }), 4, 'x', context))).toBe(
      'case-not-open',
    );
    expect(addInformation(record, '补充', context).event).toMatchObject({ kind: 'information-added' });
  });

  it('rates a conclusion once, within its window; 不满意 flags the case; a new conclusion may be rated again', () => {
    const concluded = caseIn('unfounded', {
      outcome: 'unfounded',
      concludedAt: '2026-11-30T08:00:00.000Z',
      conclusionVersion: 4,
    });
    expect(refusal(() => rateOutcome(caseIn('verifying'), 'satisfied', undefined, context))).toBe(
      'rating-not-open',
    );
    const rated = rateOutcome(concluded, 'dissatisfied', '太轻', context);
    expect(rated.next).toMatchObject({
      dissatisfied: true,
      rating: { value: 'dissatisfied', conclusionVersion: 4 },
    });
    expect(rated.event.details).toEqual({ rating: 'dissatisfied', conclusionVersion: 4, comment: '太轻' });
    expect(refusal(() => rateOutcome(rated.next, 'satisfied', undefined, context))).toBe('already-rated');
    expect(rateOutcome(concluded, 'satisfied', undefined, context).next.dissatisfied).toBeUndefined();
    const late = { ...context, now: new Date('2027-02-01T00:00:00.000Z') };
    expect(refusal(() => rateOutcome(concluded, 'satisfied', undefined, late))).toBe('rating-not-open');
    const again = { ...rated.next, status: 'substantiated' as const, conclusionVersion: 9 };
    expect(rateOutcome(again, 'satisfied', undefined, context).next.rating?.conclusionVersion).toBe(9);
  });

  it("shows a merged case's reporter the outcome of the case it follows, and never who asked", () => {
    const followed = caseIn('substantiated', {
      outcome: 'substantiated',
      concludedAt: '2026-11-30T08:00:00.000Z',
      conclusionVersion: 6,
      sanctions: { people: 2, kinds: ['admonition_talk'] },
    } as Partial<Case>);
    const view = reporterView(caseIn('merged', { mergedInto: 'HLW-AAAAA-BBBBB' }), [], {
      now,
      policy: reporterPolicy,
      followed,
      followedStatus: 'verified',
    });
    expect(view.merged).toEqual({ followedStatus: 'verified' });
    expect(view.outcome).toMatchObject({ result: 'substantiated', peopleHeldAccountable: 2 });
    expect(view.rating.openUntil).toBeUndefined();
    expect(JSON.stringify(view)).not.toContain('HLW-AAAAA-BBBBB');
  });
});

describe('the notices a committed transition owes', () => {
  const event = (kind: string, details?: Record<string, unknown>) =>
    ({ reference: 'HLW-4F7KQ-9ZP2M', kind, at: now.toISOString(), version: 7, details }) as never;

  it('tells a reporter with contact details the conclusion once per conclusion, and the merged cases too', () => {
    const jobs = noticesOf(event('substantiated'), { hasContact: true }, ['HLW-MERGE-00001']);
    expect(jobs.map((j) => [j.reference, j.kind, j.milestone, j.outcome])).toEqual([
      ['HLW-4F7KQ-9ZP2M', 'reporter-conclusion', 'reporter:conclusion:v7', 'substantiated'],
      ['HLW-MERGE-00001', 'reporter-conclusion', 'reporter:conclusion:HLW-4F7KQ-9ZP2M:v7', 'substantiated'],
    ]);
    expect(noticesOf(event('unfounded'), { hasContact: undefined })).toEqual([]);
    for (const kind of ['closed', 'reopened', 'acknowledged', 'merged'])
      expect(noticesOf(event(kind), { hasContact: true }), kind).toEqual([]);
  });

  it('tells a question waits to a reporter with contact details only; staff hear that the reporter wrote', () => {
    expect(noticesOf(event('question-asked'), { hasContact: true }).map((j) => j.kind)).toEqual([
      'reporter-question',
    ]);
    expect(noticesOf(event('question-asked'), {})).toEqual([]);
    expect(noticesOf(event('question-answered'), {}).map((j) => j.kind)).toEqual([
      'reporter-message-arrived',
    ]);
    expect(noticesOf(event('rated', { rating: 'dissatisfied' }), {}).map((j) => j.kind)).toEqual([
      'reporter-dissatisfied',
    ]);
    expect(noticesOf(event('rated', { rating: 'satisfied' }), {})).toEqual([]);
  });
});

describe('when a contact expires', () => {
  const closed = caseIn('closed', {
    concludedAt: '2026-11-01T00:00:00.000Z',
    closedAt: '2026-11-02T00:00:00.000Z',
  });
  it('after the later of the close and the feedback window, plus the retention period', () => {
    // Concluded 1 Nov: the window ends 1 Dec (30 days), after the close; then 30 days.
    expect(contactExpiry(closed, reporterPolicy)).toBe('2026-12-31T00:00:00.000Z');
    const lateClose = { ...closed, closedAt: '2026-12-15T00:00:00.000Z' };
    expect(contactExpiry(lateClose, reporterPolicy)).toBe('2027-01-14T00:00:00.000Z');
  });
  it('never while the case (or the case a merged one follows) is not closed', () => {
    expect(contactExpiry(caseIn('verifying'), reporterPolicy)).toBeUndefined();
    expect(
      contactExpiry(caseIn('substantiated', { concludedAt: now.toISOString() }), reporterPolicy),
    ).toBeUndefined();
    expect(contactExpiry(caseIn('merged'), reporterPolicy, caseIn('verifying'))).toBeUndefined();
    expect(contactExpiry(caseIn('merged'), reporterPolicy, closed)).toBe('2026-12-31T00:00:00.000Z');
  });
});

describe('the public figures', () => {
  const counts = (values: Record<string, number>) => figuresOf(values, 0);

  it('publishes 1 and 2 as "<3", and withholds what would give one away by subtraction', () => {
    const { total } = publicFigures(
      counts({
        received: 7,
        'received.category.solicitation': 6,
        'received.category.attitude': 1,
        'received.channel.web': 7,
        'sanction.admonition_talk': 3,
        'sanction.notified_criticism': 1,
        people: 4,
      }),
      [],
    );
    expect(total.received.total).toBe(7);
    expect(total.received.byCategory.attitude).toBe('<3');
    // 7 − 6 would be the "<3": one more figure of that sum is withheld.
    expect(total.received.byCategory.solicitation).toBe('*');
    expect(total.received.byChannel.web).toBe(7);
    expect(total.sanctions.notified_criticism).toBe('<3');
    expect(total.sanctions.admonition_talk).toBe(3);
  });

  it('never publishes a count of 1 or 2, nor a hidden count a reader could work out, for any figures', () => {
    const small = fc.nat({ max: 6 });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(small, small, small, small, small), { minLength: 1, maxLength: 4 }),
        (rows) => {
          const bodies = rows.map(([a, b, c, d, e], i) => ({
            key: `b${i}`,
            figures: counts({
              received: a + b + c,
              'received.category.solicitation': a,
              'received.category.attitude': b,
              'received.category.other': c,
              'received.channel.web': a + b,
              'received.channel.hotline': c,
              verified: d + e,
              'outcome.substantiated': d,
              'outcome.unfounded': e,
            }),
          }));
          const total = bodies.reduce(
            (sum, b) => {
              for (const [k, v] of Object.entries({
                received: b.figures.received.total,
                'received.category.solicitation': b.figures.received.byCategory.solicitation,
                'received.category.attitude': b.figures.received.byCategory.attitude,
                'received.category.other': b.figures.received.byCategory.other,
                'received.channel.web': b.figures.received.byChannel.web,
                'received.channel.hotline': b.figures.received.byChannel.hotline,
              }))
                sum[k] = (sum[k] ?? 0) + v;
              return sum;
            },
            {} as Record<string, number>,
          );
          const published = publicFigures(counts(total), bodies);
          const all = [published.total, ...published.bodies.values()];
          const text = JSON.stringify(all);
          expect(text).not.toMatch(/:(1|2)[,}]/);
          for (const f of all) {
            const parts = Object.values(f.received.byCategory);
            const hidden =
              parts.filter((p) => typeof p !== 'number').length +
              (typeof f.received.total === 'number' ? 0 : 1);
            // A single hidden figure in a row that adds up would be disclosed.
            expect(
              hidden === 1 && typeof f.received.total === 'number' && parts.some((p) => p === '<3'),
            ).toBe(false);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('writes CSV safe for spreadsheets and a page that escapes what it prints', () => {
    const stats = officeStatistics(
      { from: '2026-12-01', to: '2026-12-07' },
      [
        {
          bodyId: 'guofu-cdi',
          days: [{ day: '2026-12-02', counts: { received: 4, 'received.channel.web': 4 } }],
          overdueNow: 0,
        },
      ],
      ['guofu-cdi'],
      now,
    );
    const document = accountabilityDocument({
      month: '2026-12',
      monthStats: stats,
      yearStats: stats,
      bodies: [{ id: 'guofu-cdi', names: { zh: '=HYPERLINK("x")', en: '<script>alert(1)</script>' } }],
      now,
    });
    const csv = accountabilityCsv(document);
    expect(csv.startsWith('\uFEFFperiod,from,to,body_zh,body_en,received')).toBe(true);
    expect(csv).toContain(`"'=HYPERLINK(""x"")"`);
    const page = accountabilityPage(document, 'en');
    expect(page).not.toContain('<script>alert');
    expect(page).toContain('&lt;script&gt;');
    expect(page).not.toContain('guofu-cdi');
  });

  it('writes the bulletin from the published figures, in the words of a district bulletin', () => {
    const total = publicFigures(
      counts({
        received: 21,
        'received.channel.web': 21,
        'received.category.solicitation': 21,
        people: 21,
        'sanction.admonition_talk': 9,
        'sanction.notified_criticism': 12,
        'sanction.removal_from_post': 1,
      }),
      [],
    ).total;
    const words = bulletin({ month: '2026-12', total, bodies: [] });
    expect(words.zh).toContain('共问责21人，其中诫勉谈话9人、通报批评12人、免职不足3人');
    expect(words.en).toContain('21 people were held accountable: 9 admonition talks, 12 notified criticisms');
    const small = bulletin({
      month: '2026-12',
      total: publicFigures(
        counts({ received: 2, 'received.channel.web': 2, verified: 1, 'outcome.unfounded': 1 }),
        [],
      ).total,
      bodies: [],
    });
    // A sentence opening with a count in words still begins with a capital.
    expect(small.en).toContain('. Fewer than 3 were verified');
    expect(small.zh).toContain('本月完成核查不足3件');
  });
});
