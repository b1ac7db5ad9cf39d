// The local token check refuses what API Gateway's JWT authorizer refuses (its documented rules: `kid` must name a
// key of the issuer, RSA algorithms only, `iss` and `aud` must match, `exp` must be after now, `nbf` and `iat`
// before it), so a token that would fail in AWS fails here first.
import { generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CLIENT_ID, type LocalIdentity, localIdentity } from '#local/identity.ts';

const ISSUER = 'http://127.0.0.1:1/local/issuer';
const PERSON = 'guofu-cdi-investigator';
let identity: LocalIdentity;

beforeAll(async () => {
  identity = await localIdentity(ISSUER);
});

const verdict = async (token: string) =>
  (await identity.authorizer({ authorization: `Bearer ${token}` })).allowed;
const now = () => Math.floor(Date.now() / 1000);

describe('the local JWT check', () => {
  it('accepts a token as the issuer makes it', async () => {
    expect(await verdict(await identity.sign(PERSON))).toBe(true);
  });

  it('refuses a token without exp, or whose exp is not after now', async () => {
    expect(await verdict(await identity.sign(PERSON, { claims: { exp: undefined } }))).toBe(false);
    expect(await verdict(await identity.sign(PERSON, { claims: { exp: now() - 1 } }))).toBe(false);
    expect(await verdict(await identity.sign(PERSON, { expiresInSeconds: -60 }))).toBe(false);
  });

  it('refuses a token issued (iat) or valid from (nbf) a minute from now, and accepts both in the past', async () => {
    expect(await verdict(await identity.sign(PERSON, { claims: { iat: now() + 60 } }))).toBe(false);
    expect(await verdict(await identity.sign(PERSON, { claims: { nbf: now() + 60 } }))).toBe(false);
    expect(await verdict(await identity.sign(PERSON, { claims: { iat: now() - 60, nbf: now() - 60 } }))).toBe(
      true,
    );
  });

  it('refuses a token without a kid, or with a kid that is not the issuer’s', async () => {
    expect(await verdict(await identity.sign(PERSON, { kid: null }))).toBe(false);
    expect(await verdict(await identity.sign(PERSON, { kid: 'another-key' }))).toBe(false);
  });

  it('refuses another issuer, another audience, and a token signed by another key or algorithm', async () => {
    expect(await verdict(await identity.sign(PERSON, { claims: { iss: 'https://elsewhere.example' } }))).toBe(
      false,
    );
    expect(await verdict(await identity.sign(PERSON, { audience: 'another-client' }))).toBe(false);
    const good = await identity.sign(PERSON);
    const [header = '', payload = ''] = good.split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const kid = JSON.parse(Buffer.from(header, 'base64url').toString()).kid as string;
    for (const alg of ['RS256', 'ES256', 'PS256'] as const) {
      const { privateKey } = await generateKeyPair(alg);
      const forged = await new SignJWT(claims).setProtectedHeader({ alg, kid }).sign(privateKey);
      expect(await verdict(forged), alg).toBe(false);
    }
    const unsigned = `${Buffer.from(JSON.stringify({ alg: 'none', kid })).toString('base64url')}.${payload}.`;
    expect(await verdict(unsigned)).toBe(false);
  });

  it('refuses a missing or malformed Authorization header', async () => {
    expect((await identity.authorizer({})).allowed).toBe(false);
    expect((await identity.authorizer({ authorization: await identity.sign(PERSON) })).allowed).toBe(false);
    expect((await identity.authorizer({ authorization: 'Bearer not.a.token' })).allowed).toBe(false);
  });

  it('signs RS256 with a kid, for the console client, as Cognito signs ID tokens', async () => {
    const [header = ''] = (await identity.sign(PERSON)).split('.');
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({
      alg: 'RS256',
      kid: expect.any(String),
    });
    const authorization = await identity.authorizer({
      authorization: `Bearer ${await identity.sign(PERSON)}`,
    });
    expect(authorization.allowed && authorization.jwt?.claims.aud).toBe(LOCAL_CLIENT_ID);
  });
});
