// This machine's stand-in for Cognito and the HTTP API's JWT authorizer: `POST /local/token` signs an ID token for
// a person of the directory, with the claims a Cognito user pool puts in one, and the gateway verifies tokens as
// the authorizer does (signature, issuer, audience, expiry) before any function runs. Only the local runtime has it.
import { generateKeyPair, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';
import directoryJson from '#config/directory.json' with { type: 'json' };
import { DirectorySchema } from '#domain/triage/directory.ts';
import type { Authorization, Authorizer, LocalRoute } from './gateway.ts';

/** The audience tokens are issued for, as a Cognito app client id would be. */
export const LOCAL_CLIENT_ID = 'hotline-local-console';
const TOKEN_SECONDS = 3600;

const TokenRequestSchema = z.strictObject({ investigatorId: z.string().max(80) });

export interface LocalIdentity {
  readonly issuer: string;
  readonly tokenRoute: LocalRoute;
  /** `GET /local/people`: whom the console's local sign-in offers (id, name, role, body; no contact details). */
  readonly peopleRoute: LocalRoute;
  readonly authorizer: Authorizer;
  /** Signs a token for a person of the directory; tests use it to make expired or wrong-audience tokens too. */
  sign(personId: string, options?: { audience?: string; expiresInSeconds?: number }): Promise<string>;
}

/** API Gateway passes every claim as a string; lists become `[a b]`. */
function asGatewayClaims(payload: Record<string, unknown>): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    claims[name] = Array.isArray(value) ? `[${value.join(' ')}]` : String(value);
  }
  return claims;
}

export async function localIdentity(issuer: string): Promise<LocalIdentity> {
  const directory = DirectorySchema.parse(directoryJson);
  const people = new Map(
    directory.bodies.flatMap((body) => body.people.map((person) => [person.id, { person, body }] as const)),
  );
  const { privateKey, publicKey } = await generateKeyPair('ES256');

  async function sign(personId: string, options: { audience?: string; expiresInSeconds?: number } = {}) {
    const found = people.get(personId);
    if (found === undefined) throw new Error(`no person ${personId} in the directory`);
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({
      'cognito:username': found.person.id,
      'cognito:groups': [found.person.role],
      'custom:bodyId': found.body.id,
      name: found.person.name,
      token_use: 'id',
    })
      .setProtectedHeader({ alg: 'ES256' })
      .setSubject(found.person.id)
      .setIssuer(issuer)
      .setAudience(options.audience ?? LOCAL_CLIENT_ID)
      .setIssuedAt(now)
      .setExpirationTime(now + (options.expiresInSeconds ?? TOKEN_SECONDS))
      .sign(privateKey);
  }

  const authorizer: Authorizer = async (headers): Promise<Authorization> => {
    const match = /^Bearer ([A-Za-z0-9._-]+)$/.exec(headers.authorization ?? '');
    if (match?.[1] === undefined) return { allowed: false, status: 401 };
    try {
      const { payload } = await jwtVerify(match[1], publicKey, {
        issuer,
        audience: LOCAL_CLIENT_ID,
        algorithms: ['ES256'],
      });
      return { allowed: true, jwt: { claims: asGatewayClaims(payload), scopes: null } };
    } catch {
      return { allowed: false, status: 401 };
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
