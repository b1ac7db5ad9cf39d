// Who is calling a JWT route: the claims API Gateway's JWT authorizer (or the local gateway) verified and passed on
// as strings, read as the directory person the token names (`custom:personId`). Role and body are the directory's;
// the token's `cognito:groups` must agree with them exactly. A route refuses a caller without the claims (401), a
// token that does not make one directory person with one role (403), or a role it does not allow (403).
import * as z from 'zod/mini';
import '#domain/zod-locale.ts';
import { directory } from '#config/office.ts';
import {
  type Caller,
  directoryPeople,
  IdentityMismatchError,
  identify,
  type Role,
} from '#domain/lifecycle/access.ts';
import type { ParsedEvent } from './api.ts';
import { HttpError } from './responses.ts';

const ClaimsSchema = /* @__PURE__ */ (() =>
  z.object({
    sub: z.string().check(z.minLength(1), z.maxLength(128)),
    token_use: z.string().check(z.maxLength(16)),
    'cognito:groups': z.optional(z.string().check(z.maxLength(4000))),
    'custom:personId': z.optional(z.string().check(z.maxLength(128))),
  }))();

const people = directoryPeople(directory);

/**
 * `cognito:groups` as API Gateway's JWT authorizer passes a list claim: `[a b c]`, the names joined by one space in
 * one pair of brackets. A Cognito group name has no white space (its pattern is letters, marks, symbols, numbers and
 * punctuation), so a space always separates two names, and a comma or a bracket inside a name is part of it:
 * `auditor,admin` is one group, not two. Anything not in that shape is no list of groups at all.
 */
export function groupsClaim(claim: string | undefined): string[] | undefined {
  if (claim === undefined) return []; // Cognito leaves the claim out for a user in no group.
  if (!claim.startsWith('[') || !claim.endsWith(']')) return undefined;
  const inner = claim.slice(1, -1);
  return inner === '' ? [] : inner.split(' ');
}

const unauthorized = (message = 'Sign in again: your session is missing or has expired.') =>
  new HttpError(401, 'unauthorized', message);

export function callerOf(event: ParsedEvent): Caller {
  const context = event.requestContext as ParsedEvent['requestContext'] & {
    authorizer?: { jwt?: { claims?: Record<string, unknown> } };
  };
  const parsed = ClaimsSchema.safeParse(context.authorizer?.jwt?.claims ?? {});
  if (!parsed.success) throw unauthorized();
  const claims = parsed.data;
  // An access token of the same client passes the authorizer too; it carries no custom attribute.
  if (claims.token_use !== 'id') throw unauthorized('Sign in again: this API takes the ID token.');
  const groups = groupsClaim(claims['cognito:groups']);
  if (groups === undefined) {
    throw new HttpError(403, 'role-mismatch', 'The token’s cognito:groups is not a list of groups.');
  }
  try {
    return identify({ personId: claims['custom:personId'], groups }, people);
  } catch (error) {
    if (error instanceof IdentityMismatchError) throw new HttpError(403, error.code, error.message);
    throw error;
  }
}

/** The route's authenticator: a caller the directory knows, whose one role is one of these. */
export function requireRole(...roles: readonly Role[]) {
  return (event: ParsedEvent): void => {
    const caller = callerOf(event);
    if (!roles.includes(caller.role)) {
      throw new HttpError(403, 'forbidden', 'Your role may not do this.');
    }
  };
}
