// What the cases API's handlers share: the directory's body tree, the caller's scope as index keys, the one "not
// found" for a case that does not exist or is not the caller's, the case file as an investigator sees it (head,
// complaint, conclusion, a page of history, related and merged cases in the caller's scope), and the lifecycle's
// refusals as HTTP answers.
import {
  assigneeKeyOfBody,
  findEvent,
  type HistoryCursor,
  historyPage,
  MANUAL_TRIAGE_KEY,
  mergedInto,
  type Opening,
  openingOf,
  relatedCasesOf,
  transitionSortKey,
  transitionsOf,
} from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { ItemTooLargeError } from '#adapters/item-size.ts';
import { directory } from '#config/office.ts';
import type { Case } from '#domain/case.ts';
import { runningClocks } from '#domain/deadlines/clocks.ts';
import { type StoredEvent, wordsOf } from '#domain/events.ts';
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
import { threadOf } from '#domain/reporter/follow-up.ts';
import type { RoutingTable } from '#domain/triage/routing-table.ts';
import { errorBody, HttpError, type HttpResult, json } from './responses.ts';

export { directory };

const bodies = directory.bodies.map((body) => ({ id: body.id, parent: body.parent }));
const people = directoryPeople(directory);

export const callerScope = (caller: Caller): Scope => scopeOf(caller, bodies, directory.defaultBodyId);

/** The index partitions of a scope (its bodies, and the manual-triage key), in directory order. */
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

/** The bodies this case could be handed on to: every other body of the directory that it does not implicate. */
export function transferTargets(
  record: Case,
  complaint: Opening['complaint'] | undefined,
  routing: RoutingTable,
) {
  if (complaint === undefined) return [];
  return directory.bodies
    .filter((body) => body.id !== record.bodyId)
    .filter((body) => conflictRule(complaint, body.id, record.unitId ?? null, routing) === undefined)
    .map((body) => ({ id: body.id, names: body.names }));
}

/** A person's name for an actor id: people of the directory by name, the system and reporters by what they are. */
export function actorName(actor: string): string {
  return people.get(actor)?.name ?? actor;
}

/** One history entry as the console shows it: what happened in both languages, who (by name), when. */
export function historyEntry(event: StoredEvent & { sk: string }) {
  const {
    sealedContact: _c,
    sealedCallerNumber: _n,
    complaint: _complaint,
    call: _call,
    ...details
  } = event.details ?? {};
  return {
    id: event.sk,
    at: event.at,
    kind: event.kind,
    words: wordsOf(event.kind),
    actor: event.actor,
    actorName: actorName(event.actor),
    ...(event.note === undefined ? {} : { note: event.note }),
    ...(Object.keys(details).length === 0 ? {} : { details }),
    ...(typeof event.state === 'string' ? { state: event.state } : {}),
  };
}

/** A history cursor as the client holds it: opaque, and nothing but two of the case's own keys. */
export function encodeHistoryCursor(cursor: HistoryCursor): string {
  return Buffer.from(JSON.stringify([cursor.transitions ?? null, cursor.others ?? null])).toString(
    'base64url',
  );
}

export function decodeHistoryCursor(text: string): HistoryCursor {
  try {
    const [transitions, others] = JSON.parse(Buffer.from(text, 'base64url').toString('utf8')) as unknown[];
    const valid = (value: unknown, prefix: string) =>
      value === null ||
      (typeof value === 'string' && (value === '' || (value.startsWith(prefix) && value.length < 200)));
    if (!valid(transitions, 'T#') || !valid(others, 'E#')) throw new Error('bad cursor');
    return {
      ...(transitions === null ? {} : { transitions: transitions as string }),
      ...(others === null ? {} : { others: others as string }),
    };
  } catch {
    throw new HttpError(400, 'invalid-cursor', 'The history cursor is not one this API gave.', {
      fields: { historyCursor: 'not valid for this case' },
    });
  }
}

export const HISTORY_PAGE = 50;

/**
 * Everything the case page needs, in one answer: the head (no sealed field ever), the complaint, the conclusion's
 * findings and sanctions, a page of history, related cases in the caller's scope (others only counted), the
 * duplicates merged into it, what the caller may do now and where the case may be transferred.
 */
export async function caseFile(
  record: Case,
  caller: Caller,
  routing: RoutingTable,
  historyCursor?: HistoryCursor,
) {
  const scope = callerScope(caller);
  const [opening, conclusion, history, related, merged, transitions] = await Promise.all([
    openingOf(record),
    record.conclusionVersion === undefined || record.concludedAt === undefined
      ? undefined
      : findEvent(record.reference, transitionSortKey(record.concludedAt, record.conclusionVersion)),
    historyPage(record.reference, HISTORY_PAGE, historyCursor),
    relatedCasesOf(record, (bodyId) => bodyId !== undefined && scope.bodies.has(bodyId)),
    mergedInto(record.reference),
    // The reporter's side in one place: questions and answers, additions, ratings and replies (also in the history).
    transitionsOf(record.reference),
  ]);
  const { transitions: _keys, sweepFailures: _failures, ...head } = record;
  return {
    case: {
      ...head,
      ...(opening === undefined ? {} : { complaint: opening.complaint }),
      ...(opening?.call === undefined ? {} : { call: callView(opening.call) }),
      ...(opening?.triageReasons === undefined ? {} : { triageReasons: opening.triageReasons }),
      ...(opening?.triageFailure === undefined ? {} : { triageFailure: opening.triageFailure }),
      // What triage read of the facts (the demand, when it happened, how long it has waited).
      ...(opening?.demand === undefined ? {} : { demand: opening.demand }),
      ...(opening?.incidentDate === undefined ? {} : { incidentDateRead: opening.incidentDate }),
      ...(opening?.delayDays === undefined ? {} : { delayDays: opening.delayDays }),
      ...(conclusion?.details === undefined
        ? {}
        : { findings: conclusion.details.findings, sanctionDetails: conclusion.details.sanctions ?? [] }),
      mergedCases: merged.filter((m) => inScope({ bodyId: m.bodyId, needsManualTriage: false }, scope)),
      reporterThread: threadOf(transitions),
    },
    history: history.events.map(historyEntry),
    ...(history.next === undefined ? {} : { historyCursor: encodeHistoryCursor(history.next) }),
    related,
    // Each clock still running, with its deadline and whether it has passed.
    clocks: runningClocks(record).map((clock) => ({
      clock: clock.clock,
      dueAt: clock.dueAt,
      overdue: Date.parse(clock.dueAt) < systemClock().getTime(),
    })),
    // Whom a supervisor may give the case to: the people of its body.
    assignable:
      record.bodyId === undefined
        ? []
        : (directory.bodies.find((body) => body.id === record.bodyId)?.people ?? [])
            .filter((p) => p.role !== 'admin')
            .map((p) => ({ id: p.id, name: p.name, role: p.role })),
    allowedActions: allowedActions(record, caller),
    transferTargets: transferTargets(record, opening?.complaint, routing),
    // The people the page names (history's actors, an inspector, whoever has the case, asked for more time or
    // marked it for supervision, and the people history's details name), by their directory names and bodies.
    actors: actorNames(
      [
        ...history.events.flatMap((event) => [event.actor, ...peopleInDetails(event.details)]),
        ...(record.inspection === undefined ? [] : [record.inspection.inspectorId]),
        ...peopleOfHead(record),
      ],
      people,
    ),
  };
}

/** The people a head names besides its history's actors: the assignee, who asked for more time, who supervises. */
function peopleOfHead(record: Case): string[] {
  return [record.assigneeId, record.extension?.requestedBy, record.supervision?.by].filter(
    (id): id is string => id !== undefined,
  );
}

/** Person ids an event's details name (an assignment's from and to, an extension's requester). */
function peopleInDetails(details: Record<string, unknown> | undefined): string[] {
  if (details === undefined) return [];
  return ['from', 'to', 'requestedBy', 'recipient', 'assigneeId']
    .map((key) => details[key])
    .filter((value): value is string => typeof value === 'string' && people.has(value));
}

/**
 * The names a page of the list needs: each person its rows name (assignee, supervisor of a mark) and the people of
 * the caller's own body (whom "assignee" may filter on), by their directory names; never contact details.
 */
export function listPeopleNames(
  rows: readonly { readonly assigneeId?: string; readonly supervision?: { readonly by: string } }[],
  caller: Caller,
): Record<string, { readonly name: string; readonly bodyId: string }> {
  const team = [...people.values()]
    .filter((person) => person.bodyId === caller.bodyId && person.role !== 'admin')
    .map((person) => person.id);
  return actorNames(
    [
      ...team,
      ...rows.flatMap((row) => [row.assigneeId, row.supervision?.by]).filter((id) => id !== undefined),
    ],
    people,
  );
}

/** The call as investigators see it: never the caller's number, sealed or not. */
function callView(call: Record<string, unknown>): Record<string, unknown> {
  const { sealedCallerNumber: _n, callerNumber: _c, ...view } = call;
  return view;
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
  if (error instanceof ItemTooLargeError) {
    return json(413, errorBody('record-too-large', 'This would make the case record larger than it may be.'));
  }
  return undefined;
}
