// The Twilio routes through the real handler: callbacks signed by the `twilio` package over the configured public
// URL, a spoken complaint queued once per CallSid whatever the speech, the caller's number kept only for a call back,
// a caller holding while another delivery of the call is queued, a silent call ending politely, and a thousand
// malformed forms.
import { DeleteItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import twilio from 'twilio';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openContact } from '#adapters/contact-sealer.ts';
import { deliveryKey } from '#adapters/delivery-register.ts';
import { caseTable } from '#catalog';
import { twilioReference } from '#domain/channels/twilio.ts';
import { IntakeMessageSchema } from '#domain/intake-message.ts';
import { deriveReferenceKeys, receiptCode } from '#domain/reference.ts';
import {
  allItems,
  caseEvents,
  caseItems,
  type EmulatedAws,
  PUBLIC_URL,
  purge,
  queueDepth,
  receiveAll,
  useEmulatedAws,
} from '../support/emulated-aws.ts';
import { httpEvent, sqsEvent } from '../support/events.ts';
import { startFunction, TEST_CHANNEL_SECRETS, type TestFunction } from '../support/functions.ts';
import {
  ACCOUNT_SID,
  type Answer,
  answer,
  callSid,
  cases,
  drainIntoCases,
  twilioCallback,
} from './webhook-support.ts';

const RUNS = Number(process.env.HOTLINE_PROPERTY_RUNS ?? 1000);
const VOICE = '/webhooks/twilio/voice';
const SPEECH = '/webhooks/twilio/speech';

let aws: EmulatedAws;
let fn: TestFunction;
let worker: TestFunction;

const spoken = (overrides: Record<string, string> = {}) => ({
  CallSid: callSid(),
  AccountSid: ACCOUNT_SID,
  From: '+8613800138000',
  To: '+862312345',
  CallStatus: 'in-progress',
  SpeechResult: '三角镇便民服务中心的工作人员说不给好处费就不给办营业执照。',
  Confidence: '0.87',
  ...overrides,
});

beforeAll(async () => {
  aws = await useEmulatedAws();
  [fn, worker] = await Promise.all([
    startFunction('webhook-twilio', aws, { logLevel: 'DEBUG', environments: 4 }),
    startFunction('intake-worker', aws),
  ]);
});
afterAll(async () => {
  await Promise.all([fn.stop(), worker.stop()]);
});
afterEach(async () => {
  await purge(aws, aws.queues.intake.url);
});

describe('signatures made by the twilio package', () => {
  it('greets a signed incoming call with TwiML that posts the speech to the configured public URL', async () => {
    const response = await answer(
      fn,
      twilioCallback(VOICE, { CallSid: callSid(), AccountSid: ACCOUNT_SID, From: '+8613800138000' }),
    );
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/xml/);
    expect(response.body).toContain(`action="${PUBLIC_URL}${SPEECH}"`);
    expect(response.body).toContain('language="cmn-Hans-CN"');
    expect(await queueDepth(aws, aws.queues.intake.url)).toBe(0);
  });

  it('answers 403 to a wrong token, an altered body, a URL other than the configured one, and no signature', async () => {
    const params = spoken();
    const altered = twilioCallback(SPEECH, params);
    altered.body = new URLSearchParams({
      ...params,
      SpeechResult: '改过的内容改过的内容改过的内容',
    }).toString();
    const attempts = {
      'wrong token': twilioCallback(SPEECH, params, { token: 'not-the-token-0000000000000000000' }),
      'altered body': altered,
      // What the function would see behind API Gateway, had it trusted the Host header.
      'another URL': twilioCallback(SPEECH, params, { signedUrl: `https://evil.example${SPEECH}` }),
      unsigned: httpEvent('POST', SPEECH, {
        body: new URLSearchParams(params).toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      'voice, wrong token': twilioCallback(VOICE, params, { token: 'nope' }),
    };
    for (const [name, event] of Object.entries(attempts)) {
      const response = await answer(fn, event);
      expect(response.statusCode, name).toBe(403);
      expect(response.json.error.code, name).toBe('invalid-signature');
    }
    expect(await queueDepth(aws, aws.queues.intake.url)).toBe(0);
  });

  it('rotates: with two tokens configured, a callback signed with either is accepted', async () => {
    const next = 'the-next-twilio-auth-token-000000';
    const rotating = await startFunction('webhook-twilio', aws, {
      secrets: { 'twilio-auth-token': `${TEST_CHANNEL_SECRETS['twilio-auth-token']} ${next}` },
    });
    try {
      expect((await answer(rotating, twilioCallback(VOICE, spoken()))).statusCode).toBe(200);
      expect((await answer(rotating, twilioCallback(VOICE, spoken(), { token: next }))).statusCode).toBe(200);
      expect((await answer(rotating, twilioCallback(VOICE, spoken(), { token: 'neither' }))).statusCode).toBe(
        403,
      );
    } finally {
      await rotating.stop();
    }
  });
});

describe('a spoken complaint', () => {
  it('is queued as an anonymous hotline complaint without the caller’s number, and the caller hears reference and code twice', async () => {
    const params = spoken();
    const response = await answer(fn, twilioCallback(SPEECH, params));
    expect(response.statusCode).toBe(200);
    const [raw] = await receiveAll(aws, aws.queues.intake.url);
    const message = IntakeMessageSchema.parse(JSON.parse(raw ?? ''));
    expect(message).toMatchObject({
      channel: 'hotline',
      language: 'zh-CN',
      anonymous: true,
      complaint: { description: params.SpeechResult },
      call: { platform: 'twilio', callId: params.CallSid, speechConfidence: 0.87 },
    });
    expect(raw).not.toContain('13800138000');
    // Nothing opens to the number: no call back was asked for, so none is sealed or queued.
    for (const field of ['sealedContact', 'sealedCallerNumber', 'callbackRequested'])
      expect(message).not.toHaveProperty(field);
    expect(response.body).not.toContain('回电');
    const spelled = (s: string) => [...s.replaceAll('-', '')].join(', ');
    const code = receiptCode(message.reference, deriveReferenceKeys(aws.masterKey));
    expect(response.body.split(spelled(message.reference))).toHaveLength(3);
    expect(response.body.split(spelled(code))).toHaveLength(3);
  });

  it('switches to English when the caller presses 2, and takes the English complaint from the signed ?language=en URL', async () => {
    const pressed = await answer(
      fn,
      twilioCallback(SPEECH, { CallSid: callSid(), AccountSid: ACCOUNT_SID, Digits: '2' }),
    );
    expect(pressed.body).toContain('language="en-US"');
    expect(pressed.body).not.toContain('press 1'); // no number to call back
    expect(pressed.body).toContain(`action="${PUBLIC_URL}${SPEECH}?language=en"`);
    const english = spoken({
      SpeechResult: 'The clerk at the licensing window asked me for five hundred yuan.',
    });
    const response = await answer(fn, twilioCallback(SPEECH, english, { query: 'language=en' }));
    expect(response.body).toContain('Your reference is');
    const [raw] = await receiveAll(aws, aws.queues.intake.url);
    expect(IntakeMessageSchema.parse(JSON.parse(raw ?? '')).language).toBe('en');
  });

  it('one CallSid is one complaint: different speech on the same call gets the first reference and makes no second case', async () => {
    const first = spoken();
    const answers = [await answer(fn, twilioCallback(SPEECH, first))];
    for (const SpeechResult of [
      '郭扶镇国土所的人要了我两千块钱才给办证，这是另一段话。',
      'The land office clerk asked me for two thousand yuan.',
    ]) {
      answers.push(await answer(fn, twilioCallback(SPEECH, { ...first, SpeechResult })));
    }
    const reference = twilioReference(first.CallSid, deriveReferenceKeys(aws.masterKey));
    const spelled = [...reference.replaceAll('-', '')].join(', ');
    for (const a of answers) expect(a.body).toContain(spelled);
    expect(await drainIntoCases(aws, worker)).toBe(1);
    const created = (await cases(aws)).filter((c) => (c.call as { callId: string }).callId === first.CallSid);
    expect(created).toHaveLength(1);
    expect(created[0]).toMatchObject({ reference });
    // The complaint kept is the first speech's (the opening event keeps the description).
    const [opening] = await caseEvents(aws, reference);
    expect(opening).toMatchObject({ details: { complaint: { description: first.SpeechResult } } });
  });

  it('ends a call with no speech (or a mere hello) politely, queueing nothing', async () => {
    for (const SpeechResult of ['', '喂？', 'hello']) {
      const response = await answer(fn, twilioCallback(SPEECH, spoken({ SpeechResult })));
      expect(response.statusCode).toBe(200);
      expect(response.body).toContain('<Hangup/>');
      expect(response.body).not.toContain('受理编号');
    }
    const { SpeechResult: _, ...silent } = spoken();
    expect((await answer(fn, twilioCallback(SPEECH, silent))).body).toContain('再见');
    expect(await queueDepth(aws, aws.queues.intake.url)).toBe(0);
  });

  it('the same CallSid five times in a row and five at once: one message, one case, one reference', async () => {
    const inRow = spoken();
    const sequential: Answer[] = [];
    for (let i = 0; i < 5; i++) sequential.push(await answer(fn, twilioCallback(SPEECH, inRow)));
    const atOnce = spoken();
    const parallel = await Promise.all(
      Array.from({ length: 5 }, () => answer(fn, twilioCallback(SPEECH, atOnce))),
    );
    for (const batch of [sequential, parallel]) {
      expect(batch.every((a) => a.statusCode === 200)).toBe(true);
      expect(new Set(batch.map((a) => a.body)).size).toBe(1);
    }
    expect(await drainIntoCases(aws, worker)).toBe(2);
    const created = (await cases(aws)).filter((c) =>
      [inRow.CallSid, atOnce.CallSid].includes((c.call as { callId: string }).callId),
    );
    expect(created).toHaveLength(2);
    expect(created.every((c) => c.channel === 'hotline' && c.status === 'triaged')).toBe(true);
  });

  it('answers 413 over 64 KB and keeps numbers and speech out of its logs', async () => {
    const response = await answer(fn, twilioCallback(SPEECH, spoken({ SpeechResult: '索'.repeat(25_000) })));
    expect(response.statusCode).toBe(413);
    const logs = fn.logs.join('\n');
    expect(logs).not.toMatch(/13800138000|好处费|licensing/);
  });
});

describe('a call back', () => {
  it('is offered on key 1 only to a caller whose number can be called', async () => {
    const offered = await answer(fn, twilioCallback(VOICE, spoken()));
    expect(offered.body).toContain('请先按1');
    for (const From of ['anonymous', 'client:alice', '']) {
      const withheld = await answer(fn, twilioCallback(VOICE, { ...spoken(), From }));
      expect(withheld.body, From).not.toContain('按1');
    }
  });

  it('keeps the number, sealed as the contact, only for a caller who pressed 1; the case records the request', async () => {
    const { SpeechResult: _, ...call } = spoken();
    const pressed = await answer(fn, twilioCallback(SPEECH, { ...call, Digits: '1' }));
    expect(pressed.body).toContain(`action="${PUBLIC_URL}${SPEECH}?callback=1"`);
    expect(await queueDepth(aws, aws.queues.intake.url)).toBe(0);
    const params = { ...spoken(), CallSid: call.CallSid };
    const response = await answer(fn, twilioCallback(SPEECH, params, { query: 'callback=1' }));
    expect(response.body).toContain('我们会按您的来电号码回电');
    const [raw] = await receiveAll(aws, aws.queues.intake.url);
    expect(raw).not.toContain('13800138000');
    const message = IntakeMessageSchema.parse(JSON.parse(raw ?? ''));
    expect(message).toMatchObject({ anonymous: false, callbackRequested: true });
    expect(message).not.toHaveProperty('sealedCallerNumber');
    expect(openContact(message.sealedContact ?? '', message.reference, aws.masterKey)).toEqual({
      phone: '+8613800138000',
    });
    await worker.invoke(sqsEvent([raw ?? '']));
    const [record] = (await cases(aws)).filter((c) => c.reference === message.reference);
    expect(record).toMatchObject({ callbackRequested: true, anonymous: false, hasContact: true });
    expect(record).not.toHaveProperty('sealedCallerNumber');
    // The number to call back is kept sealed in the case's contact item (which expires by the retention rule),
    // behind the audited contact view; the opening event does not hold it.
    const [opening] = await caseEvents(aws, message.reference);
    expect(JSON.stringify(opening)).not.toContain(message.sealedContact);
    const contact = (await caseItems(aws, message.reference)).find((i) => i.sk === 'CONTACT');
    expect(contact?.sealedContact).toBe(message.sealedContact);
  });

  it('keeps nothing when the caller pressed 1 but their number cannot be called', async () => {
    const params = spoken({ From: 'anonymous' });
    const response = await answer(fn, twilioCallback(SPEECH, params, { query: 'callback=1' }));
    expect(response.body).not.toContain('回电');
    const message = IntakeMessageSchema.parse(
      JSON.parse((await receiveAll(aws, aws.queues.intake.url))[0] ?? ''),
    );
    expect(message.anonymous).toBe(true);
    for (const field of ['sealedContact', 'sealedCallerNumber', 'callbackRequested'])
      expect(message).not.toHaveProperty(field);
  });
});

describe('a call whose other delivery is still being queued', () => {
  /** A delivery of this call that claimed it and has not queued it yet (or has, or gave up). */
  async function otherDelivery(sid: string, state: 'claimed' | 'queued' | 'gone') {
    const reference = twilioReference(sid, deriveReferenceKeys(aws.masterKey));
    const key = {
      [caseTable.partitionKey]: deliveryKey.reference(reference),
      [caseTable.sortKey]: 'DELIVERY',
    };
    if (state === 'gone') {
      await aws.dynamo.send(new DeleteItemCommand({ TableName: aws.tableName, Key: marshall(key) }));
      return reference;
    }
    const now = new Date();
    await aws.dynamo.send(
      new PutItemCommand({
        TableName: aws.tableName,
        Item: marshall({
          ...key,
          reference,
          state,
          claimedAt: now.toISOString(),
          [caseTable.timeToLiveAttribute]: Math.floor(now.getTime() / 1000) + 600,
        }),
      }),
    );
    return reference;
  }
  const spell = (reference: string) => [...reference.replaceAll('-', '')].join(', ');
  /** What Twilio posts when it follows a <Redirect>: the call's parameters, no speech. */
  const redirected = (params: Record<string, string>, query: string) => {
    const { SpeechResult: _s, Confidence: _c, ...call } = params;
    return twilioCallback(SPEECH, call, { query });
  };

  it('holds the caller with a Redirect and reads no reference, then reads it once the complaint is on the queue', async () => {
    const params = spoken();
    const reference = await otherDelivery(params.CallSid, 'claimed');
    const held = await answer(fn, twilioCallback(SPEECH, params));
    expect(held.statusCode).toBe(200);
    expect(held.body).toContain(`<Redirect method="POST">${PUBLIC_URL}${SPEECH}?hold=1</Redirect>`);
    expect(held.body).not.toContain(spell(reference));
    expect(await queueDepth(aws, aws.queues.intake.url)).toBe(0);

    const stillHeld = await answer(fn, redirected(params, 'hold=1'));
    expect(stillHeld.body).toContain(`${SPEECH}?hold=2</Redirect>`);
    expect(stillHeld.body).not.toContain(spell(reference));

    await otherDelivery(params.CallSid, 'queued');
    const read = await answer(fn, redirected(params, 'hold=2'));
    expect(read.body.split(spell(reference))).toHaveLength(3);
    expect(read.body).toContain('<Hangup/>');
  });

  it('asks the caller to say it again when the other delivery gave up, or never finishes; then records it', async () => {
    const params = spoken();
    const reference = await otherDelivery(params.CallSid, 'claimed');
    await answer(fn, twilioCallback(SPEECH, params));
    const gaveUp = await answer(fn, redirected(params, 'hold=3'));
    expect(gaveUp.body).toContain('没有记录成功');
    expect(gaveUp.body).toContain(`action="${PUBLIC_URL}${SPEECH}"`);
    expect(gaveUp.body).not.toContain(spell(reference));

    await otherDelivery(params.CallSid, 'gone');
    const gone = await answer(fn, redirected(params, 'hold=1'));
    expect(gone.body).toContain('没有记录成功');
    expect(await queueDepth(aws, aws.queues.intake.url)).toBe(0);

    const again = await answer(fn, twilioCallback(SPEECH, params));
    expect(again.body.split(spell(reference))).toHaveLength(3);
    expect(await drainIntoCases(aws, worker)).toBe(1);
    expect((await cases(aws)).filter((c) => c.reference === reference)).toHaveLength(1);
  });

  it('keeps the language and the call back through the hold', async () => {
    const params = spoken({
      SpeechResult: 'The clerk at the licensing window asked me for five hundred yuan.',
    });
    await otherDelivery(params.CallSid, 'claimed');
    const held = await answer(fn, twilioCallback(SPEECH, params, { query: 'language=en&callback=1' }));
    expect(held.body).toContain('One moment');
    expect(held.body).toContain(`${SPEECH}?language=en&amp;callback=1&amp;hold=1</Redirect>`);
    await otherDelivery(params.CallSid, 'queued');
    const read = await answer(fn, redirected(params, 'language=en&callback=1&hold=1'));
    expect(read.body).toContain('Your reference is');
    expect(read.body).toContain('We will call you back');
  });
});

describe('malformed callbacks', () => {
  it(`answers ${RUNS} malformed, correctly signed forms per route with a 4xx in the error shape; nothing queued`, async () => {
    const before = (await allItems(aws)).length;
    const name = fc.constantFrom(
      'CallSid',
      'AccountSid',
      'Confidence',
      'Digits',
      'From',
      'SpeechResult',
      '__proto__',
      'constructor.prototype',
      'a[__proto__]',
    );
    const form = fc
      .record({
        sid: fc.oneof(fc.constant(callSid()), fc.string({ maxLength: 40 }), fc.constant('')),
        account: fc.oneof(fc.constant(ACCOUNT_SID), fc.string({ maxLength: 40 })),
        extra: fc.array(fc.tuple(name, fc.string({ maxLength: 60 })), { minLength: 1, maxLength: 3 }),
      })
      .map(({ sid, account, extra }) => {
        const params = new URLSearchParams({
          CallSid: sid,
          AccountSid: account,
          SpeechResult: '窗口工作人员态度恶劣还索要红包。',
        });
        for (const [k, v] of extra) params.append(k, v);
        return params;
      })
      // Only forms that are in fact malformed: a bad sid, a repeated field, a bad confidence or digits, a prototype key.
      .filter((params) => {
        const sidOk =
          /^CA[0-9a-f]{32}$/i.test(params.get('CallSid') ?? '') &&
          /^AC[0-9a-f]{32}$/i.test(params.get('AccountSid') ?? '');
        const repeated = [...params.keys()].length !== new Set(params.keys()).size;
        const confidence = params.get('Confidence');
        const digits = params.get('Digits');
        const prototype = [...params.keys()].some((k) => /__proto__|constructor|prototype/.test(k));
        const badConfidence = confidence !== null && !/^(0(\.\d+)?|1(\.0+)?)$/.test(confidence);
        const badDigits = digits !== null && !/^[0-9*#w]{0,32}$/.test(digits);
        const longFrom = (params.get('From') ?? '').length > 64;
        return !sidOk || repeated || prototype || badConfidence || badDigits || longFrom;
      });
    await fc.assert(
      fc.asyncProperty(form, fc.constantFrom(VOICE, SPEECH), async (params, path) => {
        const signedParams: Record<string, string | string[]> = {};
        for (const key of new Set(params.keys())) {
          const values = params.getAll(key);
          signedParams[key] = values.length === 1 ? (values[0] as string) : values;
        }
        const event = twilioCallback(path, {}, { body: params.toString() });
        event.headers['x-twilio-signature'] = twilio.getExpectedTwilioSignature(
          TEST_CHANNEL_SECRETS['twilio-auth-token'],
          `${PUBLIC_URL}${path}`,
          signedParams,
        );
        const response = await answer(fn, event);
        expect(response.statusCode, params.toString()).toBeGreaterThanOrEqual(400);
        expect(response.statusCode).toBeLessThan(500);
        expect(response.json?.error?.code).toEqual(expect.any(String));
      }),
      { numRuns: RUNS * 2 },
    );
    expect(await queueDepth(aws, aws.queues.intake.url)).toBe(0);
    expect((await allItems(aws)).length).toBe(before);
  }, 300_000);
});
