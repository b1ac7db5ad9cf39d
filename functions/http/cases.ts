// What the cases API's handlers share: the directory's body tree, the caller's scope as index keys, the one "not
// found" for a case that does not exist or is not the caller's, the case as an investigator sees it, and the
// lifecycle's refusals as HTTP answers.
import { assigneeKeyOfBody, MANUAL_TRIAGE_KEY, type RelatedCases } from '#adapters/case-store.ts';
import { directory } from '#config/office.ts';
import type { Case } from '#domain/case.ts';
import {
  actorNames,
  type Caller,
  directoryPeople,
  inScope,
  type Scope,
  scopeOf,
} from '#domain/lifecycle/access.ts';
import {
  ActionDetailsError,
  ActionNotAllowedError,
  allowedActions,
  conflictRule,
  ImplicatedBodyError,
  MergeTargetError,
  RoleNotAllowedError,
  UnknownBodyError,
} from '#domain/lifecycle/actions.ts';
import { REFERENCE_PATTERN } from '#domain/reference.ts';
import type { RoutingTable } from '#domain/triage/routing-table.ts';
import { errorBody, HttpError, type HttpResult, json } from './responses.ts';

export { directory };

const bodies = directory.bodies.map((body) => ({ id: body.id, parent: body.parent }));
const people = directoryPeople(directory);

export const callerScope = (caller: Caller): Scope => scopeOf(caller, bodies, directory.defaultBodyId);

/** The byAssignee partitions of a scope, in directory order. */
export function assigneeKeysOf(scope: Scope): string[] {
  return [
    ...directory.bodies.filter((body) => scope.bodies.has(body.id)).map((body) => assigneeKeyOfBody(body.id)),
    ...(scope.manualTriage ? [MANUAL_TRIAGE_KEY] : []),
  ];
}

/** The bodies of a scope, in directory order. */
export const bodiesOf = (scope: Scope): string[] =>
  directory.bodies.filter((body) => scope.bodies.has(body.id)).map((body) => body.id);

// The same answer for a case that does not exist and one of another body: nobody learns which references exist.
export const caseNotFound = () => new HttpError(404, 'not-found', '没有此案件 / No such case.');

/** The reference of the path, upper-cased; anything that is not a reference is simply not found. */
export function referenceOf(pathParameters: Record<string, string | undefined> | undefined): string {
  const reference = (pathParameters?.reference ?? '').toUpperCase();
  if (!REFERENCE_PATTERN.test(reference)) throw caseNotFound();
  return reference;
}

/** A case the caller may see, or 404. */
export function visibleTo(record: Case | undefined, caller: Caller): Case {
  if (record === undefined || !inScope(record, callerScope(caller))) throw caseNotFound();
  return record;
}

/** The case as the console shows it: never the sealed contact. */
export function caseView(record: Case): Omit<Case, 'sealedContact'> & { hasContact: boolean } {
  const { sealedContact, ...view } = record;
  return { ...view, hasContact: sealedContact !== undefined };
}

/** The bodies this case could be handed on to: every other body of the directory that it does not implicate. */
export function transferTargets(record: Case, routing: RoutingTable) {
  return directory.bodies
    .filter((body) => body.id !== record.bodyId)
    .filter((body) => conflictRule(record, body.id, record.unitId ?? null, routing) === undefined)
    .map((body) => ({ id: body.id, names: body.names }));
}

/** The people the case names (history's actors, the inspector), by directory id: their names and bodies. */
export const actorsOf = (record: Case) =>
  actorNames(
    [
      ...record.history.map((entry) => entry.actor),
      ...(record.inspection === undefined ? [] : [record.inspection.inspectorId]),
    ],
    people,
  );

/** Everything the case page needs, in one answer. */
export function caseDetail(record: Case, caller: Caller, routing: RoutingTable, related: RelatedCases) {
  return {
    case: caseView(record),
    allowedActions: allowedActions(record, caller),
    related,
    transferTargets: transferTargets(record, routing),
    actors: actorsOf(record),
  };
}

/** The lifecycle's refusals as the API's answers; anything else is left to the shared error handling. */
export function lifecycleRefusal(error: unknown): HttpResult | undefined {
  if (error instanceof RoleNotAllowedError) {
    return json(403, errorBody('forbidden', error.message));
  }
  if (error instanceof ActionNotAllowedError) {
    return json(422, {
      error: { code: 'action-not-allowed', message: error.message, allowed: error.allowed },
    });
  }
  if (error instanceof ActionDetailsError) {
    return json(400, errorBody('invalid-request', error.message, error.fields));
  }
  if (error instanceof ImplicatedBodyError) {
    return json(422, {
      error: { code: 'conflict-of-interest', message: error.message, rule: error.rule, bodyId: error.bodyId },
    });
  }
  if (error instanceof UnknownBodyError) return json(422, errorBody('unknown-body', error.message));
  if (error instanceof MergeTargetError) return json(422, errorBody('merge-target', error.message));
  return undefined;
}
