// GET (and HEAD) /console and /console/assets/*: the investigators' console, a static page whose data comes from
// the JWT-protected cases API, and uPlot (its charts) shipped from the installed package. Read once and kept.
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { assetRoot } from '#adapters/environment.ts';
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
      ...PAGE_SECURITY_HEADERS,
      'content-type': TYPES[extname(found.file)] ?? 'application/octet-stream',
      // The page changes with each deployment; a minute of caching spares reloads without stranding anyone.
      'cache-control': 'public, max-age=60',
    },
    body: event.requestContext.http.method === 'HEAD' ? '' : body,
  };
});
