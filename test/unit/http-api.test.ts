// The middleware every HTTP route shares: whatever goes wrong, the client gets the intended JSON answer,
// never a bodiless 500, and Powertools still sees the invocation.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { HSTS, httpApi, isCrossSite } from '../../functions/http/api.ts';
import { HttpError, json } from '../../functions/http/responses.ts';
import { contextFor, httpEvent, jsonPost } from '../support/events.ts';

afterEach(() => {
  vi.restoreAllMocks();
});

const invoke = (handler: ReturnType<typeof httpApi>, event = jsonPost('/x', { a: 1 })) =>
  handler(event, contextFor('intake-web'));

describe('httpApi', () => {
  it('passes a parsed JSON body to the handler and returns its answer', async () => {
    const handler = httpApi(async (event) => json(200, { echoed: event.body }));
    const response = await invoke(handler);
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body as string)).toEqual({ echoed: { a: 1 } });
  });

  it('turns a validation error into a 400 naming each field', async () => {
    const handler = httpApi(async (event) => {
      z.strictObject({ name: z.string(), age: z.number() }).parse(event.body);
      return json(200, {});
    });
    const response = await invoke(handler, jsonPost('/x', { age: 'x' }));
    expect(response.statusCode).toBe(400);
    expect(JSON.parse(response.body as string).error.fields).toHaveProperty('name');
    expect(JSON.parse(response.body as string).error.fields).toHaveProperty('age');
  });

  it('keeps the status, code and headers of an intended refusal', async () => {
    const handler = httpApi(async () => {
      throw new HttpError(429, 'slow-down', 'wait', { headers: { 'retry-after': '7' } });
    });
    const response = await invoke(handler);
    expect(response.statusCode).toBe(429);
    expect(response.headers?.['retry-after']).toBe('7');
    expect(JSON.parse(response.body as string)).toEqual({ error: { code: 'slow-down', message: 'wait' } });
  });

  it('answers an unexpected fault with a JSON 500 and logs its name, not the request', async () => {
    const logged: string[] = [];
    for (const stream of [process.stdout, process.stderr]) {
      vi.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
        logged.push(String(chunk));
        return true;
      });
    }
    const handler = httpApi(async () => {
      throw new TypeError('cannot read the queue');
    });
    const response = await invoke(handler, jsonPost('/x', { description: '红包两千元 secret text' }));

    expect(response.statusCode).toBe(500);
    expect(response.headers?.['content-type']).toContain('application/json');
    expect(JSON.parse(response.body as string).error.code).toBe('internal');
    expect(logged.join('')).toContain('TypeError');
    expect(logged.join('')).not.toContain('secret text');
  });

  it('answers an empty or missing body as the handler sees fit, and refuses unparseable ones', async () => {
    const handler = httpApi(async (event) => json(200, { body: event.body ?? null }));
    expect((await invoke(handler, httpEvent('POST', '/x'))).statusCode).toBe(200);
    // A GET that names a content type but sends no body (as some HTTP libraries do) is not a malformed body.
    const get = await invoke(
      handler,
      httpEvent('GET', '/x', { headers: { 'content-type': 'application/json' } }),
    );
    expect(get.statusCode).toBe(200);
    const bad = await invoke(
      handler,
      httpEvent('POST', '/x', { body: '{', headers: { 'content-type': 'application/json' } }),
    );
    expect(bad.statusCode).toBe(400);
  });
});

describe('cross-site requests', () => {
  const handler = () => {
    const calls: unknown[] = [];
    const wrapped = httpApi(async (event) => {
      calls.push(event.body);
      return json(202, { ok: true });
    });
    return { calls, wrapped };
  };
  const form = (headers: Record<string, string>, method = 'POST') =>
    httpEvent(method, '/complaints', {
      body: 'description=%E6%9C%89%E4%BA%BA%E7%B4%A2%E8%A6%81%E7%BA%A2%E5%8C%85%E4%B8%A4%E5%8D%83%E5%85%83',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    });

  it('refuses a state-changing request a browser says comes from another site, with a JSON 403, before the handler', async () => {
    for (const headers of [
      { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'Cross-Site ' },
      // A value browsers may add one day is not taken for the site's own.
      { 'sec-fetch-site': 'same-planet' },
      // Browsers without Fetch Metadata: the Origin names another host, or no host at all.
      { origin: 'https://evil.example' },
      { origin: 'https://hotline.example.evil.example' },
      { origin: 'http://hotline.example:8443' },
      { origin: 'null' },
      { origin: 'not a url' },
    ] as Record<string, string>[]) {
      for (const method of ['POST', 'PUT', 'PATCH', 'DELETE']) {
        const { calls, wrapped } = handler();
        const response = await invoke(wrapped, form(headers, method));
        const label = `${method} ${JSON.stringify(headers)}`;
        expect(response.statusCode, label).toBe(403);
        expect(response.headers?.['content-type'], label).toContain('application/json');
        expect(JSON.parse(response.body as string).error.code, label).toBe('cross-site-request');
        expect(calls, label).toEqual([]);
      }
    }
  });

  it('lets through the site itself, a sibling host, a typed address, and clients that are not browsers', async () => {
    for (const headers of [
      { 'sec-fetch-site': 'same-origin', origin: 'https://hotline.example' },
      { 'sec-fetch-site': 'same-site', origin: 'https://www.hotline.example' },
      { 'sec-fetch-site': 'none' },
      { origin: 'https://hotline.example' },
      { origin: 'https://HOTLINE.example:443' },
      // curl, Twilio, call-centre software, Open311 apps: neither header.
      {},
      { 'user-agent': 'TwilioProxy/1.1' },
    ] as Record<string, string>[]) {
      const { calls, wrapped } = handler();
      const response = await invoke(wrapped, form(headers));
      expect(response.statusCode, JSON.stringify(headers)).toBe(202);
      expect(calls).toHaveLength(1);
    }
  });

  it('does not refuse reads: a link or an image on another site may GET a page', async () => {
    for (const method of ['GET', 'HEAD', 'OPTIONS']) {
      const { wrapped } = handler();
      const response = await invoke(
        wrapped,
        httpEvent(method, '/', { headers: { 'sec-fetch-site': 'cross-site' } }),
      );
      expect(response.statusCode, method).toBe(202);
    }
  });

  it('decides from the headers alone', () => {
    expect(isCrossSite({})).toBe(false);
    expect(isCrossSite({ host: 'hotline.example', origin: 'https://hotline.example' })).toBe(false);
    expect(isCrossSite({ origin: 'https://hotline.example' })).toBe(true);
    expect(isCrossSite({ 'sec-fetch-site': 'same-origin', origin: 'https://evil.example' })).toBe(false);
  });
});

describe('Strict-Transport-Security', () => {
  it('is on every answer served over HTTPS, refusals and faults included', async () => {
    const answers = [
      await invoke(httpApi(async () => json(200, {}, { 'x-own': '1' }))),
      await invoke(httpApi(async () => ({ statusCode: 200, body: 'page' }))),
      await invoke(
        httpApi(async () => {
          throw new HttpError(404, 'not-found', 'none');
        }),
      ),
      await invoke(
        httpApi(async () => json(200, {})),
        jsonPost('/x', {}, { 'sec-fetch-site': 'cross-site' }),
      ),
    ];
    for (const answer of answers) expect(answer.headers?.['strict-transport-security']).toBe(HSTS);
    expect(answers[0]?.headers?.['x-own']).toBe('1');
    expect(HSTS).toMatch(/^max-age=(\d+)$/);
    expect(Number(HSTS.slice('max-age='.length))).toBeGreaterThanOrEqual(31_536_000);
  });

  it('is not sent over plain HTTP (this machine), where a browser would ignore it anyway', async () => {
    const answer = await invoke(
      httpApi(async () => json(200, {})),
      jsonPost('/x', {}, { 'x-forwarded-proto': 'http' }),
    );
    expect(answer.statusCode).toBe(200);
    expect(answer.headers?.['strict-transport-security']).toBeUndefined();
  });
});
