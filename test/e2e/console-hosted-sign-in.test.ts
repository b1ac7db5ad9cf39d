// The console's sign-in as deployed in AWS, in a real browser: the local runtime serves the console in cognito mode,
// pointed at a small loopback stand-in for Cognito's hosted sign-in (/oauth2/authorize, /oauth2/token, /logout) that
// checks the OAuth 2.0 authorization code + PKCE exchange the way Cognito does and answers with an ID token the
// runtime's JWT check accepts. Also the PKCE helpers against RFC 7636's own example.
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#local/runtime.ts';
import { launchBrowser } from '#support/browser.ts';
import { startTestRuntime } from '#support/local-runtime.ts';

const CLIENT_ID = 'consoleclient0123456789abc';
const PERSON = 'guofu-cdi-investigator';

interface AuthorizeRequest {
  readonly query: Record<string, string>;
}
interface TokenRequest {
  readonly contentType: string | undefined;
  readonly form: Record<string, string>;
  readonly status: number;
}

/** What the stand-in saw, for the assertions. */
const seen = {
  authorize: [] as AuthorizeRequest[],
  token: [] as TokenRequest[],
  logout: [] as Record<string, string>[],
};
/** Codes issued and not yet redeemed, with what they were bound to. */
const codes = new Map<string, { challenge: string; redirectUri: string }>();

let runtime: LocalRuntime;
let cognito: Server;
let cognitoUrl: string;
let consoleUrl: string;
let browser: Browser;

const base64url = (bytes: Buffer) => bytes.toString('base64url');

/** The stand-in: Cognito's authorize, token and logout endpoints as a public client with PKCE meets them. */
function standInCognito(): Server {
  return createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://stand-in');
    const query = Object.fromEntries(url.searchParams);
    const refuse = (status: number, error: string) => {
      response.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
      response.end(JSON.stringify({ error }));
    };
    if (request.method === 'GET' && url.pathname === '/oauth2/authorize') {
      seen.authorize.push({ query });
      if (query.client_id !== CLIENT_ID || query.redirect_uri !== consoleUrl)
        return refuse(400, 'invalid_request');
      if (query.response_type !== 'code' || query.code_challenge_method !== 'S256' || !query.code_challenge) {
        return refuse(400, 'invalid_request');
      }
      // Cognito would show its sign-in page here; the stand-in signs the investigator in at once.
      const code = base64url(randomBytes(16));
      codes.set(code, { challenge: query.code_challenge, redirectUri: query.redirect_uri });
      const back = new URL(query.redirect_uri);
      back.search = new URLSearchParams({
        code,
        ...(query.state === undefined ? {} : { state: query.state }),
      }).toString();
      response.writeHead(302, { location: back.href });
      return response.end();
    }
    if (request.method === 'POST' && url.pathname === '/oauth2/token') {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const form = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const record = (status: number) =>
        seen.token.push({ contentType: request.headers['content-type'], form, status });
      const issued = codes.get(form.code ?? '');
      codes.delete(form.code ?? '');
      const challenge = base64url(
        createHash('sha256')
          .update(form.code_verifier ?? '')
          .digest(),
      );
      if (
        form.grant_type !== 'authorization_code' ||
        form.client_id !== CLIENT_ID ||
        issued === undefined ||
        form.redirect_uri !== issued.redirectUri ||
        challenge !== issued.challenge
      ) {
        record(400);
        return refuse(400, 'invalid_grant');
      }
      record(200);
      // Cognito's token endpoint answers browsers cross-origin.
      response.writeHead(200, {
        'content-type': 'application/json',
        'access-control-allow-origin': request.headers.origin ?? '*',
        'cache-control': 'no-store',
      });
      return response.end(
        JSON.stringify({
          id_token: await runtime.signToken(PERSON),
          // Not a JWT the API accepts: a console that sent the access token would be turned away.
          access_token: 'opaque-access-token',
          refresh_token: 'opaque-refresh-token',
          token_type: 'Bearer',
          expires_in: 3600,
        }),
      );
    }
    if (request.method === 'GET' && url.pathname === '/logout') {
      seen.logout.push(query);
      if (query.client_id !== CLIENT_ID || query.logout_uri !== consoleUrl)
        return refuse(400, 'invalid_request');
      response.writeHead(302, { location: query.logout_uri });
      return response.end();
    }
    refuse(404, 'not_found');
  });
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function watchedPage(errors: string[]): Promise<Page> {
  const page = await browser.newPage();
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  return page;
}

beforeAll(async () => {
  cognito = standInCognito();
  await new Promise<void>((resolve) => cognito.listen(0, '127.0.0.1', resolve));
  cognitoUrl = `http://127.0.0.1:${(cognito.address() as AddressInfo).port}`;
  const port = await freePort();
  const publicUrl = `http://localhost:${port}`;
  consoleUrl = `${publicUrl}/console/`;
  runtime = await startTestRuntime({
    port,
    publicUrl,
    signIn: { signIn: 'cognito', domain: cognitoUrl, clientId: CLIENT_ID, redirectUri: consoleUrl },
  });
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
  await runtime?.stop();
  await new Promise((resolve) => cognito?.close(resolve));
});

describe("the console with Cognito's hosted sign-in", () => {
  it('signs in with the authorization code and PKCE, and calls the API with the ID token', async () => {
    const complaint = await fetch(`${runtime.url}/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        description: '郭扶镇国土所窗口工作人员索要好处费才给办证。',
        subjectUnit: '郭扶国土所',
      }),
    });
    const { reference } = (await complaint.json()) as { reference: string };

    const errors: string[] = [];
    const page = await watchedPage(errors);
    await page.goto(consoleUrl);
    await page.waitForSelector('#view-signin:not([hidden])');
    // No directory to pick from: the office account's button, by keyboard.
    expect(await page.isHidden('#signin-form')).toBe(true);
    await page.focus('#signin-hosted');
    await page.keyboard.press('Enter');
    await page.waitForSelector('#view-list:not([hidden])');

    expect(seen.authorize).toHaveLength(1);
    const authorize = seen.authorize[0]?.query ?? {};
    expect(authorize).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: consoleUrl,
      code_challenge_method: 'S256',
    });
    expect(authorize.scope?.split(' ').sort()).toEqual(['email', 'openid', 'profile']);
    expect(authorize.state).toMatch(/^[A-Za-z0-9_-]{16,}$/);
    expect(authorize.code_challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);

    expect(seen.token).toHaveLength(1);
    const token = seen.token[0];
    expect(token?.status).toBe(200);
    expect(token?.contentType).toMatch(/^application\/x-www-form-urlencoded/);
    // RFC 7636: the verifier is 43-128 unreserved characters, and the challenge is its SHA-256.
    expect(token?.form.code_verifier).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);
    expect(token?.form.client_secret).toBeUndefined();

    // The code is gone from the address bar, the verifier from storage, and no refresh token was kept.
    expect(page.url()).toBe(`${consoleUrl}#/cases`);
    const stored = await page.evaluate(() => ({ ...sessionStorage }));
    expect(Object.keys(stored).sort()).toEqual(['console.person', 'console.token']);
    expect(JSON.stringify(stored)).not.toContain('opaque-');
    // Named, with the role in words and the body by name (from the list's answer: the token names no body).
    await expect.poll(() => page.textContent('#whoami')).toBe('刘晓峰 · 承办人员 · 郭扶镇纪委');

    // The API accepted the ID token: the investigator's case list shows the new case.
    await expect
      .poll(
        async () => {
          // The list again, as the console loads it on navigation: the worker writes the case moments later. The
          // body's whole list (an investigator's bare list is "my cases", and nobody has this case yet).
          await page.evaluate(
            "location.hash = '#/cases?'; window.dispatchEvent(new HashChangeEvent('hashchange'))",
          );
          await page.waitForSelector('#view-list:not([hidden])');
          return page.locator('#case-rows tr', { hasText: reference }).count();
        },
        { timeout: 20_000, interval: 500 },
      )
      .toBe(1);
    expect(await page.textContent('#flash')).toBe('');

    // Signing out ends the hosted sign-in's session too, and comes back to the console signed out.
    await page.click('#signout');
    await page.waitForSelector('#view-signin:not([hidden])');
    expect(seen.logout).toEqual([{ client_id: CLIENT_ID, logout_uri: consoleUrl }]);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('refuses an answer this tab did not ask for, without trading its code', async () => {
    const errors: string[] = [];
    const page = await watchedPage(errors);
    const tokenRequests = seen.token.length;
    // A sign-in started in this tab…
    await page.goto(consoleUrl);
    await page.waitForSelector('#view-signin:not([hidden])');
    await page.evaluate(() =>
      sessionStorage.setItem('console.pkce', JSON.stringify({ verifier: 'v'.repeat(43), state: 'mine' })),
    );
    // …and an answer carrying someone else's state (a link planted to sign this person in as another).
    await page.goto(`${consoleUrl}?code=planted&state=theirs`);
    await page.waitForSelector('#view-signin:not([hidden])');
    expect(await page.textContent('#flash')).toBe('登录未完成，请重新登录。');
    expect(seen.token).toHaveLength(tokenRequests);
    expect(page.url()).toBe(`${consoleUrl}#/signin`);
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('computes the S256 challenge of RFC 7636 Appendix B, and fresh 43-character verifiers', async () => {
    const page = await browser.newPage();
    await page.goto(consoleUrl);
    await page.waitForSelector('#view-signin:not([hidden])');
    // The console's own functions, from its ES module as the page loads it.
    const computed = (await page.evaluate(`import('/console/assets/auth.js').then(async (auth) => ({
      challenge: await auth.pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk'),
      verifiers: Array.from({ length: 50 }, () => auth.randomToken(32)),
    }))`)) as { challenge: string; verifiers: string[] };
    expect(computed.challenge).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
    for (const verifier of computed.verifiers) expect(verifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(new Set(computed.verifiers).size).toBe(computed.verifiers.length);
    await page.close();
  });
});
