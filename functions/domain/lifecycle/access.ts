// Who may see and do what: the roles of the console, the bodies a caller's work covers, and whether one case is in
// that scope. Pure: the caller comes from verified token claims, the body tree from the directory.
import type { Case } from '../case.ts';

export const ROLES = ['investigator', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** A signed-in person, as the JWT authorizer vouched for them. */
export interface Caller {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly Role[];
  readonly bodyId: string;
}

export interface BodyNode {
  readonly id: string;
  readonly parent: string | null;
}

export const hasRole = (caller: Caller, ...roles: readonly Role[]): boolean =>
  caller.roles.some((role) => roles.includes(role));

/** A body and every body below it in the tree. */
export function bodyAndBelow(bodyId: string, bodies: Iterable<BodyNode>): Set<string> {
  const children = new Map<string, string[]>();
  for (const body of bodies) {
    if (body.parent !== null) children.set(body.parent, [...(children.get(body.parent) ?? []), body.id]);
  }
  const found = new Set<string>();
  const pending = [bodyId];
  while (pending.length > 0) {
    const id = pending.pop() as string;
    if (found.has(id)) continue;
    found.add(id);
    pending.push(...(children.get(id) ?? []));
  }
  return found;
}

export interface Scope {
  /** The investigating bodies whose cases the caller sees. */
  readonly bodies: ReadonlySet<string>;
  /** Whether the caller also sees the cases waiting for manual triage (no body yet). */
  readonly manualTriage: boolean;
}

/**
 * Investigators see their own body's cases; supervisors their body's and every body's below it, and the cases that
 * wait for manual triage when the default body is in their care; administrators see every body's, read-only.
 */
export function scopeOf(caller: Caller, bodies: readonly BodyNode[], defaultBodyId: string): Scope {
  if (hasRole(caller, 'admin')) return { bodies: new Set(bodies.map((b) => b.id)), manualTriage: true };
  const known = bodies.some((b) => b.id === caller.bodyId);
  if (!known) return { bodies: new Set(), manualTriage: false };
  if (hasRole(caller, 'supervisor')) {
    const below = bodyAndBelow(caller.bodyId, bodies);
    return { bodies: below, manualTriage: below.has(defaultBodyId) };
  }
  if (hasRole(caller, 'investigator')) return { bodies: new Set([caller.bodyId]), manualTriage: false };
  return { bodies: new Set(), manualTriage: false };
}

/** Whether a case is in the caller's scope. Outside it, the API answers as if the case did not exist. */
export function inScope(record: Pick<Case, 'bodyId' | 'needsManualTriage'>, scope: Scope): boolean {
  if (record.bodyId !== undefined) return scope.bodies.has(record.bodyId);
  return record.needsManualTriage === true && scope.manualTriage;
}
