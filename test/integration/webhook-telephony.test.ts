// POST /webhooks/telephony through the real handler: Standard Webhooks signatures made by the `standardwebhooks`
// package as a sender makes them, replays, the caller's number sealed, and a thousand malformed bodies.
import { GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { Webhook } from 'standardwebhooks';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openContact } from '#adapters/contact-sealer.ts';
import { IntakeMessageSchema } from '#domain/intake-message.ts';
import { deriveReferenceKeys, receiptMatches } from '#domain/reference.ts';
import {
  allItems,
  type EmulatedAws,
  purge,
  queueDepth,
  receiveAll,
  useEmulatedAws,
} from '../support/emulated-aws.ts';
import { startFunction, TEST_CHANNEL_SECRETS, type TestFunction } from '../support/functions.ts';
import { type Answer, answer, cases, drainIntoCases, signedCall } from './webhook-support.ts';

const RUNS = Number(process.env.HOTLINE_PROPERTY_RUNS ?? 1000);

let aws: EmulatedAws;
let webhook: TestFunction;
let worker: TestFunction;

const call = (overrides: Record<string, unknown> = {}) => ({
  callId: `call-${Math.random().toString(36).slice(2)}`,
  line: 'reporting-line',
  operatorId: 'op-17',
  startedAt: '2026-11-28T09:12:00+08:00',
  durationSeconds: 312,
  callerNumber: '+86 138 0013 8000',
  anonymous: true,
  language: 'zh-CN',
  summary: '来电人反映郭扶镇国土所窗口工作人员索要两千元好处费才给办土地证。',
  transcript: '喂，我要举报，国土所的人说要给两千块钱才办证……',
  recordingUrl: 'https://recordings.example/calls/1.wav',
  subjectUnit: '郭扶国土所',
  amountDemanded: '2000元',
  ...overrides,
});

beforeAll(async () => {
  aws = await useEmulatedAws();
  [webhook, worker] = await Promise.all([
    // Every log line is kept and looked at: no number may appear even at DEBUG.
    startFunction('webhook-telephony', aws, { logLevel: 'DEBUG', environments: 4 }),
    startFunction('intake-worker', aws),
  ]);
});
afterAll(async () => {
  await Promise.all([webhook.stop(), worker.stop()]);
});
afterEach(async () => {
  await purge(aws, aws.queues.intake.url);
});

describe('signatures made by the standardwebhooks package', () => {
  it('accepts a validly signed call: 202 with reference and receipt code, queued as a hotline complaint', async () => {
    const body = call();
    const response = await answer(webhook, signedCall(JSON.stringify(body)));

    expect(response.statusCode).toBe(202);
    expect(response.json.reference).toMatch(/^HLH-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(
      receiptMatches(response.json.reference, response.json.receiptCode, deriveReferenceKeys(aws.masterKey)),
    ).toBe(true);
    const [raw] = await receiveAll(aws, aws.queues.intake.url);
    const message = IntakeMessageSchema.parse(JSON.parse(raw ?? ''));
    expect(message).toMatchObject({
      reference: response.json.reference,
      channel: 'hotline',
      anonymous: true,
      complaint: { description: body.summary, subjectUnit: '郭扶国土所', amountDemanded: '2000元' },
      call: {
        platform: 'webhook',
        callId: body.callId,
        line: 'reporting-line',
        operatorId: 'op-17',
        durationSeconds: 312,
        recordingUrl: body.recordingUrl,
        transcript: body.transcript,
      },
    });
    // No call back was asked for: the caller's number is not kept, in clear or sealed.
    expect(raw).not.toContain('138');
    for (const field of ['sealedContact', 'sealedCallerNumber', 'callbackRequested'])
      expect(message).not.toHaveProperty(field);
  });

  it('refuses a wrong key, an altered body, a stale and a future timestamp with 401, queueing nothing', async () => {
    const body = JSON.stringify(call());
    const wrongKey = `whsec_${Buffer.from('another-sender-entirely-0123456789').toString('base64')}`;
    const altered = signedCall(body);
    altered.body = body.replace('两千', '三千');
    const cases_ = {
      'wrong key': signedCall(body, { secret: wrongKey }),
      'altered body': altered,
      stale: signedCall(body, { at: new Date(Date.now() - 6 * 60_000) }),
      future: signedCall(body, { at: new Date(Date.now() + 6 * 60_000) }),
      unsigned: { ...signedCall(body), headers: { 'content-type': 'application/json' } },
      'signature of another id': signedCall(body, {
        signature: () =>
          new Webhook(TEST_CHANNEL_SECRETS['webhook-signing']).sign('msg_other', new Date(), body),
      }),
    };
    for (const [name, event] of Object.entries(cases_)) {
      const response = await answer(webhook, event);
      expect(response.statusCode, name).toBe(401);
      expect(response.json.error.code, name).toMatch(
        /^(invalid-signature|stale-timestamp|missing-signature)$/,
      );
    }
    expect((await answer(webhook, cases_.stale)).json.error.code).toBe('stale-timestamp');
    expect((await answer(webhook, cases_.future)).json.error.code).toBe('stale-timestamp');
    // Four minutes off either way is within the tolerance.
    expect(
      (await answer(webhook, signedCall(JSON.stringify(call()), { at: new Date(Date.now() - 4 * 60_000) })))
        .statusCode,
    ).toBe(202);
    expect(
      (await answer(webhook, signedCall(JSON.stringify(call()), { at: new Date(Date.now() + 4 * 60_000) })))
        .statusCode,
    ).toBe(202);
    expect(await queueDepth(aws, aws.queues.intake.url)).toBe(2);
  });

  it('rotates secrets: with two configured, a call signed by either passes; one signed by neither does not', async () => {
    const next = `whsec_${Buffer.from('the-next-signing-secret-after-rotation').toString('base64')}`;
    const rotating = await startFunction('webhook-telephony', aws, {
      secrets: { 'webhook-signing': `${TEST_CHANNEL_SECRETS['webhook-signing']} ${next}` },
    });
    try {
      expect((await answer(rotating, signedCall(JSON.stringify(call())))).statusCode).toBe(202);
      expect((await answer(rotating, signedCall(JSON.stringify(call()), { secret: next }))).statusCode).toBe(
        202,
      );
      const stranger = `whsec_${Buffer.from('not-configured-anywhere-at-all!!').toString('base64')}`;
      expect(
        (await answer(rotating, signedCall(JSON.stringify(call()), { secret: stranger }))).statusCode,
      ).toBe(401);
      // A sender in the middle of its own rotation sends both signatures; one match is enough.
      const body = JSON.stringify(call());
      const both = signedCall(body, {
        secret: stranger,
        signature: (signed) =>
          `${signed} ${new Webhook(next).sign('unused', new Date(), body).replace(/^v1,.*/, 'v1,AAAA')}`,
      });
      expect((await answer(rotating, both)).statusCode).toBe(401);
      const id = 'msg_rotation_both';
      const at = new Date();
      const bothValid = signedCall(body, {
        id,
        at,
        secret: stranger,
        signature: (signed) => `${signed} ${new Webhook(next).sign(id, at, body)}`,
      });
      expect((await answer(rotating, bothValid)).statusCode).toBe(202);
    } finally {
      await rotating.stop();
    }
  });
});

describe('replays', () => {
  it('the same call five times in a row: one 202, then 200 with the same reference, one message, one case', async () => {
    const body = JSON.stringify(call());
    const answers: Answer[] = [];
    for (let i = 0; i < 5; i++) answers.push(await answer(webhook, signedCall(body)));
    expect(answers.map((a) => a.statusCode)).toEqual([202, 200, 200, 200, 200]);
    expect(new Set(answers.map((a) => a.json.reference)).size).toBe(1);
    expect(new Set(answers.map((a) => a.json.receiptCode)).size).toBe(1);
    expect(await drainIntoCases(aws, worker)).toBe(1);
    expect((await cases(aws)).filter((c) => c.reference === answers[0]?.json.reference)).toHaveLength(1);
  });

  it('the same webhook-id replayed answers as before, even with another body signed under it', async () => {
    const id = `msg_${Math.random()}`;
    const first = await answer(webhook, signedCall(JSON.stringify(call()), { id }));
    const replay = await answer(webhook, signedCall(JSON.stringify(call()), { id }));
    expect(first.statusCode).toBe(202);
    expect(replay.statusCode).toBe(200);
    expect(replay.json.reference).toBe(first.json.reference);
    expect(await queueDepth(aws, aws.queues.intake.url)).toBe(1);
  });

  it('the same call five times at once: one message is queued, every answer carries the same reference, one case', async () => {
    const body = JSON.stringify(call());
    const answers = await Promise.all(Array.from({ length: 5 }, () => answer(webhook, signedCall(body))));
    const statuses = answers.map((a) => a.statusCode).sort();
    expect(statuses.filter((s) => s === 202)).toHaveLength(1);
    // The others were answered from the register (200) or told to retry while the first was queueing (409).
    expect(statuses.every((s) => [200, 202, 409].includes(s))).toBe(true);
    const reference = answers.find((a) => a.statusCode === 202)?.json.reference;
    for (const a of answers.filter((a) => a.statusCode === 200)) expect(a.json.reference).toBe(reference);
    expect(await drainIntoCases(aws, worker)).toBe(1);
    const [created] = (await cases(aws)).filter((c) => c.reference === reference);
    expect(created).toMatchObject({ channel: 'hotline', status: 'triaged', call: { platform: 'webhook' } });
    // The retry after the 409 gets the first answer.
    expect((await answer(webhook, signedCall(body))).json.reference).toBe(reference);
  });

  it('the same callId with other content is another complaint: it never reveals the first one’s receipt code', async () => {
    const first = call();
    const a = await answer(webhook, signedCall(JSON.stringify(first)));
    const b = await answer(
      webhook,
      signedCall(JSON.stringify({ ...first, summary: `${first.summary}补充：还有第二次。` })),
    );
    expect(a.statusCode).toBe(202);
    expect(b.statusCode).toBe(202);
    expect(b.json.reference).not.toBe(a.json.reference);
  });
});

describe('faults', () => {
  const register = (reference: string) => ({ pk: `DELIVERY#${reference}`, sk: 'DELIVERY' });
  async function setDelivery(reference: string, fields: Record<string, unknown>) {
    const { Item } = await aws.dynamo.send(
      new GetItemCommand({
        TableName: aws.tableName,
        Key: marshall(register(reference)),
        ConsistentRead: true,
      }),
    );
    expect(Item).toBeDefined();
    await aws.dynamo.send(
      new PutItemCommand({
        TableName: aws.tableName,
        Item: marshall({ ...unmarshall(Item ?? {}), ...fields }),
      }),
    );
  }

  it('a queue that fails gives the claim up: the 500 is retried and queued, never answered from memory', async () => {
    // An SQS endpoint where nothing listens: the message cannot be queued.
    const broken = await startFunction('webhook-telephony', aws, {
      endpoints: { SQS: 'http://127.0.0.1:9' },
      settings: { AWS_MAX_ATTEMPTS: '1' },
    });
    try {
      const body = JSON.stringify(call());
      const failed = await answer(broken, signedCall(body));
      expect(failed.statusCode).toBe(500);
      expect(failed.json.error.code).toBe('internal');
      const retried = await answer(webhook, signedCall(body));
      expect(retried.statusCode).toBe(202);
      expect(await queueDepth(aws, aws.queues.intake.url)).toBe(1);
    } finally {
      await broken.stop();
    }
  });

  it('a claim abandoned by a function that died is taken over; a fresh one is left to its owner', async () => {
    const body = JSON.stringify(call());
    const first = await answer(webhook, signedCall(body));
    const reference = first.json.reference;
    await purge(aws, aws.queues.intake.url);

    await setDelivery(reference, { state: 'claimed', claimedAt: new Date(Date.now() - 2_000).toISOString() });
    expect((await answer(webhook, signedCall(body))).statusCode).toBe(409);
    expect(await queueDepth(aws, aws.queues.intake.url)).toBe(0);

    await setDelivery(reference, {
      state: 'claimed',
      claimedAt: new Date(Date.now() - 60_000).toISOString(),
    });
    const takenOver = await answer(webhook, signedCall(body));
    expect(takenOver.statusCode).toBe(202);
    expect(takenOver.json.reference).toBe(reference);
    expect(await queueDepth(aws, aws.queues.intake.url)).toBe(1);
  });

  it('after ten minutes a delivery is new again: queued once more, the same reference, still one case', async () => {
    const body = JSON.stringify(call());
    const first = await answer(webhook, signedCall(body));
    // Expired but not yet deleted (DynamoDB removes expired items lazily).
    await setDelivery(first.json.reference, { expiresAt: Math.floor(Date.now() / 1000) - 1 });
    const late = await answer(webhook, signedCall(body));
    expect(late.statusCode).toBe(202);
    expect(late.json.reference).toBe(first.json.reference);
    expect(await drainIntoCases(aws, worker)).toBe(2);
    expect((await cases(aws)).filter((c) => c.reference === first.json.reference)).toHaveLength(1);
  });
});

describe('limits and refusals', () => {
  it('answers 413 for a body over 64 KB, signed or not, and queues nothing', async () => {
    const body = JSON.stringify(call({ summary: '索'.repeat(30_000) }));
    expect(Buffer.byteLength(body)).toBeGreaterThan(64 * 1024);
    const response = await answer(webhook, signedCall(body));
    expect(response.statusCode).toBe(413);
    expect(response.json.error.code).toBe('payload-too-large');
    expect(await queueDepth(aws, aws.queues.intake.url)).toBe(0);
  });

  it('refuses a call back for an anonymous caller, and a call without summary or transcript', async () => {
    const noText = await answer(
      webhook,
      signedCall(JSON.stringify(call({ summary: undefined, transcript: undefined }))),
    );
    expect(noText.statusCode).toBe(400);
    expect(noText.json.error.fields).toHaveProperty('summary');
    const callback = await answer(webhook, signedCall(JSON.stringify(call({ callbackRequested: true }))));
    expect(callback.statusCode).toBe(400);
    expect(callback.json.error.fields).toHaveProperty('callbackRequested');
  });

  it('seals the number as the contact when a named caller asks to be called back; a withheld number is no number', async () => {
    const named = await answer(
      webhook,
      signedCall(JSON.stringify(call({ anonymous: false, callbackRequested: true }))),
    );
    const withheld = await answer(webhook, signedCall(JSON.stringify(call({ callerNumber: 'withheld' }))));
    expect(named.statusCode).toBe(202);
    expect(withheld.statusCode).toBe(202);
    const messages = (await receiveAll(aws, aws.queues.intake.url)).map((m) =>
      IntakeMessageSchema.parse(JSON.parse(m)),
    );
    const namedMessage = messages.find((m) => m.reference === named.json.reference);
    expect(namedMessage).toMatchObject({ anonymous: false, callbackRequested: true });
    expect(namedMessage).not.toHaveProperty('sealedCallerNumber');
    expect(openContact(namedMessage?.sealedContact ?? '', named.json.reference, aws.masterKey)).toEqual({
      phone: '+86 138 0013 8000',
    });
    const withheldMessage = messages.find((m) => m.reference === withheld.json.reference);
    for (const field of ['sealedContact', 'sealedCallerNumber', 'callbackRequested'])
      expect(withheldMessage).not.toHaveProperty(field);
  });

  it('keeps no number for a named caller who did not ask to be called back', async () => {
    const named = await answer(webhook, signedCall(JSON.stringify(call({ anonymous: false }))));
    expect(named.statusCode).toBe(202);
    const [raw] = await receiveAll(aws, aws.queues.intake.url);
    const message = IntakeMessageSchema.parse(JSON.parse(raw ?? ''));
    expect(message.anonymous).toBe(false);
    for (const field of ['sealedContact', 'sealedCallerNumber', 'callbackRequested'])
      expect(message).not.toHaveProperty(field);
  });

  it('writes no number, no complaint text and no receipt code into its logs', () => {
    const logs = webhook.logs.join('\n');
    expect(logs.length).toBeGreaterThan(0);
    // The caller's number in any spacing (13800138000, +86 138 0013 8000), not any "138" (request ids and
    // timestamps are random and may hold one), and the complaint's words.
    const callerNumber = new RegExp('13800138000'.split('').join('[\\s-]?'));
    expect(logs).not.toMatch(callerNumber);
    expect(logs).not.toMatch(/索要|两千/);
    expect(logs).not.toMatch(/\b\d{16}\b/);
  });

  it(`answers ${RUNS} malformed, correctly signed bodies with a 4xx in the API's error shape; nothing queued or written`, async () => {
    const before = (await allItems(aws)).length;
    const field = fc.oneof(
      fc.string(),
      fc.integer(),
      fc.double(),
      fc.boolean(),
      fc.constant(null),
      fc.array(fc.string(), { maxLength: 3 }),
      fc.dictionary(fc.string({ maxLength: 8 }), fc.string(), { maxKeys: 3 }),
    );
    const malformed = fc.oneof(
      // Not JSON at all, or JSON that is not an object.
      fc.string({ maxLength: 200 }),
      fc.json().filter((j) => !j.trim().startsWith('{')),
      // Objects with a wrong field somewhere: no callId, a bad callId, a wrong type, an unknown field, a prototype key.
      fc
        .record({
          callId: fc.oneof(
            fc.constant(undefined),
            fc.string({ maxLength: 3 }).map((s) => `${s} /`),
            fc.integer(),
          ),
          summary: fc.string(),
        })
        .map((o) => JSON.stringify(o)),
      fc
        .record({ callId: fc.constant('call-1'), summary: fc.string({ maxLength: 9 }) })
        .map((o) => JSON.stringify(o)),
      fc
        .tuple(
          fc.constantFrom(
            'line',
            'durationSeconds',
            'anonymous',
            'callerNumber',
            'recordingUrl',
            'startedAt',
            'language',
            'callbackRequested',
            'extra',
            '__proto__',
            'constructor',
          ),
          field,
        )
        .filter(
          ([name, value]) =>
            !(name === 'line' && typeof value === 'string' && value.trim() !== '' && value.length <= 64),
        )
        .filter(([name, value]) => !(name === 'anonymous' && typeof value === 'boolean'))
        .filter(([name, value]) => !(name === 'callbackRequested' && value === false))
        // Values that happen to be valid: a duration in range, a withheld or well-formed number.
        .filter(
          ([name, value]) =>
            !(
              name === 'durationSeconds' &&
              Number.isInteger(value) &&
              (value as number) >= 0 &&
              (value as number) <= 86_400
            ),
        )
        .filter(
          ([name, value]) =>
            !(
              name === 'callerNumber' &&
              typeof value === 'string' &&
              (['', 'withheld', 'anonymous', 'private', 'restricted', 'unknown', 'unavailable'].includes(
                value.trim().toLowerCase(),
              ) ||
                /^\+?[0-9][0-9 ()-]{5,30}$/.test(value.trim()))
            ),
        )
        .map(
          ([name, value]) =>
            `{"callId":"call-fuzz","summary":"国土所的人索要好处费才办证。",${JSON.stringify(name)}:${JSON.stringify(value) ?? 'null'}}`,
        ),
    );
    await fc.assert(
      fc.asyncProperty(malformed, async (body) => {
        const response = await answer(webhook, signedCall(body));
        expect(response.statusCode).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
        expect(response.json?.error?.code).toEqual(expect.any(String));
      }),
      { numRuns: RUNS },
    );
    expect(await queueDepth(aws, aws.queues.intake.url)).toBe(0);
    expect((await allItems(aws)).length).toBe(before);
  }, 300_000);
});
