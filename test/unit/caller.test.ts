// Who a caller is: one directory person, with the one role and the one body the directory gives them. Tokens carrying
// every combination of up to two groups (the console's three, an unknown one, one named `auditor,admin`, one that
// differs only in case) are accepted only when their groups are exactly the person's role; `cognito:groups` is read
// as API Gateway's JWT authorizer passes a list (`[a b]`), names matched exactly.
import { describe, expect, it } from 'vitest';
import { directory } from '#config/office.ts';
import {
  directoryPeople,
  hasRole,
  IdentityMismatchError,
  identify,
  scopeOf,
} from '#domain/lifecycle/access.ts';
import type { ParsedEvent } from '#http/api.ts';
import { callerOf, groupsClaim, requireRole } from '#http/caller.ts';
import { HttpError } from '#http/responses.ts';
import { LOCAL_CLIENT_ID, localIdentity } from '#local/identity.ts';

const people = directoryPeople(directory);
const GROUPS = ['investigator', 'supervisor', 'admin', 'auditor', 'auditor,admin', 'Admin'] as const;

/** Every list of at most two distinct groups, in both orders. */
const groupLists: string[][] = [
  [],
  ...GROUPS.map((g) => [g]),
  ...GROUPS.flatMap((a) => GROUPS.filter((b) => b !== a).map((b) => [a, b])),
];

const PEOPLE = ['guofu-cdi-investigator', 'guofu-cdi-supervisor', 'city-cdi-admin'] as const;

/** The claims API Gateway passes for a token with these groups (Cognito leaves the claim out for none). */
function eventWith(claims: Record<string, string | undefined>): ParsedEvent {
  const passed = Object.fromEntries(Object.entries(claims).filter(([, v]) => v !== undefined));
  return {
    requestContext: { authorizer: { jwt: { claims: passed, scopes: null } } },
  } as unknown as ParsedEvent;
}
const gatewayClaims = (personId: string | undefined, groups: readonly string[] | undefined) => ({
  sub: '6f0e3c8e-3b8a-4a55-9d0c-6b8f4f0a1c2d',
  token_use: 'id',
  'cognito:username': '6f0e3c8e-3b8a-4a55-9d0c-6b8f4f0a1c2d',
  'custom:personId': personId,
  'cognito:groups': groups === undefined ? undefined : `[${groups.join(' ')}]`,
});

function refusal(run: () => unknown): { status: number; code: string; message: string } | undefined {
  try {
    run();
    return undefined;
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    return { status: error.statusCode, code: error.code, message: error.message };
  }
}

describe('identify: the directory decides, the groups must agree', () => {
  for (const personId of PEOPLE) {
    const role = people.get(personId)?.role;
    it(`${personId}: accepted with exactly [${role}], refused with any other list of groups`, () => {
      const accepted: string[][] = [];
      for (const groups of groupLists) {
        try {
          const caller = identify({ personId, groups }, people);
          accepted.push(groups);
          expect(caller).toEqual({
            id: personId,
            name: people.get(personId)?.name,
            role,
            bodyId: people.get(personId)?.bodyId,
          });
        } catch (error) {
          expect(error, JSON.stringify(groups)).toBeInstanceOf(IdentityMismatchError);
        }
      }
      expect(accepted).toEqual([[role]]);
    });
  }

  it('says why: several roles, a group that is no role, a group of another role, no group, no person', () => {
    const codeOf = (personId: string | undefined, groups: string[]) => {
      try {
        identify({ personId, groups }, people);
        return 'accepted';
      } catch (error) {
        return (error as IdentityMismatchError).code;
      }
    };
    expect(codeOf('guofu-cdi-investigator', ['investigator', 'admin'])).toBe('several-roles');
    expect(codeOf('guofu-cdi-supervisor', ['supervisor', 'admin'])).toBe('several-roles');
    expect(codeOf('city-cdi-admin', ['auditor,admin'])).toBe('role-mismatch');
    expect(codeOf('city-cdi-admin', ['Admin'])).toBe('role-mismatch');
    expect(codeOf('guofu-cdi-investigator', ['admin'])).toBe('role-mismatch');
    expect(codeOf('guofu-cdi-investigator', [])).toBe('role-mismatch');
    expect(codeOf(undefined, ['investigator'])).toBe('account-not-linked');
    expect(codeOf('nobody-of-the-directory', ['investigator'])).toBe('account-not-linked');
  });

  it('gives one role: hasRole asks about that role only, and an investigator’s scope is their own body', () => {
    const caller = identify({ personId: 'guofu-cdi-investigator', groups: ['investigator'] }, people);
    expect(hasRole(caller, 'investigator', 'supervisor')).toBe(true);
    expect(hasRole(caller, 'admin')).toBe(false);
    const bodies = directory.bodies.map((b) => ({ id: b.id, parent: b.parent }));
    expect([...scopeOf(caller, bodies, directory.defaultBodyId).bodies]).toEqual(['guofu-cdi']);
  });
});

describe('cognito:groups as API Gateway passes it', () => {
  it('reads `[a b]` as the names between the brackets, split at spaces only', () => {
    expect(groupsClaim('[investigator]')).toEqual(['investigator']);
    expect(groupsClaim('[investigator admin]')).toEqual(['investigator', 'admin']);
    expect(groupsClaim('[auditor,admin]')).toEqual(['auditor,admin']);
    expect(groupsClaim('[x] [admin]')).toEqual(['x]', '[admin']);
    expect(groupsClaim('[]')).toEqual([]);
    expect(groupsClaim(undefined)).toEqual([]);
  });

  it('refuses a claim that is no list', () => {
    for (const claim of ['admin', 'investigator,admin', '["admin"', '', 'admin]']) {
      expect(groupsClaim(claim), claim).toBeUndefined();
    }
  });
});

describe('callerOf and requireRole over the claims a route receives', () => {
  it('answers 403 with a clear JSON error for every list of groups but the person’s role', () => {
    for (const personId of PEOPLE) {
      const role = people.get(personId)?.role as string;
      for (const groups of groupLists) {
        const answer = refusal(() => callerOf(eventWith(gatewayClaims(personId, groups))));
        if (groups.length === 1 && groups[0] === role) expect(answer).toBeUndefined();
        else {
          expect(answer?.status, `${personId} ${JSON.stringify(groups)}`).toBe(403);
          expect(answer?.code).toMatch(/^(several-roles|role-mismatch)$/);
          expect(answer?.message.length).toBeGreaterThan(20);
        }
      }
    }
  });

  it('reads a group named `auditor,admin` as one group, never as admin', () => {
    const answer = refusal(() =>
      callerOf(
        eventWith({ ...gatewayClaims('city-cdi-admin', undefined), 'cognito:groups': '[auditor,admin]' }),
      ),
    );
    expect(answer).toMatchObject({ status: 403, code: 'role-mismatch' });
    expect(answer?.message).toContain('"auditor,admin"');
  });

  it('refuses an account linked to nobody (403), and claims missing or an access token (401)', () => {
    expect(refusal(() => callerOf(eventWith(gatewayClaims(undefined, ['admin']))))).toMatchObject({
      status: 403,
      code: 'account-not-linked',
    });
    expect(refusal(() => callerOf(eventWith(gatewayClaims('someone-else', ['admin']))))).toMatchObject({
      status: 403,
      code: 'account-not-linked',
    });
    expect(
      refusal(() =>
        callerOf(eventWith({ ...gatewayClaims('city-cdi-admin', ['admin']), token_use: 'access' })),
      ),
    ).toMatchObject({ status: 401 });
    expect(refusal(() => callerOf(eventWith({})))).toMatchObject({ status: 401 });
    expect(
      refusal(() =>
        callerOf(eventWith({ ...gatewayClaims('city-cdi-admin', undefined), 'cognito:groups': 'admin' })),
      ),
    ).toMatchObject({ status: 403, code: 'role-mismatch' });
  });

  it('lets a route through only for its roles', () => {
    const supervisorEvent = eventWith(gatewayClaims('guofu-cdi-supervisor', ['supervisor']));
    expect(refusal(() => requireRole('investigator', 'supervisor')(supervisorEvent))).toBeUndefined();
    expect(refusal(() => requireRole('admin')(supervisorEvent))).toMatchObject({
      status: 403,
      code: 'forbidden',
    });
  });
});

describe('the same person locally and in AWS', () => {
  it('a token of the local issuer names the directory person by custom:personId, never by its UUID user name', async () => {
    const identity = await localIdentity('http://127.0.0.1:1/local/issuer');
    const token = await identity.sign('guofu-cdi-investigator');
    const authorization = await identity.authorizer({ authorization: `Bearer ${token}` });
    if (!authorization.allowed || authorization.jwt === undefined) throw new Error('refused');
    const { claims } = authorization.jwt;
    expect(claims['cognito:username']).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
    expect(claims.sub).toBe(claims['cognito:username']);
    expect(claims).toMatchObject({
      'custom:personId': 'guofu-cdi-investigator',
      'cognito:groups': '[investigator]',
      token_use: 'id',
      aud: LOCAL_CLIENT_ID,
      email_verified: 'true',
      email: 'investigator@guofu-cdi.example.org',
    });
    for (const time of ['auth_time', 'iat', 'exp']) expect(claims[time]).toMatch(/^\d{10}$/);
    expect(callerOf(eventWith(claims))).toEqual({
      id: 'guofu-cdi-investigator',
      name: people.get('guofu-cdi-investigator')?.name,
      role: 'investigator',
      bodyId: 'guofu-cdi',
    });
  });
});
