// Assigns a case to an investigating body: the body of the unit's jurisdiction, one level up when
// critical, and up again while the body is implicated — a case never goes to a body it implicates.
import type { Category, Severity, TriageReason } from './model.ts';
import type { RoutingBody, RoutingTable, SubjectUnit } from './routing-table.ts';
import type { NamedPerson } from './subject.ts';

export interface RoutingRequest {
  readonly unitId: string | null;
  readonly severity: Severity;
  readonly namedPeople: readonly NamedPerson[];
  /**
   * Discipline bodies the reporter already turned to, given only for a complaint that alleges no wrong of
   * the office named (obstruction, attitude, other): it may be about how the body told handled it, so that
   * body does not take the case.
   */
  readonly alreadyTold?: readonly string[];
}

export interface Assignment {
  readonly bodyId: string;
  readonly reasons: TriageReason[];
}

type ConflictRule =
  | 'route.conflict.body-itself'
  | 'route.conflict.leadership'
  | 'route.conflict.own-person'
  | 'route.conflict.already-told';

/** What triage decided before routing failed: a case refused is still classified (docs/triage.md, R-route-5). */
export interface RefusedTriage {
  readonly category: Category;
  readonly severity: Severity;
  readonly unitId: string | null;
}

/** Every body up to the top of the tree is implicated: nobody in the directory may take the case. */
export class ConflictOfInterestError extends Error {
  readonly bodyId: string;
  readonly rule: ConflictRule;
  /** Set by `triage`: the category, severity and unit of the complaint that no body may take. */
  decided?: RefusedTriage;

  constructor(bodyId: string, rule: ConflictRule) {
    super(`no body above "${bodyId}" is free of a conflict of interest (${rule})`);
    this.name = 'ConflictOfInterestError';
    this.bodyId = bodyId;
    this.rule = rule;
  }
}

interface Conflict {
  readonly rule: ConflictRule;
  readonly unitId?: string;
  readonly person?: NamedPerson;
}

function conflictOf(
  body: RoutingBody,
  unit: SubjectUnit | undefined,
  people: readonly NamedPerson[],
): Conflict | null {
  if (unit?.id === body.id) return { rule: 'route.conflict.body-itself' };
  if (unit?.leadership && unit.jurisdiction === body.jurisdiction) {
    return { rule: 'route.conflict.leadership', unitId: unit.id };
  }
  const person = people.find((named) => named.bodyId === body.id);
  return person ? { rule: 'route.conflict.own-person', person } : null;
}

function conflictReason(conflict: Conflict, from: string, to: string): TriageReason {
  if (conflict.rule === 'route.conflict.leadership') {
    return { rule: conflict.rule, from, to, unitId: conflict.unitId ?? '' };
  }
  if (conflict.rule === 'route.conflict.own-person' && conflict.person) {
    return {
      rule: conflict.rule,
      from,
      to,
      personId: conflict.person.personId,
      source: conflict.person.source,
    };
  }
  if (conflict.rule === 'route.conflict.already-told') return { rule: conflict.rule, from, to };
  return { rule: 'route.conflict.body-itself', from, to };
}

function bodyOf(routing: RoutingTable, bodyId: string): RoutingBody {
  const body = routing.bodies.get(bodyId);
  // The directory schema guarantees every reference; reaching this means the table was built by hand.
  if (!body) throw new Error(`unknown investigating body "${bodyId}"`);
  return body;
}

export function assignBody(request: RoutingRequest, routing: RoutingTable): Assignment {
  const reasons: TriageReason[] = [];
  const unit = request.unitId === null ? undefined : routing.units.get(request.unitId);
  let body: RoutingBody;
  if (unit === undefined) {
    // Unknown units go to the default body as they are: it is the one placed to find out who they are.
    body = bodyOf(routing, routing.defaultBodyId);
    reasons.push({ rule: 'route.default', bodyId: body.id });
  } else {
    body = bodyOf(routing, routing.bodyOfJurisdiction.get(unit.jurisdiction) ?? routing.defaultBodyId);
    reasons.push({ rule: 'route.jurisdiction', bodyId: body.id, jurisdiction: unit.jurisdiction });
    if (request.severity === 'critical') {
      if (body.parent === null) {
        reasons.push({ rule: 'route.critical-at-top', bodyId: body.id });
      } else {
        reasons.push({ rule: 'route.critical-escalation', from: body.id, to: body.parent });
        body = bodyOf(routing, body.parent);
      }
    }
  }
  const told = request.alreadyTold ?? [];
  const conflictAt = (candidate: RoutingBody): Conflict | null =>
    conflictOf(candidate, unit, request.namedPeople) ??
    (told.includes(candidate.id) && candidate.parent !== null
      ? { rule: 'route.conflict.already-told' }
      : null);
  for (let conflict = conflictAt(body); conflict; ) {
    if (body.parent === null) throw new ConflictOfInterestError(body.id, conflict.rule);
    reasons.push(conflictReason(conflict, body.id, body.parent));
    body = bodyOf(routing, body.parent);
    conflict = conflictAt(body);
  }
  return { bodyId: body.id, reasons };
}

/**
 * The bodies a case implicates, whatever the routing decided (R-route-4): every body is tested, not only those the
 * case passes, so a town body skipped by escalation is listed all the same. `alreadyTold` are the bodies the
 * reporter already turned to, given only when they count (see `RoutingRequest`); the top body is never implicated
 * by having been told. Used to audit assignments.
 */
export function implicatedBodies(
  unitId: string | null,
  namedPeople: readonly NamedPerson[],
  routing: RoutingTable,
  alreadyTold: readonly string[] = [],
): Set<string> {
  const unit = unitId === null ? undefined : routing.units.get(unitId);
  const implicated = new Set<string>();
  for (const body of routing.bodies.values()) {
    const told = alreadyTold.includes(body.id) && body.parent !== null;
    if (told || conflictOf(body, unit, namedPeople)) implicated.add(body.id);
  }
  return implicated;
}
