// The middleware every HTTP route shares: whatever goes wrong, the client gets the intended JSON answer,
// never a bodiless 500, and Powertools still sees the invocation.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { httpApi } from '../../functions/http/api.ts';
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
