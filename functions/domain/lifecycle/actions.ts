// The case lifecycle as one state machine: which action is allowed in which status and for which role, what each
// needs, and the case it makes. Every transition bumps `version` (the store writes it conditionally on the old one)
// and appends one history entry; acknowledging, concluding and closing record the times that stop the clocks.
import * as z from 'zod/mini';
import '../zod-locale.ts';
import { type Case, type CaseStatus, SanctionSchema } from '../case.ts';
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
  'reopen',
  'triage',
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

/** The body of `POST /cases/{reference}/actions`. */
export const ActionRequestSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    action: z.enum(ACTIONS),
    expectedVersion: z.number().check(z.int(), z.positive()),
    note: z.optional(text(2000)),
    findings: z.optional(text(8000)),
    sanctions: z.optional(z.array(SanctionSchema).check(z.maxLength(50))),
    targetBodyId: z.optional(id),
    mergeInto: z.optional(z.string().check(z.regex(REFERENCE_PATTERN, 'a case reference'))),
    triage: z.optional(ManualTriageSchema),
  }))();
export type ActionRequest = z.infer<typeof ActionRequestSchema>;

type Detail = 'note' | 'findings' | 'sanctions' | 'targetBodyId' | 'mergeInto' | 'triage';

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
  reopen: { allowedIn: inStatus('closed'), roles: ['supervisor'], requires: ['note'], accepts: [] },
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
  for (const detail of ['note', 'findings', 'sanctions', 'targetBodyId', 'mergeInto', 'triage'] as const) {
    if (request[detail] !== undefined && !used.has(detail)) fields[detail] = `not used to ${request.action}`;
  }
  if (Object.keys(fields).length > 0) throw new ActionDetailsError(fields);
}

/** Which rule of triage, if any, forbids this body from handling a case about this unit and these people. */
export function conflictRule(
  record: Case,
  bodyId: string,
  unitId: string | null,
  routing: RoutingTable,
): ConflictRule | undefined {
  if (implicatedBodies(unitId, [], routing).has(bodyId)) {
    return unitId === bodyId ? 'route.conflict.body-itself' : 'route.conflict.leadership';
  }
  const people = findNamedPeople(
    record.complaint.officialName,
    normaliseText(record.complaint.description),
    routing,
  );
  return implicatedBodies(unitId, people, routing).has(bodyId) ? 'route.conflict.own-person' : undefined;
}

function assignable(record: Case, bodyId: string, unitId: string | null, routing: RoutingTable): void {
  if (!routing.bodies.has(bodyId)) throw new UnknownBodyError(bodyId);
  const rule = conflictRule(record, bodyId, unitId, routing);
  if (rule !== undefined) throw new ImplicatedBodyError(bodyId, rule);
}

/** Who acts, and when. */
export interface Actor {
  readonly caller: Caller;
  readonly now: Date;
}

export interface TransitionContext extends Actor {
  readonly routing: RoutingTable;
}

/** The next version of a case with one more history entry. */
function step(
  record: Case,
  context: Actor,
  action: string,
  note: string | undefined,
  changes: Partial<Case>,
): Case {
  const at = context.now.toISOString();
  return {
    ...record,
    ...changes,
    updatedAt: at,
    version: record.version + 1,
    history: [
      ...record.history,
      { at, actor: context.caller.id, action, ...(note === undefined ? {} : { note }) },
    ],
  };
}

/** Removes the named optional fields (a reopened case is no longer concluded or closed). */
function without(record: Case, ...keys: (keyof Case)[]): Case {
  const copy = { ...record };
  for (const key of keys) delete copy[key];
  return copy;
}

/**
 * The case after the action. `checkAction` must have passed; a merge changes the duplicate here and the surviving
 * case with `acceptMerged`.
 */
export function applyAction(record: Case, request: ActionRequest, context: TransitionContext): Case {
  const at = context.now.toISOString();
  const { note } = request;
  switch (request.action) {
    case 'acknowledge':
      return step(record, context, 'acknowledged', note, { status: 'acknowledged', acknowledgedAt: at });
    case 'verify':
      return step(record, context, 'verification-started', note, { status: 'verifying' });
    case 'substantiate':
      return step(record, context, 'substantiated', note, {
        status: 'substantiated',
        outcome: 'substantiated',
        concludedAt: at,
        findings: request.findings as string,
        sanctions: request.sanctions ?? [],
      });
    case 'unfound':
      return step(without(record, 'sanctions'), context, 'unfounded', note, {
        status: 'unfounded',
        outcome: 'unfounded',
        concludedAt: at,
        findings: request.findings as string,
      });
    case 'close':
      return step(record, context, 'closed', note, { status: 'closed', closedAt: at });
    case 'reopen':
      // The verification starts again: the clocks it stopped run again, the findings stay as a draft.
      return step(without(record, 'concludedAt', 'closedAt', 'outcome'), context, 'reopened', note, {
        status: 'verifying',
      });
    case 'transfer': {
      const target = request.targetBodyId as string;
      if (target === record.bodyId) throw new UnknownBodyError(target);
      assignable(record, target, record.unitId ?? null, context.routing);
      // The receiving body acknowledges the case afresh.
      return step(
        without(record, 'acknowledgedAt'),
        context,
        'transferred',
        `${record.bodyId ?? '—'} → ${target}: ${note}`,
        {
          status: 'triaged',
          bodyId: target,
        },
      );
    }
    case 'triage': {
      const decision = request.triage as z.infer<typeof ManualTriageSchema>;
      const unitId = decision.unitId === undefined ? (record.unitId ?? null) : decision.unitId;
      if (unitId !== null && !context.routing.units.has(unitId)) throw new UnknownBodyError(unitId);
      assignable(record, decision.bodyId, unitId, context.routing);
      const summary = `${decision.category}/${decision.severity} → ${decision.bodyId}`;
      return step(
        without(record, 'needsManualTriage', 'needsReview'),
        context,
        'manually-triaged',
        note === undefined ? summary : `${summary}: ${note}`,
        {
          status: 'triaged',
          category: decision.category,
          severity: decision.severity,
          bodyId: decision.bodyId,
          unitId,
        },
      );
    }
    case 'merge':
      return step(
        record,
        context,
        'merged',
        note === undefined ? `→ ${request.mergeInto}` : `→ ${request.mergeInto}: ${note}`,
        {
          status: 'merged',
          mergedInto: request.mergeInto as string,
        },
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

/** The surviving case lists the duplicate (once, however often this is retried). */
export function acceptMerged(survivor: Case, duplicateReference: string, context: Actor): Case {
  if (survivor.mergedCases?.includes(duplicateReference)) return survivor;
  return step(survivor, context, 'merge-received', `← ${duplicateReference}`, {
    mergedCases: [...(survivor.mergedCases ?? []), duplicateReference],
  });
}

/** A supervisor read the reporter's sealed contact: who and when stays in the history. */
export function recordContactView(record: Case, context: Actor): Case {
  return step(record, context, 'contact-viewed', undefined, {});
}
