// GET (and HEAD) /console and /console/assets/*: the investigators' console, a static page whose data comes from
// the JWT-protected cases API, uPlot (its charts) shipped from the installed package, and config.json, which tells
// the page how to sign in (a person of the directory here, Cognito's hosted sign-in in AWS), and office.json, the
// names the page shows for bodies and units and the calendar's time zone (public facts of the office: no person, no
// contact). Read once and kept. The page's scripts are ES modules served as they are (checked by tsc with JSDoc).
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import * as z from 'zod/mini';
import '#domain/zod-locale.ts';
import { assetRoot, signInSetting } from '#adapters/environment.ts';
import { deadlineCalendar, directory } from '#config/office.ts';
import { environmentNames, type SignInSetting } from '#functions/wiring.ts';
import { httpApi } from '../http/api.ts';
import { PAGE_SECURITY_HEADERS } from '../http/page-headers.ts';
import { errorBody, type HttpResult, json } from '../http/responses.ts';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
};
/** The chart library's files, by the name the page asks for. */
const UPLOT_FILES: Record<string, string> = { 'uplot.js': 'uPlot.iife.min.js', 'uplot.css': 'uPlot.min.css' };
const CONFIG_PATH = '/console/assets/config.json';
const OFFICE_PATH = '/console/assets/office.json';

/** What the page names bodies and units by, in both languages, and the time zone its dates are shown in. */
const officeNames = () => ({
  timeZone: deadlineCalendar.timeZone,
  bodies: Object.fromEntries(directory.bodies.map((body) => [body.id, body.names])),
  units: Object.fromEntries(directory.units.map((unit) => [unit.id, unit.names])),
});

/** An origin the page may talk to: HTTPS, or plain HTTP on this machine's loopback (a test's stand-in). */
const origin = /* @__PURE__ */ (() =>
  z.string().check(
    z.refine((value) => {
      const url = URL.parse(value);
      if (url === null || url.origin !== value) return false;
      return url.protocol === 'https:' || ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
    }, 'an origin such as https://<prefix>.auth.<region>.amazoncognito.com'),
  ))();

/** The setting is configuration, not input, but it becomes part of a CSP header: nothing in it may break out. */
const signInSchema: z.ZodMiniType<SignInSetting> = /* @__PURE__ */ (() =>
  z.discriminatedUnion('signIn', [
    z.strictObject({ signIn: z.literal('local') }),
    z.strictObject({
      signIn: z.literal('cognito'),
      domain: origin,
      clientId: z.string().check(z.regex(/^[A-Za-z0-9]{1,128}$/)),
      redirectUri: z.url({ protocol: /^https?$/ }),
    }),
  ]))();

let signIn: SignInSetting | undefined;
/** Parsed on first use: a misconfigured deployment fails loudly on its first page, naming the variable. */
function signInConfiguration(): SignInSetting {
  if (signIn === undefined) {
    let value: unknown;
    try {
      value = JSON.parse(signInSetting());
    } catch {
      throw new Error(`${environmentNames.signIn} is not JSON`);
    }
    const parsed = signInSchema.safeParse(value);
    if (!parsed.success) {
      throw new Error(
        `${environmentNames.signIn} is not a sign-in setting: ${z.prettifyError(parsed.error)}`,
      );
    }
    signIn = parsed.data;
  }
  return signIn;
}

/** The page's CSP: the site's strict policy, and in AWS the hosted sign-in's token endpoint as the one other origin. */
function consoleSecurityHeaders(setting: SignInSetting): Record<string, string> {
  const policy = PAGE_SECURITY_HEADERS['content-security-policy'];
  return {
    ...PAGE_SECURITY_HEADERS,
    'content-security-policy':
      setting.signIn === 'cognito' ? `${policy}; connect-src 'self' ${setting.domain}` : policy,
  };
}

function fileFor(path: string): { folder: string; file: string } | undefined {
  if (path === '/console' || path === '/console/') return { folder: 'web/console', file: 'index.html' };
  const asset = /^\/console\/assets\/([a-z0-9-]+\.(?:css|js))$/.exec(path)?.[1];
  if (asset === undefined) return undefined;
  if (Object.hasOwn(UPLOT_FILES, asset)) {
    return { folder: 'node_modules/uplot/dist', file: UPLOT_FILES[asset] as string };
  }
  return { folder: 'web/console', file: `assets/${asset}` };
}

const cache = new Map<string, string>();
const notFound = () => json(404, errorBody('not-found', '页面不存在 / There is no such page.'));

export const handler = httpApi(async (event): Promise<HttpResult> => {
  const head = event.requestContext.http.method === 'HEAD';
  if (event.rawPath === CONFIG_PATH || event.rawPath === OFFICE_PATH) {
    const answer = json(200, event.rawPath === CONFIG_PATH ? signInConfiguration() : officeNames());
    return head ? { ...answer, body: '' } : answer;
  }
  const found = fileFor(event.rawPath);
  if (found === undefined) return notFound();
  const path = join(assetRoot(found.folder), found.file);
  let body = cache.get(path);
  if (body === undefined) {
    try {
      body = await readFile(path, 'utf8');
    } catch {
      return notFound();
    }
    cache.set(path, body);
  }
  return {
    statusCode: 200,
    headers: {
      ...consoleSecurityHeaders(signInConfiguration()),
      'content-type': TYPES[extname(found.file)] ?? 'application/octet-stream',
      // The page changes with each deployment; a minute of caching spares reloads without stranding anyone.
      'cache-control': 'public, max-age=60',
    },
    body: head ? '' : body,
  };
});
