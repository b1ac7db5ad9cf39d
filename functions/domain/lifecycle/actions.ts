// The case lifecycle as one state machine: which action is allowed in which status and for which role, what each
// needs, and the transition it makes: the next head (version + 1, its clocks worked out again) and the event that
// records it. The store commits the head conditionally on the old version and writes the event beside it.
import * as z from 'zod/mini';
import '../zod-locale.ts';
import {
  type Case,
  type CaseStatus,
  MAX_OPEN_QUESTIONS,
  MAX_SANCTIONS,
  type Sanction,
  SanctionSchema,
  summariseSanctions,
} from '../case.ts';
import type { ComplaintDetails } from '../complaint.ts';
import type { Calendar } from '../deadlines/calendar.ts';
import { clocksAfter } from '../deadlines/clocks.ts';
import type { DeadlineConfig } from '../deadlines/config.ts';
import { snapshotOf, type Transition, type TransitionKind } from '../events.ts';
import { REFERENCE_PATTERN } from '../reference.ts';
import { CategorySchema, SeveritySchema } from '../triage/model.ts';
import { normaliseText } from '../triage/normalise.ts';
import { implicatedBodies } from '../triage/route.ts';
import type { RoutingTable } from '../triage/routing-table.ts';
import { findNamedPeople } from '../triage/subject.ts';
import { wellFormedText } from '../unicode.ts';
import { type Caller, hasRole, type Role } from './access.ts';

export const ACTIONS = [
  'acknowledge',
  'verify',
  'substantiate',
  'unfound',
  'close',
  'transfer',
  'merge',
  'unmerge',
  'reopen',
  'triage',
  'assign',
  'return',
  'request-extension',
  'grant-extension',
  'refuse-extension',
  'supervise',
  // The reporter's side: a question through the receipt code, and a supervisor's answer to a 不满意.
  'ask',
  'respond',
] as const;
export type Action = (typeof ACTIONS)[number];

const text = (max: number) =>
  z.pipe(
    z.transform((v) => (typeof v === 'string' ? wellFormedText(v) : v)),
    z.string().check(z.trim(), z.minLength(1), z.maxLength(max)),
  );
const id = /* @__PURE__ */ (() => z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,79}$/, 'a directory id')))();

export const ManualTriageSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    category: CategorySchema,
    severity: SeveritySchema,
    bodyId: id,
    unitId: z.optional(z.nullable(id)),
  }))();

/**
 * The longest note, finding and answer a person may write: each event stays far below DynamoDB's item limit. A
 * message to the reporter (a question, an answer to their rating) is read on a phone: 1,000 characters.
 */
export const TEXT_LIMITS = { note: 2000, findings: 8000, message: 1000 } as const;

/** The body of `POST /cases/{reference}/actions`. */
export const ActionRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    action: z.enum(ACTIONS),
    expectedVersion: z.number().check(z.int(), z.positive()),
    note: z.optional(text(TEXT_LIMITS.note)),
    findings: z.optional(text(TEXT_LIMITS.findings)),
    sanctions: z.optional(z.array(SanctionSchema).check(z.maxLength(MAX_SANCTIONS))),
    targetBodyId: z.optional(id),
    mergeInto: z.optional(z.string().check(z.regex(REFERENCE_PATTERN, 'a case reference'))),
    triage: z.optional(ManualTriageSchema),
    /** The person of the case's body to give it to. */
    assigneeId: z.optional(id),
    /** The new verification deadline an extension asks for. */
    extendUntil: z.optional(z.iso.datetime({ offset: true })),
    /** When a supervision mark wants the case done by. */
    superviseBy: z.optional(z.iso.datetime({ offset: true })),
    /** What the reporter reads: a question (`ask`) or the answer to their rating (`respond`). */
    message: z.optional(text(TEXT_LIMITS.message)),
  }))();
export type ActionRequest = z.infer<typeof ActionRequestSchema>;

const DETAILS = [
  'note',
  'findings',
  'sanctions',
  'targetBodyId',
  'mergeInto',
  'triage',
  'assigneeId',
  'extendUntil',
  'superviseBy',
  'message',
] as const;
type Detail = (typeof DETAILS)[number];

interface Rule {
  readonly allowedIn: (record: Case) => boolean;
  readonly roles: readonly Role[];
  /** Details the action cannot do without; a transfer's and a reopening's reason is its note. */
  readonly requires: readonly Detail[];
  /** Details it may take besides; anything else in the request is refused. */
  readonly accepts: readonly Detail[];
}

const inStatus =
  (...statuses: CaseStatus[]) =>
  (record: Case) =>
    statuses.includes(record.status);
const WORKERS: readonly Role[] = ['investigator', 'supervisor'];
/** The statuses in which a case is being worked towards a conclusion. */
const WORKING: readonly CaseStatus[] = ['triaged', 'acknowledged', 'verifying'];

const RULES: Readonly<Record<Action, Rule>> = {
  acknowledge: { allowedIn: inStatus('triaged'), roles: WORKERS, requires: [], accepts: ['note'] },
  verify: { allowedIn: inStatus('acknowledged'), roles: WORKERS, requires: [], accepts: ['note'] },
  substantiate: {
    allowedIn: inStatus('verifying'),
    roles: WORKERS,
    requires: ['findings'],
    accepts: ['note', 'sanctions'],
  },
  unfound: { allowedIn: inStatus('verifying'), roles: WORKERS, requires: ['findings'], accepts: ['note'] },
  close: {
    allowedIn: inStatus('substantiated', 'unfounded'),
    roles: WORKERS,
    requires: [],
    accepts: ['note'],
  },
  transfer: {
    allowedIn: inStatus('triaged', 'acknowledged', 'verifying'),
    roles: WORKERS,
    requires: ['targetBodyId', 'note'],
    accepts: [],
  },
  merge: {
    allowedIn: inStatus('triaged', 'acknowledged', 'verifying'),
    roles: WORKERS,
    requires: ['mergeInto'],
    accepts: ['note'],
  },
  // A mistaken merge is undone by a supervisor, with the reason on the record.
  unmerge: { allowedIn: inStatus('merged'), roles: ['supervisor'], requires: ['note'], accepts: [] },
  // A closed case, or a concluded one whose reporter is not satisfied with the outcome (不满意).
  reopen: {
    allowedIn: (r) =>
      r.status === 'closed' || (inStatus('substantiated', 'unfounded')(r) && r.dissatisfied === true),
    roles: ['supervisor'],
    requires: ['note'],
    accepts: [],
  },
  // A supervisor gives the case to one person of its body (again, with a reason, when someone has it).
  assign: {
    allowedIn: (r) => r.bodyId !== undefined && inStatus(...WORKING, 'substantiated', 'unfounded')(r),
    roles: ['supervisor'],
    requires: ['assigneeId'],
    accepts: ['note'],
  },
  // 退单: not this body's case; back to be routed again by hand, with the reason.
  return: { allowedIn: inStatus('triaged', 'acknowledged'), roles: WORKERS, requires: ['note'], accepts: [] },
  // 延期申请: more time to verify, asked with a reason and a date, decided by a supervisor.
  'request-extension': {
    allowedIn: (r) => inStatus('acknowledged', 'verifying')(r) && r.extension === undefined,
    roles: WORKERS,
    requires: ['extendUntil', 'note'],
    accepts: [],
  },
  'grant-extension': {
    allowedIn: (r) => inStatus('acknowledged', 'verifying')(r) && r.extension !== undefined,
    roles: ['supervisor'],
    requires: [],
    accepts: ['note'],
  },
  'refuse-extension': {
    allowedIn: (r) => inStatus('acknowledged', 'verifying')(r) && r.extension !== undefined,
    roles: ['supervisor'],
    requires: ['note'],
    accepts: [],
  },
  // 督办: a supervisor of the body or above wants it done by a date; shown in lists and escalations.
  supervise: {
    allowedIn: inStatus(...WORKING, 'substantiated', 'unfounded'),
    roles: ['supervisor'],
    requires: ['superviseBy', 'note'],
    accepts: [],
  },
  // A question for the reporter, who reads and answers it on the status page with the receipt code. Not on an
  // inspector's own finding (nobody to ask), and at most a few waiting at once.
  ask: {
    allowedIn: (r) =>
      inStatus(...WORKING)(r) &&
      r.channel !== 'inspection' &&
      (r.openQuestions ?? []).length < MAX_OPEN_QUESTIONS,
    roles: WORKERS,
    requires: ['message'],
    accepts: [],
  },
  // 答复: a supervisor answers a reporter who rated the outcome 不满意 (the other way is to reopen the case).
  respond: {
    allowedIn: (r) => r.dissatisfied === true,
    roles: ['supervisor'],
    requires: ['message'],
    accepts: ['note'],
  },
  triage: {
    // A case triage could not route, or one it routed unsure of itself.
    allowedIn: (r) =>
      (r.status === 'received' && r.needsManualTriage === true) ||
      (r.status === 'triaged' && r.needsReview === true),
    roles: ['supervisor'],
    requires: ['triage'],
    accepts: ['note'],
  },
};

/** The role may never take this action (403). */
export class RoleNotAllowedError extends Error {
  override readonly name = 'RoleNotAllowedError';
  readonly action: Action;
  constructor(action: Action) {
    super(`your role may not ${action} a case`);
    this.action = action;
  }
}

/** Not in the case's present status (422), with what is allowed now. */
export class ActionNotAllowedError extends Error {
  override readonly name = 'ActionNotAllowedError';
  readonly allowed: readonly Action[];
  constructor(action: Action, status: CaseStatus, allowed: readonly Action[]) {
    super(`a case that is ${status} cannot be given "${action}" now`);
    this.allowed = allowed;
  }
}

/** Details missing or out of place for the action (400), by field. */
export class ActionDetailsError extends Error {
  override readonly name = 'ActionDetailsError';
  readonly fields: Record<string, string>;
  constructor(fields: Record<string, string>) {
    super('the action is missing details or has ones it does not use');
    this.fields = fields;
  }
}

export type ConflictRule =
  | 'route.conflict.body-itself'
  | 'route.conflict.leadership'
  | 'route.conflict.own-person';

/** A transfer or manual triage to a body the case implicates (422), naming the rule of triage it breaks. */
export class ImplicatedBodyError extends Error {
  override readonly name = 'ImplicatedBodyError';
  readonly bodyId: string;
  readonly rule: ConflictRule;
  constructor(bodyId: string, rule: ConflictRule) {
    super(`"${bodyId}" is implicated by this case (${rule}) and may not handle it`);
    this.bodyId = bodyId;
    this.rule = rule;
  }
}

/** A body (or unit) the directory does not have, or the body the case is already with (422). */
export class UnknownBodyError extends Error {
  override readonly name = 'UnknownBodyError';
  readonly bodyId: string;
  constructor(bodyId: string) {
    super(`"${bodyId}" is not a body this case can go to`);
    this.bodyId = bodyId;
  }
}

/** The case a duplicate would be merged into cannot take it (422); unknown and out-of-scope alike. */
export class MergeTargetError extends Error {
  override readonly name = 'MergeTargetError';
  readonly reference: string;
  constructor(reference: string) {
    super(`${reference} cannot take this case: unknown, not yours, finished, or the case itself`);
    this.reference = reference;
  }
}

/** The actions this caller may take on this case now. */
export function allowedActions(record: Case, caller: Caller): Action[] {
  return ACTIONS.filter(
    (action) => RULES[action].allowedIn(record) && hasRole(caller, ...RULES[action].roles),
  );
}

/** Throws unless this caller may take this action on this case now, with the details it needs and no others. */
export function checkAction(record: Case, request: ActionRequest, caller: Caller): void {
  const rule = RULES[request.action];
  if (!hasRole(caller, ...rule.roles)) throw new RoleNotAllowedError(request.action);
  if (!rule.allowedIn(record)) {
    throw new ActionNotAllowedError(request.action, record.status, allowedActions(record, caller));
  }
  const fields: Record<string, string> = {};
  for (const detail of rule.requires) {
    if (request[detail] === undefined) fields[detail] = `required to ${request.action}`;
  }
  const used = new Set<string>([...rule.requires, ...rule.accepts]);
  for (const detail of DETAILS) {
    if (request[detail] !== undefined && !used.has(detail)) fields[detail] = `not used to ${request.action}`;
  }
  if (Object.keys(fields).length > 0) throw new ActionDetailsError(fields);
}

/** Which rule of triage, if any, forbids this body from handling a case about this unit and these people. */
export function conflictRule(
  complaint: Pick<ComplaintDetails, 'description' | 'officialName'>,
  bodyId: string,
  unitId: string | null,
  routing: RoutingTable,
): ConflictRule | undefined {
  if (implicatedBodies(unitId, [], routing).has(bodyId)) {
    return unitId === bodyId ? 'route.conflict.body-itself' : 'route.conflict.leadership';
  }
  const people = findNamedPeople(complaint.officialName, normaliseText(complaint.description), routing);
  return implicatedBodies(unitId, people, routing).has(bodyId) ? 'route.conflict.own-person' : undefined;
}

/** Actions whose rules read the complaint's words (the conflict rule): the caller loads the opening event for them. */
export const NEEDS_COMPLAINT: ReadonlySet<Action> = new Set(['transfer', 'triage']);

function assignable(
  complaint: ComplaintDetails | undefined,
  bodyId: string,
  unitId: string | null,
  routing: RoutingTable,
): void {
  if (!routing.bodies.has(bodyId)) throw new UnknownBodyError(bodyId);
  if (complaint === undefined) throw new Error('the complaint is needed to check a conflict of interest');
  const rule = conflictRule(complaint, bodyId, unitId, routing);
  if (rule !== undefined) throw new ImplicatedBodyError(bodyId, rule);
}

/** Who acts, and when. */
export interface Actor {
  readonly caller: Pick<Caller, 'id'> & Partial<Pick<Caller, 'role'>>;
  readonly now: Date;
}

/** Who a directory person is, as an assignment needs to know: their body and role. */
export interface DirectoryPersonRef {
  readonly bodyId: string;
  readonly role: Role;
}

export interface TransitionContext extends Actor {
  readonly routing: RoutingTable;
  /** The directory's people by id, for assignments. */
  readonly people?: ReadonlyMap<string, DirectoryPersonRef>;
  readonly calendar: Calendar;
  readonly deadlines: DeadlineConfig;
  /** The complaint (opening event), for the actions in NEEDS_COMPLAINT. */
  readonly complaint?: ComplaintDetails;
}

/** Removes the named optional fields (a reopened case is no longer concluded or closed). */
function without(record: Case, ...keys: (keyof Case)[]): Case {
  const copy = { ...record };
  for (const key of keys) delete copy[key];
  return copy;
}

/**
 * One step: the next head (version + 1, updated now, its clocks and next due milestone worked out again: a step can
 * start or stop a clock or change what it runs for) and the event that records it, with the head before and after
 * as statistics need them.
 */
export function transition(
  record: Case,
  context: Actor & { readonly calendar: Calendar; readonly deadlines: DeadlineConfig },
  kind: TransitionKind,
  changes: Partial<Case>,
  extra: {
    readonly note?: string | undefined;
    readonly details?: Record<string, unknown>;
    /** Fields the step clears (a reopened case is no longer concluded or closed). */
    readonly remove?: readonly (keyof Case)[];
  } = {},
): Transition {
  const at = context.now.toISOString();
  // A person acted: a case set aside after failing sweeps is swept again.
  const {
    sweepFailures: _failures,
    sweepSetAsideAt: _aside,
    ...fresh
  } = without(record, ...(extra.remove ?? []));
  const next = clocksAfter(
    { ...fresh, ...changes, updatedAt: at, version: record.version + 1 },
    context.calendar,
    context.deadlines,
  ).record;
  return {
    next,
    event: {
      reference: record.reference,
      kind,
      at,
      actor: context.caller.id,
      ...(extra.note === undefined ? {} : { note: extra.note }),
      version: next.version,
      before: snapshotOf(record),
      after: snapshotOf(next),
      ...(extra.details === undefined ? {} : { details: extra.details }),
    },
  };
}

/**
 * The transition an action makes. `checkAction` must have passed; a merge's target is checked with
 * `checkMergeTarget` first (the survivor's list of merged cases follows from the committed merge by index).
 */
export function applyAction(record: Case, request: ActionRequest, context: TransitionContext): Transition {
  const at = context.now.toISOString();
  const { note } = request;
  const step = (
    kind: TransitionKind,
    changes: Partial<Case>,
    details?: Record<string, unknown>,
    remove: readonly (keyof Case)[] = [],
  ) =>
    transition(record, context, kind, changes, {
      note,
      remove,
      ...(details === undefined ? {} : { details }),
    });
  switch (request.action) {
    case 'acknowledge':
      // 签收: an investigator who acknowledges a case nobody has yet takes it.
      return step('acknowledged', {
        status: 'acknowledged',
        acknowledgedAt: at,
        ...(record.assigneeId === undefined && context.caller.role === 'investigator'
          ? { assigneeId: context.caller.id }
          : {}),
      });
    case 'assign': {
      const assigneeId = request.assigneeId as string;
      const person = context.people?.get(assigneeId);
      if (person === undefined || person.bodyId !== record.bodyId || person.role === 'admin') {
        throw new ActionDetailsError({
          assigneeId:
            '不是本机关的承办人员 / not an investigator or supervisor of the body that has the case',
        });
      }
      if (assigneeId === record.assigneeId) {
        throw new ActionDetailsError({ assigneeId: '案件已由此人承办 / already has the case' });
      }
      if (record.assigneeId !== undefined && note === undefined) {
        throw new ActionDetailsError({ note: '改派须写明理由 / give the reason for reassigning' });
      }
      return step('assigned', { assigneeId }, { from: record.assigneeId ?? null, to: assigneeId });
    }
    case 'return':
      // Back to the dispatcher: routed again by hand, where the conflict rule is checked again.
      return step(
        'returned',
        { status: 'received', needsManualTriage: true, returnedFrom: record.bodyId as string },
        { from: record.bodyId ?? null },
        ['bodyId', 'assigneeId', 'acknowledgedAt', 'extension', 'supervision', 'needsReview'],
      );
    case 'request-extension': {
      const until = new Date(request.extendUntil as string).toISOString();
      const current = record.extendedUntil ?? record.verificationDueAt;
      if (until <= current || until <= at) {
        throw new ActionDetailsError({
          extendUntil:
            '须晚于现在和目前的核查期限 / must be later than now and than the present verification deadline',
        });
      }
      return step(
        'extension-requested',
        { extension: { until, requestedBy: context.caller.id, requestedAt: at } },
        { until, from: current },
      );
    }
    case 'grant-extension': {
      const until = (record.extension as NonNullable<Case['extension']>).until;
      return step(
        'extension-granted',
        { extendedUntil: until, extensionsGranted: (record.extensionsGranted ?? 0) + 1 },
        { until, requestedBy: record.extension?.requestedBy ?? null },
        ['extension'],
      );
    }
    case 'refuse-extension':
      return step(
        'extension-refused',
        {},
        { until: record.extension?.until ?? null, requestedBy: record.extension?.requestedBy ?? null },
        ['extension'],
      );
    case 'supervise': {
      const dueAt = new Date(request.superviseBy as string).toISOString();
      if (dueAt <= at) throw new ActionDetailsError({ superviseBy: '须晚于现在 / must be later than now' });
      return step('supervised', { supervision: { by: context.caller.id, at, dueAt } }, { dueAt });
    }
    case 'verify':
      return step('verification-started', { status: 'verifying' });
    case 'substantiate': {
      const sanctions: Sanction[] = request.sanctions ?? [];
      return step(
        'substantiated',
        {
          status: 'substantiated',
          outcome: 'substantiated',
          concludedAt: at,
          conclusionVersion: record.version + 1,
          sanctions: summariseSanctions(sanctions),
        },
        { findings: request.findings as string, sanctions },
      );
    }
    case 'unfound':
      return step(
        'unfounded',
        { status: 'unfounded', outcome: 'unfounded', concludedAt: at, conclusionVersion: record.version + 1 },
        { findings: request.findings as string },
        ['sanctions'],
      );
    case 'close':
      return step('closed', { status: 'closed', closedAt: at });
    case 'reopen':
      // The verification starts again: the clocks it stopped run again; the earlier conclusion stays in the history.
      // A reporter's 不满意 is dealt with by it; the next conclusion may be rated again.
      return step('reopened', { status: 'verifying' }, undefined, [
        'concludedAt',
        'closedAt',
        'outcome',
        'sanctions',
        'conclusionVersion',
        'dissatisfied',
      ]);
    case 'ask':
      // The question's id is the version its transition makes.
      return step(
        'question-asked',
        { openQuestions: [...(record.openQuestions ?? []), record.version + 1] },
        { question: request.message as string },
      );
    case 'respond':
      return step('rating-answered', {}, { reply: request.message as string }, ['dissatisfied']);
    case 'transfer': {
      const target = request.targetBodyId as string;
      if (target === record.bodyId) throw new UnknownBodyError(target);
      assignable(context.complaint, target, record.unitId ?? null, context.routing);
      // The receiving body acknowledges the case afresh.
      return step(
        'transferred',
        { status: 'triaged', bodyId: target },
        { from: record.bodyId ?? null, to: target },
        // The receiving body acknowledges it afresh, and one of its own people takes it.
        ['acknowledgedAt', 'assigneeId', 'extension'],
      );
    }
    case 'triage': {
      const decision = request.triage as z.infer<typeof ManualTriageSchema>;
      const unitId = decision.unitId === undefined ? (record.unitId ?? null) : decision.unitId;
      if (unitId !== null && !context.routing.units.has(unitId)) throw new UnknownBodyError(unitId);
      assignable(context.complaint, decision.bodyId, unitId, context.routing);
      return step(
        'manually-triaged',
        {
          status: 'triaged',
          category: decision.category,
          severity: decision.severity,
          bodyId: decision.bodyId,
          unitId,
        },
        { category: decision.category, severity: decision.severity, bodyId: decision.bodyId, unitId },
        ['needsManualTriage', 'needsReview', 'returnedFrom'],
      );
    }
    case 'merge':
      return step(
        'merged',
        { status: 'merged', mergedInto: request.mergeInto as string, statusBeforeMerge: record.status },
        { into: request.mergeInto as string },
      );
    case 'unmerge':
      return step(
        'unmerged',
        { status: record.statusBeforeMerge ?? 'triaged' },
        { from: record.mergedInto ?? null },
        ['mergedInto', 'statusBeforeMerge'],
      );
  }
}

/** A case may take a duplicate while it is being worked, and never itself or a case already merged away. */
export function checkMergeTarget(
  duplicate: Case,
  target: string,
  survivor: Case | undefined,
  visible: boolean,
): Case {
  if (
    survivor === undefined ||
    !visible ||
    survivor.reference === duplicate.reference ||
    !['received', 'triaged', 'acknowledged', 'verifying'].includes(survivor.status)
  ) {
    throw new MergeTargetError(target);
  }
  return survivor;
}
