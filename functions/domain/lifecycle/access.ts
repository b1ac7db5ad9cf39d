// Who may see and do what: who a signed-in caller is, the roles of the console, the bodies a caller's work covers,
// and whether one case is in that scope. Pure: the claims come verified from the JWT authorizer, the people and the
// body tree from the directory.
import type { Case } from '../case.ts';
import type { Directory } from '../triage/directory.ts';

export const ROLES = ['investigator', 'supervisor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * A signed-in person: exactly one role and one body, both the directory's. `id` is the directory id, the same
 * locally and in AWS, and is what history records as the actor.
 */
export interface Caller {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly bodyId: string;
}

/** A person of the directory as the console knows them: their role, and the body they are listed under. */
export interface DirectoryPerson {
  readonly id: string;
  readonly name: string;
  readonly role: Role;
  readonly bodyId: string;
}

/** Every person of the directory by id (ids are unique across the directory: its schema checks it). */
export function directoryPeople(directory: Pick<Directory, 'bodies'>): ReadonlyMap<string, DirectoryPerson> {
  return new Map(
    directory.bodies.flatMap((body) =>
      body.people.map((p) => [p.id, { id: p.id, name: p.name, role: p.role, bodyId: body.id }] as const),
    ),
  );
}

/** How an answer names the people it mentions (history's actors, an inspector): by the directory, never by account. */
export function actorNames(
  ids: Iterable<string>,
  people: ReadonlyMap<string, DirectoryPerson>,
): Record<string, { readonly name: string; readonly bodyId: string }> {
  const named: Record<string, { name: string; bodyId: string }> = {};
  for (const id of ids) {
    const person = people.get(id);
    if (person !== undefined) named[id] = { name: person.name, bodyId: person.bodyId };
  }
  return named;
}

/** What a verified token says about who is calling: the directory person it names, and its groups as listed. */
export interface IdentityClaims {
  /** `custom:personId`: the directory id an administrator gave the account. */
  readonly personId: string | undefined;
  /** `cognito:groups`, each name exactly as the pool has it. */
  readonly groups: readonly string[];
}

export type IdentityRefusalCode = 'account-not-linked' | 'several-roles' | 'role-mismatch';

/** A verified token that does not make one directory person with one role: the API answers 403. */
export class IdentityMismatchError extends Error {
  override readonly name = 'IdentityMismatchError';
  readonly code: IdentityRefusalCode;
  constructor(code: IdentityRefusalCode, message: string) {
    super(message);
    this.code = code;
  }
}

const isRole = (group: string): group is Role => (ROLES as readonly string[]).includes(group);

/**
 * The caller a token names. The directory decides role and body; the token's groups must agree with it exactly:
 * one group, the person's role. A token in no group, in several role groups, in a group the console does not know
 * (`auditor`, or one named `auditor,admin`), or in another role's group is refused, whatever else it carries.
 */
export function identify(claims: IdentityClaims, people: ReadonlyMap<string, DirectoryPerson>): Caller {
  if (claims.personId === undefined) {
    throw new IdentityMismatchError(
      'account-not-linked',
      'This account names no person of the directory (custom:personId); ask an administrator to link it.',
    );
  }
  const person = people.get(claims.personId);
  if (person === undefined) {
    throw new IdentityMismatchError(
      'account-not-linked',
      'This account names a person who is not in the directory; ask an administrator to correct it.',
    );
  }
  const groups = [...new Set(claims.groups)];
  const unknown = groups.filter((group) => !isRole(group));
  if (unknown.length > 0) {
    throw new IdentityMismatchError(
      'role-mismatch',
      `This account is in a group that is not a role of the console: ${unknown.map((g) => JSON.stringify(g)).join(', ')}.`,
    );
  }
  if (groups.length > 1) {
    throw new IdentityMismatchError(
      'several-roles',
      `This account is in several role groups (${groups.join(', ')}); a person has exactly one role.`,
    );
  }
  if (groups[0] !== person.role) {
    throw new IdentityMismatchError(
      'role-mismatch',
      groups.length === 0
        ? `This account is in no role group; the directory gives this person the role ${person.role}.`
        : `This account's group ${groups[0]} disagrees with the directory, which gives this person the role ${person.role}.`,
    );
  }
  return { id: person.id, name: person.name, role: person.role, bodyId: person.bodyId };
}

export interface BodyNode {
  readonly id: string;
  readonly parent: string | null;
}

export const hasRole = (caller: Caller, ...roles: readonly Role[]): boolean => roles.includes(caller.role);

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
