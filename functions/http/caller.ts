// Who is calling a JWT route: the claims API Gateway's JWT authorizer (or the local gateway) verified and passed on
// as strings. Roles come from `cognito:groups` (a list reads `[investigator supervisor]`), the body from
// `custom:bodyId`. A route refuses a caller without the claims (401) or without one of its roles (403).
import * as z from 'zod/mini';
import '#domain/zod-locale.ts';
import { type Caller, ROLES, type Role } from '#domain/lifecycle/access.ts';
import type { ParsedEvent } from './api.ts';
import { HttpError } from './responses.ts';

const ClaimsSchema = /* @__PURE__ */ (() =>
  z.object({
    sub: z.string().check(z.minLength(1), z.maxLength(128)),
    'cognito:username': z.optional(z.string().check(z.minLength(1), z.maxLength(128))),
    'cognito:groups': z.string().check(z.maxLength(500)),
    'custom:bodyId': z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,79}$/)),
    name: z.optional(z.string().check(z.maxLength(200))),
  }))();

/** `[a b]`, `a b`, `a,b` or a JSON list, as different authorizers print a list claim. */
function groupsOf(claim: string): Role[] {
  const words = claim.replace(/[[\]"]/g, ' ').split(/[\s,]+/);
  return ROLES.filter((role) => words.includes(role));
}

const unauthorized = () =>
  new HttpError(401, 'unauthorized', 'Sign in again: your session is missing or has expired.');

export function callerOf(event: ParsedEvent): Caller {
  const context = event.requestContext as ParsedEvent['requestContext'] & {
    authorizer?: { jwt?: { claims?: Record<string, unknown> } };
  };
  const parsed = ClaimsSchema.safeParse(context.authorizer?.jwt?.claims ?? {});
  if (!parsed.success) throw unauthorized();
  const claims = parsed.data;
  return {
    // The person's directory id is their user name; the subject is the fallback when a pool has none.
    id: claims['cognito:username'] ?? claims.sub,
    name: claims.name ?? claims['cognito:username'] ?? claims.sub,
    roles: groupsOf(claims['cognito:groups']),
    bodyId: claims['custom:bodyId'],
  };
}

/** The route's authenticator: a caller with claims and at least one of these roles. */
export function requireRole(...roles: readonly Role[]) {
  return (event: ParsedEvent): void => {
    const caller = callerOf(event);
    if (!caller.roles.some((role) => roles.includes(role))) {
      throw new HttpError(403, 'forbidden', 'Your role may not do this.');
    }
  };
}
