// GET (and HEAD) /, /status and /assets/*: the citizen's pages, through the same chain as every route. Static
// files shipped beside the bundle, read once and kept.
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { assetRoot, evidenceOrigin } from '#adapters/environment.ts';
import { httpApi } from '../http/api.ts';
import { PAGE_SECURITY_HEADERS } from '../http/page-headers.ts';
import { errorBody, type HttpResult, json } from '../http/responses.ts';

const PAGES: Record<string, string> = { '/': 'index.html', '/status': 'status.html' };
const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};
const cache = new Map<string, string>();

function fileFor(path: string): string | undefined {
  if (Object.hasOwn(PAGES, path)) return PAGES[path];
  const asset = /^\/assets\/([a-z0-9-]+\.(?:css|js|svg))$/.exec(path);
  return asset ? `assets/${asset[1]}` : undefined;
}

const notFound = () => json(404, errorBody('not-found', '页面不存在 / There is no such page.'));

export const handler = httpApi(async (event): Promise<HttpResult> => {
  const root = assetRoot('web');
  const file = fileFor(event.rawPath);
  if (file === undefined) return notFound();
  let body = cache.get(file);
  if (body === undefined) {
    try {
      body = await readFile(join(root, file), 'utf8');
    } catch {
      return notFound();
    }
    cache.set(file, body);
  }
  // Pages post the reporter's files straight to the evidence bucket: its origin, and no other, may be connected to.
  const policy = PAGE_SECURITY_HEADERS['content-security-policy'];
  return {
    statusCode: 200,
    headers: {
      ...PAGE_SECURITY_HEADERS,
      ...(file.endsWith('.html')
        ? { 'content-security-policy': `${policy}; connect-src 'self' ${evidenceOrigin()}` }
        : {}),
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'public, max-age=300',
    },
    // HEAD gets the headers a GET would, without the page.
    body: event.requestContext.http.method === 'HEAD' ? '' : body,
  };
});
