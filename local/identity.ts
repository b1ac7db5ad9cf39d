// This machine's stand-in for Cognito and the HTTP API's JWT authorizer: `POST /local/token` signs an ID token for
// a person of the directory, shaped as the deployed user pool's ID tokens are, and the gateway verifies tokens as the
// authorizer does before any function runs. Only the local runtime has it.
//
// Claims, as Cognito puts them in an ID token of a pool that signs people in by email: `sub` and `cognito:username`
// are the same UUID (never the directory id), `custom:personId` names the directory person, `cognito:groups` lists
// the groups, `token_use` is `id`, with `auth_time`, `iat`, `exp`, `jti`, `origin_jti`, `event_id`, `email`,
// `email_verified` and `name`. Signed RS256 with a `kid`, as Cognito signs.
//
// The check refuses what API Gateway's JWT authorizer refuses (its documented rules): a key id (`kid`) that is not
// the issuer's, an algorithm that is not RSA, another issuer or audience, no `exp` or one not after now, an `nbf` or
// an `iat` after now.
import { randomUUID } from 'node:crypto';
import { generateKeyPair, type JWTHeaderParameters, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import directoryJson from '#config/directory.json' with { type: 'json' };
import { DirectorySchema } from '#domain/triage/directory.ts';
import type { Authorization, Authorizer, LocalRoute } from './gateway.ts';

/** The audience tokens are issued for, as a Cognito app client id would be. */
export const LOCAL_CLIENT_ID = 'hotline-local-console';
const TOKEN_SECONDS = 3600;
const KEY_ID = 'hotline-local-1';

const TokenRequestSchema = z.strictObject({ investigatorId: z.string().max(80) });

export interface SignOptions {
  readonly audience?: string;
  readonly expiresInSeconds?: number;
  /**
   * Claims to set, or (with `undefined`) to leave out, over the ones the issuer puts in: tests make tokens a user
   * pool could carry (a user in two groups, an account linked to nobody) or never would (no `exp`).
   */
  readonly claims?: Readonly<Record<string, unknown>>;
  /** The header's key id; `null` leaves it out. @default the issuer's */
  readonly kid?: string | null;
}

export interface LocalIdentity {
  readonly issuer: string;
  readonly tokenRoute: LocalRoute;
  /** `GET /local/people`: whom the console's local sign-in offers (id, name, role, body; no contact details). */
  readonly peopleRoute: LocalRoute;
  readonly authorizer: Authorizer;
  /** Signs a token for a person of the directory; tests use it to make refused tokens too. */
  sign(personId: string, options?: SignOptions): Promise<string>;
}

/** API Gateway passes every claim as a string; lists become `[a b]`. */
function asGatewayClaims(payload: Record<string, unknown>): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    claims[name] = Array.isArray(value) ? `[${value.join(' ')}]` : String(value);
  }
  return claims;
}

const refused: Authorization = { allowed: false, status: 401 };

export async function localIdentity(issuer: string): Promise<LocalIdentity> {
  const directory = DirectorySchema.parse(directoryJson);
  const people = new Map(
    directory.bodies.flatMap((body) =>
      // Each person gets a user name as a pool that signs in by email makes one: a UUID, which is also `sub`.
      body.people.map((person) => [person.id, { person, body, username: randomUUID() }] as const),
    ),
  );
  const { privateKey, publicKey } = await generateKeyPair('RS256');

  async function sign(personId: string, options: SignOptions = {}) {
    const found = people.get(personId);
    if (found === undefined) throw new Error(`no person ${personId} in the directory`);
    const now = Math.floor(Date.now() / 1000);
    const payload: Record<string, unknown> = {
      sub: found.username,
      'cognito:groups': [found.person.role],
      email_verified: true,
      iss: issuer,
      'cognito:username': found.username,
      origin_jti: randomUUID(),
      aud: options.audience ?? LOCAL_CLIENT_ID,
      event_id: randomUUID(),
      token_use: 'id',
      auth_time: now,
      name: found.person.name,
      exp: now + (options.expiresInSeconds ?? TOKEN_SECONDS),
      iat: now,
      jti: randomUUID(),
      email: found.person.email,
      'custom:personId': found.person.id,
    };
    for (const [name, value] of Object.entries(options.claims ?? {})) {
      if (value === undefined) delete payload[name];
      else payload[name] = value;
    }
    const kid = options.kid === undefined ? KEY_ID : options.kid;
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'RS256', ...(kid === null ? {} : { kid }) })
      .sign(privateKey);
  }

  const keyOf = async (header: JWTHeaderParameters) => {
    if (header.kid !== KEY_ID) throw new Error('no key of the issuer has this kid');
    return publicKey;
  };

  const authorizer: Authorizer = async (headers): Promise<Authorization> => {
    const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(headers.authorization ?? '');
    if (match?.[1] === undefined) return refused;
    try {
      const { payload } = await jwtVerify(match[1], keyOf, {
        issuer,
        audience: LOCAL_CLIENT_ID,
        algorithms: ['RS256'],
        requiredClaims: ['exp'],
        clockTolerance: 0,
      });
      // jose checks `exp` and `nbf`; `iat` it checks only against a maximum age, so a token "issued" later is
      // refused here, as the authorizer refuses it.
      if (payload.iat !== undefined && payload.iat > Date.now() / 1000) return refused;
      return { allowed: true, jwt: { claims: asGatewayClaims(payload), scopes: null } };
    } catch {
      return refused;
    }
  };

  const tokenRoute: LocalRoute = {
    method: 'POST',
    path: '/local/token',
    async handle(body) {
      let request: z.infer<typeof TokenRequestSchema>;
      try {
        request = TokenRequestSchema.parse(JSON.parse(body || '{}'));
      } catch {
        return {
          status: 400,
          body: { error: { code: 'invalid-request', message: 'Send {"investigatorId"}.' } },
        };
      }
      const found = people.get(request.investigatorId);
      if (found === undefined) {
        return {
          status: 404,
          body: { error: { code: 'not-found', message: 'No such person in the directory.' } },
        };
      }
      return {
        status: 200,
        body: {
          token: await sign(found.person.id),
          expiresIn: TOKEN_SECONDS,
          person: {
            id: found.person.id,
            name: found.person.name,
            role: found.person.role,
            bodyId: found.body.id,
          },
        },
      };
    },
  };

  const peopleRoute: LocalRoute = {
    method: 'GET',
    path: '/local/people',
    async handle() {
      return {
        status: 200,
        body: {
          people: [...people.values()].map(({ person, body }) => ({
            id: person.id,
            name: person.name,
            role: person.role,
            bodyId: body.id,
            bodyNames: body.names,
          })),
        },
      };
    },
  };

  return { issuer, tokenRoute, peopleRoute, authorizer, sign };
}
