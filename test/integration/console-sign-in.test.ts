// How the investigators' console learns to sign in: console-pages serves config.json from its HOTLINE_SIGN_IN
// setting (a person of the directory on this machine, Cognito's hosted sign-in in AWS) and builds the page's CSP
// from the same setting, so the page may reach the hosted sign-in's token endpoint and nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SignInSetting } from '#functions/wiring.ts';
import { PAGE_SECURITY_HEADERS } from '#http/page-headers.ts';
import { type EmulatedAws, useEmulatedAws } from '#support/emulated-aws.ts';
import { httpEvent } from '#support/events.ts';
import { startFunction, type TestFunction } from '#support/functions.ts';

const STRICT = PAGE_SECURITY_HEADERS['content-security-policy'];
const COGNITO: SignInSetting = {
  signIn: 'cognito',
  domain: 'https://sunshine-hotline-123456789012.auth.eu-west-1.amazoncognito.com',
  clientId: '4tq1s7mbh4a6fm3j9ch2v0c0ru',
  redirectUri: 'https://hotline.example/console/',
};

let aws: EmulatedAws;
const started: TestFunction[] = [];
async function pagesWith(signIn?: SignInSetting): Promise<TestFunction> {
  const fn = await startFunction('console-pages', aws, signIn === undefined ? {} : { signIn });
  started.push(fn);
  return fn;
}
const get = (path: string, method = 'GET') => httpEvent(method, path);

beforeAll(async () => {
  aws = await useEmulatedAws();
});
afterAll(async () => {
  await Promise.all(started.map((fn) => fn.stop()));
});

describe('on this machine', () => {
  let pages: TestFunction;
  beforeAll(async () => {
    pages = await pagesWith();
  });

  it('tells the console to sign in with a person of the directory', async () => {
    expect(JSON.parse(pages.environment.HOTLINE_SIGN_IN ?? '')).toEqual({ signIn: 'local' });
    const answer = await pages.invoke(get('/console/assets/config.json'));
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toMatch(/^application\/json/);
    expect(answer.headers['cache-control']).toBe('no-store');
    expect(JSON.parse(answer.body)).toEqual({ signIn: 'local' });
  });

  it('keeps the strict CSP of every page: nothing but this site', async () => {
    for (const path of ['/console/', '/console/assets/main.js']) {
      const answer = await pages.invoke(get(path));
      expect(answer.statusCode, path).toBe(200);
      expect(answer.headers['content-security-policy'], path).toBe(STRICT);
    }
  });
});

describe('in AWS', () => {
  let pages: TestFunction;
  beforeAll(async () => {
    pages = await pagesWith(COGNITO);
  });

  it("tells the console the hosted sign-in's domain, client and return address", async () => {
    const answer = await pages.invoke(get('/console/assets/config.json'));
    expect(answer.statusCode).toBe(200);
    expect(JSON.parse(answer.body)).toEqual(COGNITO);
    const head = await pages.invoke(get('/console/assets/config.json', 'HEAD'));
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe('');
  });

  it("lets the page reach the hosted sign-in's token endpoint, and nothing else", async () => {
    for (const path of ['/console', '/console/', '/console/assets/main.js', '/console/assets/uplot.js']) {
      const answer = await pages.invoke(get(path));
      expect(answer.statusCode, path).toBe(200);
      expect(answer.headers['content-security-policy'], path).toBe(
        `${STRICT}; connect-src 'self' ${COGNITO.domain}`,
      );
    }
  });

  it('still answers 404 for what is not a page', async () => {
    for (const path of [
      '/console/config.json',
      '/console/assets/config.js',
      '/console/assets/../config.json',
    ]) {
      expect((await pages.invoke(get(path))).statusCode, path).toBe(404);
    }
  });
});

describe('a setting that is not one', () => {
  // Each would put something into the CSP or the sign-in that the deployment never meant.
  const broken: Record<string, unknown> = {
    'a domain that breaks out of the CSP': {
      ...COGNITO,
      domain: "https://x.example; script-src 'unsafe-inline'",
    },
    'a domain with a path': { ...COGNITO, domain: `${COGNITO.domain}/oauth2` },
    'a plain-HTTP domain elsewhere': { ...COGNITO, domain: 'http://sign-in.example' },
    'a client id with spaces': { ...COGNITO, clientId: 'a b' },
    'an unknown mode': { signIn: 'password' },
    'an extra field': { signIn: 'local', domain: COGNITO.domain },
  };
  for (const [what, setting] of Object.entries(broken)) {
    it(`serves nothing with ${what}`, async () => {
      const pages = await pagesWith(setting as SignInSetting);
      for (const path of ['/console/', '/console/assets/config.json']) {
        const answer = await pages.invoke(get(path));
        expect(answer.statusCode, path).toBe(500);
        expect(answer.headers['content-security-policy'], path).toBeUndefined();
        expect(answer.body, path).not.toContain('unsafe-inline');
      }
      await pages.stop();
      started.splice(started.indexOf(pages), 1);
    });
  }
});
