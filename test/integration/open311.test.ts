// Open311 GeoReport v2 through the real handlers, as a civic-reporting client uses it (form-encoded posts):
// services → service definition → post → get by id → list. Never the text, never the reporter, never another
// channel's case.

import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openContact } from '#adapters/contact-sealer.ts';
import { IntakeMessageSchema } from '#domain/intake-message.ts';
import {
  allItems,
  caseItem,
  type EmulatedAws,
  purge,
  queueDepth,
  receiveAll,
  useEmulatedAws,
} from '../support/emulated-aws.ts';
import { httpEvent, jsonPost, sqsEvent } from '../support/events.ts';
import { startFunction, TEST_CHANNEL_SECRETS, type TestFunction } from '../support/functions.ts';
import { answer, drainIntoCases } from './webhook-support.ts';

const RUNS = Number(process.env.HOTLINE_PROPERTY_RUNS ?? 1000);
const API_KEY = TEST_CHANNEL_SECRETS['open311-api-keys'];

let aws: EmulatedAws;
let services: TestFunction;
let intake: TestFunction;
let requests: TestFunction;
let web: TestFunction;
let worker: TestFunction;

const get = (path: string, options: { query?: string; file?: string } = {}): APIGatewayProxyEventV2 => {
  const event = httpEvent(
    'GET',
    path,
    options.file === undefined ? {} : { pathParameters: { file: options.file } },
  );
  if (options.query === undefined) return event;
  // Without a prototype, as the gateway builds it: `__proto__` stays a key.
  const query = Object.create(null) as Record<string, string>;
  for (const [k, v] of new URLSearchParams(options.query))
    query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
  return { ...event, rawQueryString: options.query, queryStringParameters: query };
};
const postForm = (fields: Record<string, string> | string, headers: Record<string, string> = {}) =>
  httpEvent('POST', '/open311/v2/requests.json', {
    body: typeof fields === 'string' ? fields : new URLSearchParams(fields).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
  });

const request = {
  api_key: API_KEY,
  service_code: 'solicitation',
  description: '不动产登记中心窗口的工作人员暗示要给好处费，否则材料一直不合格。',
  lat: '29.2901',
  long: '106.2615',
  email: 'li.na@example.org',
  phone: '+86 139 0000 1111',
  first_name: '李',
  last_name: '娜',
  'attribute[subject_unit]': '区不动产登记中心',
  'attribute[amount_demanded]': '500元',
  device_id: 'device-123',
};

beforeAll(async () => {
  aws = await useEmulatedAws();
  [services, intake, requests, web, worker] = await Promise.all([
    startFunction('open311-services', aws),
    startFunction('open311-intake', aws, { logLevel: 'DEBUG', environments: 2 }),
    startFunction('open311-requests', aws),
    startFunction('intake-web', aws),
    startFunction('intake-worker', aws),
  ]);
});
afterAll(async () => {
  await Promise.all([services, intake, requests, web, worker].map((f) => f.stop()));
});

describe('an Open311 client’s walk', () => {
  it('services → definition → post → get by id → list, with public fields only', async () => {
    const list = await answer(services, get('/open311/v2/services.json'));
    expect(list.statusCode).toBe(200);
    expect(list.json.map((s: { service_code: string }) => s.service_code)).toEqual([
      'solicitation',
      'misconduct',
      'obstruction',
      'attitude',
      'other',
    ]);
    for (const service of list.json)
      expect(service).toMatchObject({ metadata: true, type: 'realtime', service_name: expect.any(String) });

    const definition = await answer(
      services,
      get('/open311/v2/services/solicitation.json', { file: 'solicitation.json' }),
    );
    expect(definition.json.service_code).toBe('solicitation');
    expect(definition.json.attributes.map((a: { code: string }) => a.code)).toEqual([
      'subject_unit',
      'official_name',
      'incident_date',
      'amount_demanded',
    ]);
    expect(
      definition.json.attributes.every(
        (a: { variable: boolean; required: boolean }) => a.variable && !a.required,
      ),
    ).toBe(true);

    const posted = await answer(intake, postForm(request));
    expect(posted.statusCode).toBe(202);
    expect(posted.json).toEqual([
      { service_request_id: expect.stringMatching(/^HLO-/), service_notice: expect.any(String) },
    ]);
    const id = posted.json[0].service_request_id;

    // Queued, not yet a case: the client already holds the id, so it reads as open.
    const pending = await answer(requests, get(`/open311/v2/requests/${id}.json`, { file: `${id}.json` }));
    expect(pending.json).toEqual([
      {
        service_request_id: id,
        status: 'open',
        status_notes: 'received',
        requested_datetime: expect.any(String),
      },
    ]);

    const [raw] = await receiveAll(aws, aws.queues.intake.url);
    const message = IntakeMessageSchema.parse(JSON.parse(raw ?? ''));
    expect(message).toMatchObject({
      reference: id,
      channel: 'open311',
      anonymous: false,
      complaint: {
        description: request.description,
        location: '29.2901,106.2615',
        subjectUnit: '区不动产登记中心',
        amountDemanded: '500元',
      },
    });
    expect(raw).not.toMatch(/li\.na|139 0000|device-123/);
    expect(openContact(message.sealedContact ?? '', id, aws.masterKey)).toEqual({
      name: '李 娜',
      phone: '+8613900001111',
      email: 'li.na@example.org',
    });
    await purge(aws, aws.queues.intake.url);
    await worker.invoke(sqsEvent([raw ?? '']));

    const byId = await answer(requests, get(`/open311/v2/requests/${id}.json`, { file: `${id}.json` }));
    expect(byId.statusCode).toBe(200);
    const [shown] = byId.json;
    expect(shown).toMatchObject({
      service_request_id: id,
      status: 'open',
      status_notes: 'assigned',
      service_code: expect.any(String),
      service_name: expect.any(String),
      agency_responsible: expect.any(String),
      requested_datetime: message.receivedAt,
      updated_datetime: expect.any(String),
    });
    const stored = await caseItem(aws, id);
    expect(shown.expected_datetime).toBe(stored?.verificationDueAt);
    // Never the complaint, never the reporter.
    const text = JSON.stringify(byId.json);
    expect(text).not.toMatch(/好处费|李|娜|li\.na|139|29\.29|description|email|phone|first_name|address|lat/);
    expect(Object.keys(shown).sort()).toEqual(
      [
        'agency_responsible',
        'expected_datetime',
        'requested_datetime',
        'service_code',
        'service_name',
        'service_request_id',
        'status',
        'status_notes',
        'updated_datetime',
      ].sort(),
    );

    const listed = await answer(requests, get('/open311/v2/requests.json'));
    expect(listed.statusCode).toBe(200);
    expect(listed.json.map((r: { service_request_id: string }) => r.service_request_id)).toContain(id);
    expect(JSON.stringify(listed.json)).not.toMatch(/好处费|li\.na|139/);
  });
});

describe('listing', () => {
  it('lists only Open311 cases, newest first, by the spec’s filters, from the byChannel index', async () => {
    const webAnswer = await answer(
      web,
      jsonPost('/complaints', { description: '窗口人员上班时间玩手机，不理睬办事群众。' }),
    );
    const ids: string[] = [];
    for (const [code, description] of [
      ['attitude', '窗口工作人员态度恶劣，对老人大声呵斥，还让我们滚出去。'],
      ['obstruction', '申请材料齐全，但窗口拖了两个月一直说系统有问题，不予办理。'],
    ] as const) {
      const posted = await answer(
        intake,
        postForm({ api_key: API_KEY, service_code: code, description, address_string: '区政务服务中心' }),
      );
      ids.push(posted.json[0].service_request_id);
    }
    await drainIntoCases(aws, worker);
    const all = await answer(requests, get('/open311/v2/requests.json'));
    const listedIds: string[] = all.json.map((r: { service_request_id: string }) => r.service_request_id);
    expect(listedIds).toEqual(expect.arrayContaining(ids));
    expect(listedIds).not.toContain(webAnswer.json.reference);
    const times = all.json.map((r: { requested_datetime: string }) => r.requested_datetime);
    expect([...times].sort().reverse()).toEqual(times);

    // A web case is not an Open311 request, by id either.
    const other = await answer(requests, get('/x', { file: `${webAnswer.json.reference}.json` }));
    expect(other.statusCode).toBe(404);
    expect(other.json).toEqual([{ code: 404, description: expect.any(String) }]);

    const byIds = await answer(
      requests,
      get('/x', {
        query: `service_request_id=${ids.join(',')},${webAnswer.json.reference.replace('HLW', 'HLO')}`,
      }),
    );
    expect(byIds.json.map((r: { service_request_id: string }) => r.service_request_id).sort()).toEqual(
      [...ids].sort(),
    );

    const categories = all.json.map((r: { service_code: string }) => r.service_code);
    const some = categories[0];
    const filtered = await answer(requests, get('/x', { query: `service_code=${some}&status=open` }));
    expect(filtered.json.length).toBeGreaterThan(0);
    expect(
      filtered.json.every(
        (r: { service_code: string; status: string }) => r.service_code === some && r.status === 'open',
      ),
    ).toBe(true);
    expect((await answer(requests, get('/x', { query: 'status=closed' }))).json).toEqual([]);
    expect((await answer(requests, get('/x', { query: 'end_date=2020-01-01T00:00:00Z' }))).json).toEqual([]);
    const window = await answer(
      requests,
      get('/x', {
        query: `start_date=${encodeURIComponent(new Date(Date.now() - 3_600_000).toISOString())}&end_date=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`,
      }),
    );
    expect(window.json.map((r: { service_request_id: string }) => r.service_request_id)).toEqual(
      expect.arrayContaining(ids),
    );
  });
});

describe('refusals in the spec’s error shape', () => {
  it('403 without or with a wrong api_key, 404 for an unknown id or service, 400 otherwise; nothing queued', async () => {
    await purge(aws, aws.queues.intake.url);
    const { api_key: _, ...keyless } = request;
    const cases: [APIGatewayProxyEventV2, TestFunction, number][] = [
      [postForm(keyless), intake, 403],
      [postForm({ ...request, api_key: 'wrong' }), intake, 403],
      [postForm({ ...request, service_code: 'bribery' }), intake, 400],
      [postForm({ ...request, lat: '91' }), intake, 400],
      [postForm({ ...request, lat: '29.1', long: '' }), intake, 400],
      [
        postForm({ api_key: API_KEY, service_code: 'other', description: '没有给出地点的一个投诉内容。' }),
        intake,
        400,
      ],
      [postForm({ ...request, description: '短' }), intake, 400],
      [postForm({ ...request, surprise: 'x' }), intake, 400],
      [postForm({ ...request, phone: '12345678901' }), intake, 400],
      [postForm({ ...request, phone: '+1 202 555 0143' }), intake, 400],
      [postForm(`${new URLSearchParams(request)}&attribute[__proto__]=x`), intake, 400],
      [postForm({ ...request, 'attribute[subject_unit]': 'x'.repeat(70_000) }), intake, 413],
      [
        httpEvent('POST', '/open311/v2/requests.json', {
          body: 'not a form',
          headers: { 'content-type': 'text/plain' },
        }),
        intake,
        415,
      ],
      [get('/x', { file: 'HLO-00000-00000.json' }), requests, 404],
      [get('/x', { file: 'HLO-00000-00000.xml' }), requests, 400],
      [get('/x', { query: 'status=pending' }), requests, 400],
      [get('/x', { query: 'start_date=yesterday' }), requests, 400],
      [get('/x', { query: 'start_date=2026-11-28T00:00:00Z&end_date=2026-11-01T00:00:00Z' }), requests, 400],
      [get('/x', { query: '__proto__=1' }), requests, 400],
      [get('/x', { file: 'bribery.json' }), services, 404],
      [get('/x', { file: '%.json' }), services, 400],
    ];
    for (const [event, fn, status] of cases) {
      const response = await answer(fn, event);
      expect(
        response.statusCode,
        `${event.body ?? ''} ${JSON.stringify(event.pathParameters ?? event.queryStringParameters)}`.slice(
          0,
          200,
        ),
      ).toBe(status);
      expect(response.json.length).toBeGreaterThan(0);
      for (const error of response.json)
        expect(error).toEqual({ code: status, description: expect.any(String) });
    }
    expect(await queueDepth(aws, aws.queues.intake.url)).toBe(0);
  });

  it('keeps the reporter and the text out of its logs', () => {
    expect(intake.logs.join('\n')).not.toMatch(/li\.na|139 0000|好处费|李/);
  });

  it(`answers ${RUNS} malformed posts and ${RUNS} malformed queries with a 4xx list of {code, description}; nothing queued or written`, async () => {
    await purge(aws, aws.queues.intake.url);
    const before = (await allItems(aws)).length;
    const key = fc.constantFrom(
      'service_code',
      'description',
      'lat',
      'long',
      'address_string',
      'email',
      'phone',
      'first_name',
      'attribute[incident_date]',
      'attribute[official_name]',
      'jurisdiction_id',
      'extra',
      '__proto__',
      'attribute[constructor]',
    );
    const body = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.array(fc.tuple(key, fc.string({ maxLength: 12 })), { maxLength: 8 }).map((pairs) => {
        const form = new URLSearchParams({ api_key: API_KEY });
        for (const [k, v] of pairs) form.append(k, v);
        return form.toString();
      }),
    );
    await fc.assert(
      fc.asyncProperty(
        body,
        fc.constantFrom('application/x-www-form-urlencoded', 'application/json', 'text/plain'),
        async (b, type) => {
          const response = await answer(
            intake,
            httpEvent('POST', '/open311/v2/requests.json', { body: b, headers: { 'content-type': type } }),
          );
          expect(response.statusCode, b).toBeGreaterThanOrEqual(400);
          expect(response.statusCode).toBeLessThan(500);
          expect(response.json.length).toBeGreaterThan(0);
          for (const error of response.json)
            expect(error).toEqual({ code: response.statusCode, description: expect.any(String) });
        },
      ),
      { numRuns: RUNS },
    );
    const queryKey = fc.constantFrom(
      'service_request_id',
      'service_code',
      'start_date',
      'end_date',
      'status',
      'other',
      'constructor',
    );
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(queryKey, fc.string({ maxLength: 24 })), { minLength: 1, maxLength: 4 }),
        fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
        async (pairs, file) => {
          // A valid query is possible by chance (status=open): only the malformed ones are asserted on.
          const query = new URLSearchParams(pairs).toString();
          const response = await answer(
            requests,
            get('/x', file === undefined ? { query } : { file: `${file}.xml`, query }),
          );
          expect(response.statusCode).toBeLessThan(500);
          if (response.statusCode >= 400) {
            expect(response.json.length).toBeGreaterThan(0);
            for (const error of response.json)
              expect(error).toEqual({ code: response.statusCode, description: expect.any(String) });
          } else {
            expect(Array.isArray(response.json)).toBe(true);
          }
        },
      ),
      { numRuns: RUNS },
    );
    expect(await queueDepth(aws, aws.queues.intake.url)).toBe(0);
    expect((await allItems(aws)).length).toBe(before);
  }, 300_000);
});
