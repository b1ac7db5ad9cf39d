// What a hostile or unlucky caller sends: keys that name prototypes, text no queue would take, and a thousand
// malformed requests per route. Each gets a 4xx in the API's error shape (never a 5xx), nothing is queued or
// written for it, and no input reaches a prototype.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { IntakeMessageSchema } from '../../functions/domain/intake-message.ts';
import { caseReference, deriveReferenceKeys } from '../../functions/domain/reference.ts';
import {
  allItems,
  type EmulatedAws,
  PUBLIC_URL,
  purge,
  queueDepth,
  receiveAll,
  useEmulatedAws,
} from '../support/emulated-aws.ts';
import { httpEvent, jsonPost } from '../support/events.ts';
import { startFunction, type TestFunction } from '../support/functions.ts';

/** Inputs per property; raise it (HOTLINE_PROPERTY_RUNS=20000) for a longer hunt. */
const RUNS = Number(process.env.HOTLINE_PROPERTY_RUNS ?? 1000);

let aws: EmulatedAws;
let intakeFn: TestFunction;
let statusFn: TestFunction;
let pagesFn: TestFunction;
type Answer = { statusCode: number; body: string; headers?: Record<string, string> };

beforeAll(async () => {
  aws = await useEmulatedAws();
  [intakeFn, statusFn, pagesFn] = await Promise.all([
    startFunction('intake-web', aws),
    startFunction('case-status', aws, { environments: 2 }),
    startFunction('web-pages', aws),
  ]);
});
afterAll(async () => {
  await Promise.all([intakeFn.stop(), statusFn.stop(), pagesFn.stop()]);
});

const intake = (event: unknown): Promise<Answer> => intakeFn.invoke(event);
const status = (event: unknown): Promise<Answer> => statusFn.invoke(event);
const pages = (event: unknown): Promise<Answer> => pagesFn.invoke(event);

afterEach(async () => {
  await purge(aws, aws.queues.intake.url);
});

const description = '郭扶镇国土所窗口的人说不给好处费就不给办，已经拖了两个月。';

const formPost = (body: string, headers: Record<string, string> = {}) =>
  httpEvent('POST', '/complaints', {
    body,
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });

const intakeDepth = () => queueDepth(aws, aws.queues.intake.url);

function expectErrorShape(response: { statusCode: number; body: string }): void {
  expect(response.statusCode).toBeGreaterThanOrEqual(400);
  expect(response.statusCode).toBeLessThan(500);
  const { error } = JSON.parse(response.body) as { error: { code: unknown; message: unknown } };
  expect(typeof error.code).toBe('string');
  expect(typeof error.message).toBe('string');
}

describe('keys that name a prototype', () => {
  it.each([
    '__proto__.subjectUnit=district-cdi',
    '__proto__.officialName=%E7%8E%8B',
    '__proto__.contact=1',
    '__proto__=1',
    'constructor.prototype.subjectUnit=district-cdi',
    'contact.__proto__.phone=13800138000',
    'prototype.x=1',
  ])('refuses a form with %s as 400, queues nothing, and the next complaint is untouched', async (pair) => {
    const response = await intake(formPost(`description=${encodeURIComponent(description)}&${pair}`));

    expectErrorShape(response);
    expect(JSON.parse(response.body).error.code).toBe('invalid-request');
    expect(await intakeDepth()).toBe(0);

    // The next, ordinary complaint is untouched by what came before.
    const next = await intake(jsonPost('/complaints', { description }));
    expect(next.statusCode).toBe(202);
    const [body = ''] = await receiveAll(aws, aws.queues.intake.url);
    expect(IntakeMessageSchema.parse(JSON.parse(body)).complaint).toEqual({ description });
  });

  it('refuses the same keys in JSON and in the query string', async () => {
    const json = await intake(
      httpEvent('POST', '/complaints', {
        body: `{"description":"${description}","__proto__":{"subjectUnit":"district-cdi"}}`,
        headers: { 'content-type': 'application/json' },
      }),
    );
    const query = await intake({
      ...jsonPost('/complaints', { description }),
      queryStringParameters: { 'constructor.prototype': 'x' },
    });
    expectErrorShape(json);
    expectErrorShape(query);
    expect(await intakeDepth()).toBe(0);
  });
});

describe('text that some transports refuse', () => {
  it.each([
    ['emoji', `${description} 😡🙏`],
    ['CJK beyond U+20000', `${description} 𠀀𪚥𰻞`],
    ['a flag and a family', `${description} 🇨🇳 👨‍👩‍👧`],
  ])('accepts %s and delivers the words exactly', async (_, text) => {
    const response = await intake(jsonPost('/complaints', { description: text }));
    expect(response.statusCode).toBe(202);
    const [body = ''] = await receiveAll(aws, aws.queues.intake.url);
    expect(body).toMatch(/^[\x20-\x7e]*$/);
    expect(IntakeMessageSchema.parse(JSON.parse(body)).complaint.description).toBe(text);
  });

  it('keeps noncharacters and half an emoji out, as U+FFFD, and still accepts the complaint', async () => {
    const text = `${description}\uFFFE\uFFFF\uFDD0 \uD83D`;
    const response = await intake(jsonPost('/complaints', { description: text }));
    expect(response.statusCode).toBe(202);
    const [body = ''] = await receiveAll(aws, aws.queues.intake.url);
    expect(IntakeMessageSchema.parse(JSON.parse(body)).complaint.description).toBe(
      `${description}\uFFFD\uFFFD\uFFFD \uFFFD`,
    );
  });
});

describe('links in answers', () => {
  it('builds the status link from configuration, never from the Host header', async () => {
    const event = jsonPost(
      '/complaints',
      { description },
      { host: 'evil.example', 'x-forwarded-proto': 'http' },
    );
    const response = await intake({
      ...event,
      requestContext: { ...event.requestContext, domainName: 'evil.example' },
    });
    const { statusUrl } = JSON.parse(response.body) as { statusUrl: string };
    expect(statusUrl.startsWith(`${PUBLIC_URL}/status?reference=`)).toBe(true);
    expect(statusUrl).not.toContain('evil');
  });
});

describe(`a thousand malformed requests per route (${RUNS} each)`, () => {
  const text = fc.oneof(
    fc.string({ maxLength: 40 }),
    fc.string({ unit: 'grapheme', maxLength: 40 }),
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.constantFrom('%', '%zz', '%E4%B8', '\uD800', '\uFFFF', '__proto__', '{}', 'null', '[]'),
  );
  const jsonValue = fc.jsonValue({ maxDepth: 3 });

  it('POST /complaints: never a 5xx; every refusal in the error shape; a refused request queues nothing', async () => {
    const body = fc.oneof(
      jsonValue.map((v) => ({ type: 'application/json', body: JSON.stringify(v) })),
      fc.dictionary(text, fc.oneof(text, jsonValue)).map((v) => ({
        type: 'application/json',
        body: JSON.stringify(v),
      })),
      fc
        .record(
          { description: fc.oneof(text, jsonValue), contact: fc.oneof(jsonValue, text) },
          { requiredKeys: [] },
        )
        .map((v) => ({ type: 'application/json', body: JSON.stringify(v) })),
      text.map((t) => ({ type: 'application/x-www-form-urlencoded', body: t })),
      fc.tuple(text, text).map(([t, b]) => ({ type: t, body: b })),
    );
    let accepted = 0;
    await fc.assert(
      fc.asyncProperty(body, fc.option(text), async (request, key) => {
        const headers: Record<string, string> = { 'content-type': request.type };
        if (key !== null) headers['idempotency-key'] = key;
        const response = await intake(httpEvent('POST', '/complaints', { body: request.body, headers }));
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode === 202) accepted++;
        else expectErrorShape(response);
      }),
      { numRuns: RUNS },
    );
    expect(await intakeDepth()).toBe(accepted);
  });

  it('POST /complaints/{reference}/status: never a 5xx, the error shape, and nothing written', async () => {
    const before = await allItems(aws);
    const reference = fc.oneof(
      text,
      fc.constant(caseReference('web', 'some-key-0123456789', deriveReferenceKeys(aws.masterKey))),
    );
    const body = fc.oneof(
      jsonValue.map((v) => JSON.stringify(v)),
      fc.record({ receiptCode: fc.oneof(text, jsonValue) }).map((v) => JSON.stringify(v)),
      text,
    );
    await fc.assert(
      fc.asyncProperty(reference, body, async (ref, payload) => {
        const event = httpEvent('POST', `/complaints/${ref}/status`, {
          body: payload,
          headers: { 'content-type': 'application/json' },
          pathParameters: { reference: ref },
        });
        const response = await status(event);
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode !== 200) expectErrorShape(response);
      }),
      { numRuns: RUNS },
    );
    expect(await allItems(aws)).toEqual(before);
  });

  it('GET /assets/{file} and the pages: never a 5xx, a JSON 404 for what is not there', async () => {
    await fc.assert(
      fc.asyncProperty(text, fc.constantFrom('GET', 'HEAD'), async (file, method) => {
        const response = await pages(httpEvent(method, `/assets/${file}`, { pathParameters: { file } }));
        expect(response.statusCode).toBeLessThan(500);
        if (response.statusCode !== 200) expectErrorShape(response);
      }),
      { numRuns: RUNS },
    );
  });
});
