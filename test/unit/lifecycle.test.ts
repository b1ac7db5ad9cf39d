// The case lifecycle: every action in every status for every role, what each records, the clocks it stops, the
// conflict-of-interest rule on transfer and manual triage, and who sees which case.
import { describe, expect, it } from 'vitest';
import directory from '#config/directory.json' with { type: 'json' };
import { deadlineCalendar, deadlineConfig } from '#config/office.ts';
import { triageConfig } from '#config/triage-config.ts';
import { CASE_STATUSES, type Case, type CaseStatus, publicStatusOf } from '#domain/case.ts';
import type { ComplaintDetails } from '#domain/complaint.ts';
import { type Caller, inScope, type Role, scopeOf } from '#domain/lifecycle/access.ts';
import {
  ACTIONS,
  type Action,
  ActionDetailsError,
  ActionNotAllowedError,
  type ActionRequest,
  allowedActions,
  applyAction,
  checkAction,
  ImplicatedBodyError,
  RoleNotAllowedError,
  UnknownBodyError,
} from '#domain/lifecycle/actions.ts';
import { InvalidCursorError, openCursor, sealCursor } from '#domain/lifecycle/cursor.ts';
import { isDueSoon, isOverdue } from '#domain/lifecycle/overdue.ts';

const now = new Date('2026-11-28T08:00:00.000Z');
const routing = triageConfig.routing;

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
    version: 3,
    milestonesNotified: [],
    category: 'solicitation',
    severity: 'high',
    unitId: 'guofu-land-office',
    bodyId: 'guofu-cdi',
    ...extra,
  };
}

const person = (role: Role, bodyId = 'guofu-cdi'): Caller => ({
  id: `${bodyId}-${role}`,
  name: role,
  role,
  bodyId,
});
const investigator = person('investigator');
const supervisor = person('supervisor');

const COMPLAINT: ComplaintDetails = {
  description: '郭扶镇国土所窗口工作人员说要“意思一下”才给办证。',
  subjectUnit: '郭扶国土所',
};
/** How a step is taken: who, when, the routing table and the calendar, and the complaint's words. */
const context = (caller: Caller = investigator, complaint: ComplaintDetails = COMPLAINT) => ({
  caller,
  now,
  routing,
  calendar: deadlineCalendar,
  deadlines: deadlineConfig,
  complaint,
});

/** What each action needs, so that only the status and the role decide. */
const DETAILS: Record<Action, Partial<ActionRequest>> = {
  acknowledge: {},
  verify: {},
  substantiate: { findings: '属实：窗口人员索要好处费两千元。' },
  unfound: { findings: '经调取监控与询问，反映问题不属实。' },
  close: {},
  transfer: { targetBodyId: 'district-cdi', note: '涉及多个镇，由区纪委统一核查' },
  merge: { mergeInto: 'HLW-0000A-0000B' },
  unmerge: { note: '并案有误，两件举报不是同一事项' },
  reopen: { note: '举报人提供了新的证据' },
  assign: { assigneeId: 'guofu-cdi-investigator' },
  return: { note: '所涉窗口不属本镇管辖' },
  'request-extension': { extendUntil: '2026-12-05T09:30:00.000Z', note: '需调取三个月的监控录像' },
  'grant-extension': {},
  'refuse-extension': { note: '监控可在期限内调取' },
  supervise: { superviseBy: '2026-12-01T09:30:00.000Z', note: '群众反映强烈，请加快核查' },
  triage: { triage: { category: 'misconduct', severity: 'high', bodyId: 'guofu-cdi' } },
  ask: { message: '您提到的“意思一下”是在哪一天、哪个窗口说的？' },
  respond: { message: '经复查，原核查结论无误，已对窗口作风问题进行通报。' },
};
const request = (action: Action, extra: Partial<ActionRequest> = {}): ActionRequest => ({
  action,
  expectedVersion: 3,
  ...DETAILS[action],
  ...extra,
});

// The rules restated from the issue, independently of the implementation's table.
const WORKERS: Role[] = ['investigator', 'supervisor'];
const EXPECTED: Record<Action, { from: (c: Case) => boolean; roles: Role[] }> = {
  acknowledge: { from: (c) => c.status === 'triaged', roles: WORKERS },
  verify: { from: (c) => c.status === 'acknowledged', roles: WORKERS },
  substantiate: { from: (c) => c.status === 'verifying', roles: WORKERS },
  unfound: { from: (c) => c.status === 'verifying', roles: WORKERS },
  close: { from: (c) => c.status === 'substantiated' || c.status === 'unfounded', roles: WORKERS },
  transfer: { from: (c) => ['triaged', 'acknowledged', 'verifying'].includes(c.status), roles: WORKERS },
  merge: { from: (c) => ['triaged', 'acknowledged', 'verifying'].includes(c.status), roles: WORKERS },
  unmerge: { from: (c) => c.status === 'merged', roles: ['supervisor'] },
  // A closed case; a concluded one too when its reporter rated the outcome 不满意.
  reopen: {
    from: (c) =>
      c.status === 'closed' ||
      ((c.status === 'substantiated' || c.status === 'unfounded') && c.dissatisfied === true),
    roles: ['supervisor'],
  },
  // Questions while the case is worked, never on an inspector's own finding, at most five waiting.
  ask: {
    from: (c) =>
      ['triaged', 'acknowledged', 'verifying'].includes(c.status) &&
      c.channel !== 'inspection' &&
      (c.openQuestions?.length ?? 0) < 5,
    roles: WORKERS,
  },
  respond: { from: (c) => c.dissatisfied === true, roles: ['supervisor'] },
  assign: {
    from: (c) => ['triaged', 'acknowledged', 'verifying', 'substantiated', 'unfounded'].includes(c.status),
    roles: ['supervisor'],
  },
  return: { from: (c) => c.status === 'triaged' || c.status === 'acknowledged', roles: WORKERS },
  'request-extension': {
    from: (c) => (c.status === 'acknowledged' || c.status === 'verifying') && c.extension === undefined,
    roles: WORKERS,
  },
  'grant-extension': {
    from: (c) => (c.status === 'acknowledged' || c.status === 'verifying') && c.extension !== undefined,
    roles: ['supervisor'],
  },
  'refuse-extension': {
    from: (c) => (c.status === 'acknowledged' || c.status === 'verifying') && c.extension !== undefined,
    roles: ['supervisor'],
  },
  supervise: {
    from: (c) => ['triaged', 'acknowledged', 'verifying', 'substantiated', 'unfounded'].includes(c.status),
    roles: ['supervisor'],
  },
  triage: {
    from: (c) =>
      (c.status === 'received' && c.needsManualTriage === true) ||
      (c.status === 'triaged' && c.needsReview === true),
    roles: ['supervisor'],
  },
};

const PENDING = {
  until: '2026-12-05T09:30:00.000Z',
  requestedBy: 'guofu-cdi-investigator',
  requestedAt: now.toISOString(),
};
const variants: Case[] = CASE_STATUSES.flatMap((status) => [
  caseIn(status),
  caseIn(status, { needsManualTriage: true, needsReview: true }),
  caseIn(status, { extension: PENDING, assigneeId: 'guofu-cdi-supervisor' }),
  caseIn(status, { dissatisfied: true, openQuestions: [4, 5, 6, 7, 8] }),
  caseIn(status, { channel: 'inspection', openQuestions: [4] }),
]);

describe('every action in every status, for every role', () => {
  for (const record of variants) {
    for (const role of ['investigator', 'supervisor', 'admin'] as const) {
      for (const action of ACTIONS) {
        const rule = EXPECTED[action];
        const flags = record.needsManualTriage
          ? ' (flagged)'
          : record.extension
            ? ' (extension asked)'
            : record.dissatisfied
              ? ' (reporter not satisfied, five questions waiting)'
              : record.channel === 'inspection'
                ? ' (inspection finding)'
                : '';
        it(`${role}: ${action} on a ${record.status} case${flags}`, () => {
          const caller = person(role);
          const attempt = () => checkAction(record, request(action), caller);
          // What this caller may do now, from the rules restated above, never from the code under test.
          const expectedAllowed = ACTIONS.filter(
            (a) => EXPECTED[a].roles.includes(role) && EXPECTED[a].from(record),
          );
          expect(allowedActions(record, caller)).toEqual(expectedAllowed);
          if (!rule.roles.includes(role)) {
            expect(attempt).toThrow(RoleNotAllowedError);
          } else if (!rule.from(record)) {
            expect(attempt).toThrow(ActionNotAllowedError);
            try {
              attempt();
              expect.unreachable();
            } catch (error) {
              expect((error as ActionNotAllowedError).allowed).toEqual(expectedAllowed);
              expect((error as ActionNotAllowedError).allowed).not.toContain(action);
            }
          } else {
            expect(attempt).not.toThrow();
            expect(allowedActions(record, caller)).toContain(action);
          }
        });
      }
    }
  }
});

describe('what each transition records', () => {
  const at = now.toISOString();

  it('acknowledging sets acknowledgedAt; every step makes version + 1 and one event with the head before and after', () => {
    const record = caseIn('triaged');
    const { next, event } = applyAction(record, request('acknowledge', { note: '已接收' }), context());
    expect(next).toMatchObject({ status: 'acknowledged', acknowledgedAt: at, version: 4, updatedAt: at });
    expect(event).toMatchObject({
      reference: record.reference,
      kind: 'acknowledged',
      at,
      actor: 'guofu-cdi-investigator',
      note: '已接收',
      version: 4,
    });
    expect(event.before).toMatchObject({ status: 'triaged', bodyId: 'guofu-cdi' });
    expect(event.after).toMatchObject({ status: 'acknowledged', acknowledgedAt: at });
    // The step works out the clocks again: the acknowledgement clock stopped, the next due milestone moved on.
    expect(next.nextDueAt).not.toBe(record.nextDueAt);
    expect(record.status).toBe('triaged');
  });

  it('substantiating records the outcome and concludedAt on the head, findings and sanctions in the event', () => {
    const sanctions = [
      { person: '郭扶国土所窗口工作人员王某', kinds: ['admonition_talk' as const, 'party_warning' as const] },
      { person: '所长', kinds: ['notified_criticism' as const] },
    ];
    const { next, event } = applyAction(
      caseIn('verifying'),
      request('substantiate', { sanctions }),
      context(),
    );
    expect(next).toMatchObject({
      status: 'substantiated',
      outcome: 'substantiated',
      concludedAt: at,
      sanctions: { people: 2, kinds: { admonition_talk: 1, party_warning: 1, notified_criticism: 1 } },
    });
    expect(next).not.toHaveProperty('findings');
    expect(event.details).toEqual({ findings: DETAILS.substantiate.findings, sanctions });
  });

  it('finding a case unfounded concludes it without sanctions', () => {
    const { next, event } = applyAction(
      caseIn('verifying', { sanctions: { people: 1, kinds: { other: 1 } as never } }),
      request('unfound'),
      context(),
    );
    expect(next).toMatchObject({ status: 'unfounded', outcome: 'unfounded', concludedAt: at });
    expect(next).not.toHaveProperty('sanctions');
    expect(event.details).toEqual({ findings: DETAILS.unfound.findings });
  });

  it('closing sets closedAt; reopening clears the conclusion and closing, and verifies again', () => {
    const concluded = caseIn('closed', {
      outcome: 'substantiated',
      sanctions: { people: 1, kinds: { case_filed: 1 } as never },
      concludedAt: '2026-11-28T07:00:00.000Z',
      closedAt: '2026-11-28T07:30:00.000Z',
      acknowledgedAt: '2026-11-27T10:00:00.000Z',
    });
    expect(applyAction(caseIn('unfounded'), request('close'), context()).next).toMatchObject({
      status: 'closed',
      closedAt: at,
    });
    const { next: reopened, event } = applyAction(concluded, request('reopen'), context(supervisor));
    expect(reopened.status).toBe('verifying');
    for (const gone of ['closedAt', 'concludedAt', 'outcome', 'sanctions'])
      expect(reopened).not.toHaveProperty(gone);
    expect(reopened.acknowledgedAt).toBe('2026-11-27T10:00:00.000Z');
    expect(event).toMatchObject({
      kind: 'reopened',
      actor: 'guofu-cdi-supervisor',
      note: DETAILS.reopen.note,
    });
    // What statistics take back: the conclusion the reopening undoes is in the event's "before".
    expect(event.before).toMatchObject({ outcome: 'substantiated', sanctions: { people: 1 } });
  });

  it('keeps verificationDueAt as triage computed it', () => {
    for (const action of ['acknowledge', 'transfer'] as const) {
      expect(applyAction(caseIn('triaged'), request(action), context()).next.verificationDueAt).toBe(
        '2026-11-30T09:30:00.000Z',
      );
    }
  });

  it('a transfer goes to the new body as triaged, to be acknowledged afresh, with its reason', () => {
    const { next, event } = applyAction(
      caseIn('acknowledged', { acknowledgedAt: '2026-11-27T10:00:00.000Z' }),
      request('transfer'),
      context(),
    );
    expect(next).toMatchObject({ status: 'triaged', bodyId: 'district-cdi' });
    expect(next).not.toHaveProperty('acknowledgedAt');
    expect(event).toMatchObject({
      kind: 'transferred',
      note: DETAILS.transfer.note,
      details: { from: 'guofu-cdi', to: 'district-cdi' },
    });
  });

  it('a merge leaves the duplicate pointing at the survivor, and an unmerge returns it where it was', () => {
    const { next: merged, event } = applyAction(caseIn('acknowledged'), request('merge'), context());
    expect(merged).toMatchObject({
      status: 'merged',
      mergedInto: 'HLW-0000A-0000B',
      statusBeforeMerge: 'acknowledged',
    });
    expect(event).toMatchObject({ kind: 'merged', details: { into: 'HLW-0000A-0000B' } });
    // Nothing runs for a merged case.
    expect(merged.nextDueAt).toBeUndefined();
    const { next: back, event: undone } = applyAction(
      merged,
      request('unmerge', { expectedVersion: 4 }),
      context(supervisor),
    );
    expect(back).toMatchObject({ status: 'acknowledged', version: 5 });
    expect(back).not.toHaveProperty('mergedInto');
    expect(back).not.toHaveProperty('statusBeforeMerge');
    expect(undone).toMatchObject({
      kind: 'unmerged',
      note: DETAILS.unmerge.note,
      details: { from: 'HLW-0000A-0000B' },
    });
  });

  it("a person acting on a case set aside by failing sweeps puts it back on the sweeper's list", () => {
    const { next } = applyAction(
      caseIn('triaged', { sweepFailures: 5, sweepSetAsideAt: '2026-11-28T07:00:00.000Z' }),
      request('acknowledge'),
      context(),
    );
    expect(next).not.toHaveProperty('sweepFailures');
    expect(next).not.toHaveProperty('sweepSetAsideAt');
  });

  it('manual triage routes the case and clears its flags', () => {
    const flagged = caseIn('received', { needsManualTriage: true });
    delete flagged.bodyId;
    const { next, event } = applyAction(flagged, request('triage'), context(supervisor));
    expect(next).toMatchObject({
      status: 'triaged',
      category: 'misconduct',
      severity: 'high',
      bodyId: 'guofu-cdi',
    });
    expect(next).not.toHaveProperty('needsManualTriage');
    expect(event.before).not.toHaveProperty('bodyId');
    expect(event.after).toMatchObject({ bodyId: 'guofu-cdi', category: 'misconduct' });
  });
});

describe("an investigator's working day", () => {
  const people = new Map(
    directory.bodies.flatMap((body) =>
      body.people.map((p) => [p.id, { bodyId: body.id, role: p.role as Role }] as const),
    ),
  );
  const withPeople = (caller: Caller) => ({ ...context(caller), people });

  it('an investigator who acknowledges a case nobody has signs for it; a supervisor acknowledging does not', () => {
    expect(applyAction(caseIn('triaged'), request('acknowledge'), context()).next.assigneeId).toBe(
      'guofu-cdi-investigator',
    );
    expect(
      applyAction(caseIn('triaged'), request('acknowledge'), context(supervisor)).next,
    ).not.toHaveProperty('assigneeId');
    const theirs = caseIn('triaged', { assigneeId: 'guofu-cdi-supervisor' });
    expect(applyAction(theirs, request('acknowledge'), context()).next.assigneeId).toBe(
      'guofu-cdi-supervisor',
    );
  });

  it('a supervisor assigns to a person of the body only, and reassigns only with a reason', () => {
    const { next, event } = applyAction(caseIn('triaged'), request('assign'), withPeople(supervisor));
    expect(next.assigneeId).toBe('guofu-cdi-investigator');
    expect(event).toMatchObject({ kind: 'assigned', details: { from: null, to: 'guofu-cdi-investigator' } });
    expect(() =>
      applyAction(
        caseIn('triaged'),
        request('assign', { assigneeId: 'gunan-cdi-investigator' }),
        withPeople(supervisor),
      ),
    ).toThrow(ActionDetailsError);
    const taken = caseIn('acknowledged', { assigneeId: 'guofu-cdi-investigator' });
    expect(() =>
      applyAction(taken, request('assign', { assigneeId: 'guofu-cdi-supervisor' }), withPeople(supervisor)),
    ).toThrow(expect.objectContaining({ fields: { note: expect.any(String) } }));
    expect(
      applyAction(
        taken,
        request('assign', { assigneeId: 'guofu-cdi-supervisor', note: '刘晓峰出差' }),
        withPeople(supervisor),
      ).next.assigneeId,
    ).toBe('guofu-cdi-supervisor');
  });

  it('a returned case goes back to be routed by hand, with the body it came from and nobody holding it', () => {
    const { next, event } = applyAction(
      caseIn('acknowledged', {
        assigneeId: 'guofu-cdi-investigator',
        acknowledgedAt: '2026-11-27T10:00:00.000Z',
      }),
      request('return'),
      context(),
    );
    expect(next).toMatchObject({ status: 'received', needsManualTriage: true, returnedFrom: 'guofu-cdi' });
    for (const gone of ['bodyId', 'assigneeId', 'acknowledgedAt']) expect(next).not.toHaveProperty(gone);
    expect(event).toMatchObject({ kind: 'returned', note: DETAILS.return.note });
    // Routed again by a supervisor, the conflict rule checked again: the mark of where it came from goes.
    const routed = applyAction(next, request('triage', { expectedVersion: 4 }), context(supervisor)).next;
    expect(routed).not.toHaveProperty('returnedFrom');
  });

  it('an extension asked moves nothing until granted; granted, the verification runs to the new date, afresh', () => {
    const verifying = caseIn('verifying');
    const asked = applyAction(verifying, request('request-extension'), context()).next;
    expect(asked.extension).toMatchObject({
      until: '2026-12-05T09:30:00.000Z',
      requestedBy: 'guofu-cdi-investigator',
    });
    expect(asked.verificationDueAt).toBe(verifying.verificationDueAt);
    const granted = applyAction(
      asked,
      request('grant-extension', { expectedVersion: 4 }),
      context(supervisor),
    ).next;
    expect(granted).toMatchObject({ verificationDueAt: '2026-12-05T09:30:00.000Z', extensionsGranted: 1 });
    expect(granted).not.toHaveProperty('extension');
    const refused = applyAction(
      asked,
      request('refuse-extension', { expectedVersion: 4 }),
      context(supervisor),
    ).next;
    expect(refused.verificationDueAt).toBe(verifying.verificationDueAt);
    expect(refused).not.toHaveProperty('extension');
    // A date before the present deadline is no extension.
    expect(() =>
      applyAction(
        verifying,
        request('request-extension', { extendUntil: '2026-11-29T00:00:00.000Z' }),
        context(),
      ),
    ).toThrow(ActionDetailsError);
  });

  it('a supervision mark carries who wants it done by when', () => {
    const { next } = applyAction(caseIn('verifying'), request('supervise'), context(supervisor));
    expect(next.supervision).toEqual({
      by: 'guofu-cdi-supervisor',
      at: now.toISOString(),
      dueAt: '2026-12-01T09:30:00.000Z',
    });
    expect(() =>
      applyAction(
        caseIn('verifying'),
        request('supervise', { superviseBy: '2026-11-01T00:00:00.000Z' }),
        context(supervisor),
      ),
    ).toThrow(ActionDetailsError);
  });
});

describe('details an action needs and refuses', () => {
  it('names the missing details', () => {
    expect(() =>
      checkAction(caseIn('verifying'), { action: 'substantiate', expectedVersion: 3 }, investigator),
    ).toThrow(ActionDetailsError);
    try {
      checkAction(caseIn('triaged'), { action: 'transfer', expectedVersion: 3 }, investigator);
      expect.unreachable();
    } catch (error) {
      expect((error as ActionDetailsError).fields).toEqual({
        targetBodyId: 'required to transfer',
        note: 'required to transfer',
      });
    }
  });

  it('refuses details the action does not use', () => {
    try {
      checkAction(caseIn('triaged'), request('acknowledge', { sanctions: [] }), investigator);
      expect.unreachable();
    } catch (error) {
      expect((error as ActionDetailsError).fields).toEqual({ sanctions: 'not used to acknowledge' });
    }
  });
});

describe('the conflict-of-interest rule, checked again on transfer and manual triage', () => {
  it('refuses a body whose jurisdiction the unit leads (leadership)', () => {
    const aboutGovernment = caseIn('triaged', { unitId: 'guofu-government', bodyId: 'district-cdi' });
    const attempt = () =>
      applyAction(aboutGovernment, request('transfer', { targetBodyId: 'guofu-cdi' }), context());
    expect(attempt).toThrow(ImplicatedBodyError);
    try {
      attempt();
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ rule: 'route.conflict.leadership', bodyId: 'guofu-cdi' });
    }
  });

  it('refuses the body a named official belongs to (own person)', () => {
    const complaint = { description: '区纪委的孙立军收了钱不办事，压着案子不查。', officialName: '孙立军' };
    const aboutTheirOwn = caseIn('triaged', {
      complaint: { officialName: '孙立军' },
      unitId: null,
      bodyId: 'city-cdi',
    });
    expect(() =>
      applyAction(
        aboutTheirOwn,
        request('transfer', { targetBodyId: 'district-cdi' }),
        context(investigator, complaint),
      ),
    ).toThrow(expect.objectContaining({ rule: 'route.conflict.own-person' }));
  });

  it('refuses the body the complaint is about (body itself)', () => {
    const aboutBody = caseIn('triaged', { unitId: 'sanjiao-cdi', bodyId: 'district-cdi' });
    expect(() =>
      applyAction(aboutBody, request('transfer', { targetBodyId: 'sanjiao-cdi' }), context()),
    ).toThrow(expect.objectContaining({ rule: 'route.conflict.body-itself' }));
  });

  it('refuses an unknown body and the body the case is already with', () => {
    expect(() =>
      applyAction(caseIn('triaged'), request('transfer', { targetBodyId: 'nowhere-cdi' }), context()),
    ).toThrow(UnknownBodyError);
    expect(() =>
      applyAction(caseIn('triaged'), request('transfer', { targetBodyId: 'guofu-cdi' }), context()),
    ).toThrow(UnknownBodyError);
  });

  it('refuses manual triage to an implicated body', () => {
    const flagged = caseIn('received', { needsManualTriage: true, unitId: 'guofu-government' });
    delete flagged.bodyId;
    expect(() =>
      applyAction(
        flagged,
        request('triage', { triage: { category: 'misconduct', severity: 'high', bodyId: 'guofu-cdi' } }),
        context(supervisor),
      ),
    ).toThrow(expect.objectContaining({ rule: 'route.conflict.leadership' }));
  });
});

describe('who sees which case', () => {
  const bodies = directory.bodies.map((b) => ({ id: b.id, parent: b.parent }));
  const scope = (caller: Caller) => scopeOf(caller, bodies, directory.defaultBodyId);

  it('an investigator sees their own body only', () => {
    const s = scope(investigator);
    expect([...s.bodies]).toEqual(['guofu-cdi']);
    expect(inScope(caseIn('triaged', { bodyId: 'gunan-cdi' }), s)).toBe(false);
    expect(inScope({ needsManualTriage: true }, s)).toBe(false);
  });

  it('a supervisor sees their body and every body below it', () => {
    const s = scope(person('supervisor', 'district-cdi'));
    expect([...s.bodies].sort()).toEqual(['district-cdi', 'gunan-cdi', 'guofu-cdi', 'sanjiao-cdi']);
    expect(s.bodies.has('city-cdi')).toBe(false);
    expect(inScope({ needsManualTriage: true }, s)).toBe(true);
    expect(scope(supervisor).manualTriage).toBe(false);
  });

  it('an admin sees every body; a caller of an unknown body sees nothing', () => {
    expect(scope(person('admin', 'city-cdi')).bodies.size).toBe(directory.bodies.length);
    expect(scope(person('supervisor', 'nowhere')).bodies.size).toBe(0);
  });
});

describe('deadlines seen from the list', () => {
  it('is overdue past the verification deadline until concluded', () => {
    const late = new Date('2026-11-30T09:31:00.000Z');
    expect(isOverdue(caseIn('verifying'), late)).toBe(true);
    expect(isOverdue(caseIn('substantiated', { concludedAt: '2026-11-30T09:00:00.000Z' }), late)).toBe(false);
    expect(isOverdue(caseIn('verifying'), now)).toBe(false);
    expect(isDueSoon(caseIn('verifying'), new Date('2026-11-29T10:00:00.000Z'))).toBe(true);
    expect(isDueSoon(caseIn('verifying'), now)).toBe(false);
  });

  it('an unacknowledged case is overdue past its acknowledgement deadline', () => {
    const record = caseIn('triaged', { acknowledgeDueAt: '2026-11-28T07:00:00.000Z' });
    expect(isOverdue(record, now)).toBe(true);
    expect(isOverdue({ ...record, acknowledgedAt: '2026-11-28T06:00:00.000Z' }, now)).toBe(false);
  });
});

describe('what the reporter sees of the lifecycle', () => {
  it('inside steps read as public ones; a closed case with sanctions reads as sanctioned', () => {
    expect(publicStatusOf(caseIn('acknowledged'))).toBe('triaged');
    expect(publicStatusOf(caseIn('substantiated'))).toBe('verified');
    expect(
      publicStatusOf(
        caseIn('closed', {
          outcome: 'substantiated',
          sanctions: { people: 1, kinds: { case_filed: 1 } as never },
        }),
      ),
    ).toBe('sanctioned');
    expect(publicStatusOf(caseIn('closed', { outcome: 'unfounded' }))).toBe('closed');
    expect(publicStatusOf(applyAction(caseIn('acknowledged'), request('verify'), context()).next)).toBe(
      'verifying',
    );
  });
});

describe('the list cursor', () => {
  const key = Buffer.alloc(32, 7);
  it('opens only for the binding it was sealed with, and not when altered', () => {
    const cursor = sealCursor('2026-11-27T09:30:00.000Z#HLW-4F7KQ-9ZP2M', 'alice|filters', key);
    expect(openCursor(cursor, 'alice|filters', key)).toBe('2026-11-27T09:30:00.000Z#HLW-4F7KQ-9ZP2M');
    expect(() => openCursor(cursor, 'bob|filters', key)).toThrow(InvalidCursorError);
    const [position, mac] = cursor.split('.');
    const forged = `${Buffer.from('9999#HLW-0000A-0000B').toString('base64url')}.${mac}`;
    expect(() => openCursor(forged, 'alice|filters', key)).toThrow(InvalidCursorError);
    expect(() => openCursor(`${position}.${'A'.repeat(22)}`, 'alice|filters', key)).toThrow(
      InvalidCursorError,
    );
    expect(() => openCursor('garbage', 'alice|filters', key)).toThrow(InvalidCursorError);
  });
});
