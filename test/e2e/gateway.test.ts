// The local gateway is as strict as API Gateway about what reaches a function: a path is routed as it was sent
// (never merged or resolved into another), and what Node would refuse with a bare status line gets the API's JSON
// error shape. The catalog's real routes, each answered by a function that only records the event it was given.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { functions, type RouteTrigger } from '#catalog';
import { type Gateway, MAX_HEADER_BYTES, type Route, requestTarget, startGateway } from '#local/gateway.ts';
import { type RawAnswer, rawBytes, rawRequest } from '../support/raw-http.ts';

let gateway: Gateway;
const invoked: APIGatewayProxyEventV2[] = [];

beforeAll(async () => {
  gateway = await startGateway({ port: 0 });
  const routes: Route[] = functions.flatMap((spec) =>
    spec.triggers
      .filter((trigger): trigger is RouteTrigger => trigger.kind === 'route')
      .map((trigger) => ({
        trigger,
        invoker: {
          spec,
          async invoke(event: unknown) {
            invoked.push(event as APIGatewayProxyEventV2);
            return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: '{"ok":true}' };
          },
        },
      })),
  );
  gateway.serve({
    routes,
    authorizers: {
      public: async () => ({ allowed: true }),
      jwt: async () => ({ allowed: false, status: 401 }),
    },
  });
});
afterAll(async () => {
  await gateway?.stop();
});
beforeEach(() => {
  invoked.length = 0;
});

/** Every answer the gateway gives itself is JSON, never cached, never sniffed. */
function expectJsonAnswer(answer: RawAnswer, label: string) {
  expect(answer.headers['content-type'], label).toBe('application/json; charset=utf-8');
  expect(answer.headers['x-content-type-options'], label).toBe('nosniff');
  expect(answer.headers['cache-control'], label).toBe('no-store');
  return JSON.parse(answer.body) as unknown;
}

describe('the local gateway routes a path as it was sent', () => {
  it('answers empty segments and dot segments 404, without running any function (`GET //` was a 500)', async () => {
    const cases: [string, string][] = [
      ['GET', '//'],
      ['GET', '///'],
      ['HEAD', '//'],
      ['POST', '//evil.example/complaints'],
      ['POST', '//complaints'],
      ['POST', '/complaints//'],
      ['POST', '///complaints'],
      ['GET', '//evil.example/status'],
      ['GET', '/assets//site.css'],
      ['POST', '/complaints//status'],
      ['GET', '/./'],
      ['GET', '/.'],
      ['GET', '/status/..'],
      ['POST', '/./complaints'],
      ['POST', '/x/../complaints'],
      ['POST', '/%2e%2e/complaints'],
      ['POST', '/%2E/complaints'],
      ['POST', '/complaints/./HLW-AAAAA-BBBBB/status'],
      ['POST', '/complaints/%2e/status'],
      ['GET', '/assets/../package.json'],
      ['GET', '/assets/%2e%2e/package.json'],
      ['GET', '//?a=1'],
    ];
    for (const [method, target] of cases) {
      const answer = await rawRequest(gateway.url, method, target, method === 'POST' ? { body: '{}' } : {});
      expect(answer.status, `${method} ${target}`).toBe(404);
      if (method !== 'HEAD') expect(expectJsonAnswer(answer, target)).toEqual({ message: 'Not Found' });
    }
    expect(invoked).toEqual([]);
  });

  it('still routes one trailing slash, as API Gateway does, and the path it was sent on', async () => {
    const answer = await rawRequest(gateway.url, 'POST', '/complaints/', { body: '{}' });
    expect(answer.status).toBe(200);
    expect(invoked.map((event) => [event.routeKey, event.rawPath])).toEqual([
      ['POST /complaints', '/complaints/'],
    ]);
  });

  it('passes hostile segments to the route whole, decoded, on an object with no prototype', async () => {
    const cases: [string, string, string][] = [
      ['/complaints/__proto__/status', '/complaints/__proto__/status', '__proto__'],
      ['/complaints/constructor/status', '/complaints/constructor/status', 'constructor'],
      ['/complaints/%F0%9F%98%80/status', '/complaints/%F0%9F%98%80/status', '😀'],
      ['/complaints/%E9%83%AD%E6%89%B6/status', '/complaints/%E9%83%AD%E6%89%B6/status', '郭扶'],
      // Broken percent-encoding goes to the function as it came, for it to refuse with its own 4xx.
      ['/complaints/%/status', '/complaints/%/status', '%'],
      ['/complaints/%E4%B8/status', '/complaints/%E4%B8/status', '%E4%B8'],
      ['/complaints/%zz/status', '/complaints/%zz/status', '%zz'],
      // An encoded slash or dot pair inside a segment is part of that one segment.
      ['/complaints/..%2f..%2fcases/status', '/complaints/..%2f..%2fcases/status', '../../cases'],
      ['/complaints/...%2e/status', '/complaints/...%2e/status', '....'],
    ];
    for (const [target, rawPath, reference] of cases) {
      invoked.length = 0;
      const answer = await rawRequest(gateway.url, 'POST', target, { body: '{}' });
      expect(answer.status, target).toBe(200);
      const [event] = invoked;
      expect(event?.routeKey, target).toBe('POST /complaints/{reference}/status');
      expect(event?.rawPath, target).toBe(rawPath);
      expect(event?.requestContext.http.path, target).toBe(rawPath);
      expect(event?.pathParameters?.reference, target).toBe(reference);
      expect(Object.getPrototypeOf(event?.pathParameters ?? {}), target).toBe(null);
    }
  });

  it('answers a path that names no route, however odd, 404: `__proto__`, emoji, an encoded route name', async () => {
    for (const target of ['/__proto__', '/constructor', '/%F0%9F%98%80', '/complaint%73', '/complaints%2f']) {
      const answer = await rawRequest(gateway.url, 'POST', target, { body: '{}' });
      expect(answer.status, target).toBe(404);
      expect(expectJsonAnswer(answer, target)).toEqual({ message: 'Not Found' });
    }
    expect(invoked).toEqual([]);
  });

  it('passes the query string as sent, UTF-8 decoded, with its keys on an object with no prototype', async () => {
    const answer = await rawRequest(
      gateway.url,
      'GET',
      '/open311/v2/requests.json?__proto__=x&q=%E9%83%AD%E6%89%B6&q=%F0%9F%98%80',
    );
    expect(answer.status).toBe(200);
    const [event] = invoked;
    expect(event?.rawQueryString).toBe('__proto__=x&q=%E9%83%AD%E6%89%B6&q=%F0%9F%98%80');
    expect(Object.getPrototypeOf(event?.queryStringParameters ?? {})).toBe(null);
    expect({ ...event?.queryStringParameters }).toEqual({ ['__proto__']: 'x', q: '郭扶,😀' });
  });
});

describe("what Node would refuse bare gets the API's JSON error shape", () => {
  it(`answers headers over ${MAX_HEADER_BYTES / 1024} KB with 431 and a JSON error`, async () => {
    const fits = await rawRequest(gateway.url, 'GET', '/', { headers: { 'x-padding': 'a'.repeat(15_000) } });
    expect(fits.status).toBe(200);
    for (const headers of [
      { 'x-padding': 'a'.repeat(MAX_HEADER_BYTES + 1) },
      Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`x-padding-${i}`, 'b'.repeat(500)])),
    ]) {
      const answer = await rawRequest(gateway.url, 'POST', '/complaints', { headers, body: '{}' });
      expect(answer.status).toBe(431);
      expect(expectJsonAnswer(answer, 'headers')).toMatchObject({ error: { code: 'headers-too-large' } });
      expect(answer.headers.connection).toBe('close');
    }
  });

  it('answers a method Node cannot parse with 501 and a JSON error, one it can with 404 like any other', async () => {
    for (const method of ['FOO', 'get', 'BREW', 'POST\u0000', 'GET/', '\u0000\u0001\u0002']) {
      const answer = await rawRequest(gateway.url, method, '/complaints');
      expect(answer.status, method).toBe(501);
      expect(expectJsonAnswer(answer, method)).toMatchObject({ error: { code: 'method-not-implemented' } });
    }
    for (const method of ['PROPFIND', 'PURGE', 'OPTIONS', 'PUT', 'DELETE']) {
      const answer = await rawRequest(gateway.url, method, '/complaints');
      expect(answer.status, method).toBe(404);
      expect(expectJsonAnswer(answer, method)).toEqual({ message: 'Not Found' });
    }
    expect(invoked).toEqual([]);
  });

  it('answers a request that is not HTTP, has no Host, or does not name a path, with 400 and a JSON error', async () => {
    const answers = [
      // Bytes beyond ASCII in the request line: Node's parser refuses them (a browser percent-encodes them).
      await rawRequest(gateway.url, 'POST', '/complaints/😀/status', { body: '{}' }),
      await rawRequest(gateway.url, 'GET', '/郭扶'),
      await rawRequest(gateway.url, 'GET', '/a b'),
      await rawBytes(gateway.url, Buffer.from('GET / HTTP/9.9\r\nHost: x\r\n\r\n')),
      await rawRequest(gateway.url, 'POST', '/complaints', {
        headers: { 'Content-Length': 'x' },
        body: '{}',
      }),
      await rawRequest(gateway.url, 'GET', '/ HTTP/1.1 extra'),
      await rawRequest(gateway.url, 'GET', '/status', { host: null }),
      await rawRequest(gateway.url, 'GET', 'http://evil.example/status'),
      await rawRequest(gateway.url, 'OPTIONS', '*'),
    ];
    for (const [i, answer] of answers.entries()) {
      expect(answer.status, `request ${i}`).toBe(400);
      expect(expectJsonAnswer(answer, `request ${i}`)).toMatchObject({
        error: { code: 'malformed-request' },
      });
    }
    expect(invoked).toEqual([]);
  });
});

describe('requestTarget', () => {
  it('keeps the path as sent and removes nothing but one trailing slash from the routed path', () => {
    expect(requestTarget('/')).toEqual({ kind: 'path', path: '/', query: '', routed: '/' });
    expect(requestTarget('/console/?x=1')).toEqual({
      kind: 'path',
      path: '/console/',
      query: 'x=1',
      routed: '/console',
    });
    expect(requestTarget('/a/b%2Fc')).toMatchObject({ routed: '/a/b%2Fc' });
    for (const target of [
      '//',
      '///',
      '//evil.example/complaints',
      '/a//b',
      '/a/./b',
      '/a/../b',
      '/%2E%2e',
      '/a/.',
    ])
      expect(requestTarget(target), target).toEqual({ kind: 'no-route' });
    for (const target of ['', '*', 'http://evil.example/', 'complaints'])
      expect(requestTarget(target), target).toEqual({ kind: 'not-a-path' });
  });
});
