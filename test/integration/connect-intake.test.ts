// The Amazon Connect intake through the real handler: a contact-flow event becomes one hotline complaint per
// ContactId, answered as the flat string map a flow reads, well within Connect's 8 seconds; the caller's number is
// kept only for a call back; an invocation whose twin is still queueing the complaint answers `in-flight`.
import { PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openContact } from '#adapters/contact-sealer.ts';
import { deliveryKey } from '#adapters/delivery-register.ts';
import { caseTable } from '#catalog';
import { submissionReference } from '#domain/intake.ts';
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
import { startFunction, type TestFunction } from '../support/functions.ts';
import { cases, drainIntoCases } from './webhook-support.ts';

const RUNS = Number(process.env.HOTLINE_PROPERTY_RUNS ?? 1000);

let aws: EmulatedAws;
let connect: TestFunction;
let worker: TestFunction;

/** A ConnectContactFlowEvent as a contact flow's "Invoke AWS Lambda function" block sends it. */
function contactFlowEvent(
  contactId: string,
  parameters: Record<string, string>,
  attributes: Record<string, string> = {},
) {
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        Attributes: attributes,
        Channel: 'VOICE',
        ContactId: contactId,
        CustomerEndpoint: { Address: '+8613800138000', Type: 'TELEPHONE_NUMBER' },
        InitialContactId: contactId,
        InitiationMethod: 'INBOUND',
        InitiationTimestamp: '2026-11-28T01:12:00Z',
        InstanceARN: 'arn:aws:connect:us-east-1:123456789012:instance/11111111-2222-3333-4444-555555555555',
        PreviousContactId: contactId,
        Queue: null,
        SystemEndpoint: { Address: '+862312388', Type: 'TELEPHONE_NUMBER' },
        MediaStreams: {},
      },
      Parameters: parameters,
    },
  };
}

const collected = {
  description: '区市场监管局窗口的人拖了三个月不给办许可证，说要请吃饭才行。',
  line: 'complaint-phone',
  subjectUnit: '区市场监管局',
  language: 'zh-CN',
};

beforeAll(async () => {
  aws = await useEmulatedAws();
  [connect, worker] = await Promise.all([
    startFunction('connect-intake', aws, { logLevel: 'DEBUG', environments: 4 }),
    startFunction('intake-worker', aws),
  ]);
});
afterAll(async () => {
  await Promise.all([connect.stop(), worker.stop()]);
});
afterEach(async () => {
  await purge(aws, aws.queues.intake.url);
});

describe('a contact flow invocation', () => {
  it('answers {outcome: recorded, reference, receiptCode} as strings, well within 8 s, and queues a hotline complaint', async () => {
    const contactId = crypto.randomUUID();
    const started = performance.now();
    const result = await connect.invoke(contactFlowEvent(contactId, collected));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(Object.keys(result).sort()).toEqual(['callbackRequested', 'outcome', 'receiptCode', 'reference']);
    expect(result).toMatchObject({ outcome: 'recorded', callbackRequested: 'false' });
    expect(Object.values(result).every((v) => typeof v === 'string')).toBe(true);
    expect(receiptMatches(result.reference, result.receiptCode, deriveReferenceKeys(aws.masterKey))).toBe(
      true,
    );
    const [raw] = await receiveAll(aws, aws.queues.intake.url);
    const message = IntakeMessageSchema.parse(JSON.parse(raw ?? ''));
    expect(message).toMatchObject({
      reference: result.reference,
      channel: 'hotline',
      complaint: { description: collected.description, subjectUnit: '区市场监管局' },
      call: {
        platform: 'connect',
        callId: contactId,
        line: 'complaint-phone',
        startedAt: '2026-11-28T01:12:00Z',
      },
    });
    expect(raw).not.toContain('13800138000');
    // The caller did not ask to be called back: their number is neither sealed nor queued.
    expect(message.anonymous).toBe(true);
    for (const field of ['sealedContact', 'sealedCallerNumber', 'callbackRequested'])
      expect(message).not.toHaveProperty(field);
  });

  it('keeps the number, sealed as the contact, when the contact attribute or the parameter asks for a call back', async () => {
    for (const [parameters, attributes] of [
      [{}, { callbackRequested: 'true', menu: 'complaints' }],
      [{ callbackRequested: 'true' }, {}],
    ] as const) {
      const result = await connect.invoke(
        contactFlowEvent(crypto.randomUUID(), { ...collected, ...parameters }, attributes),
      );
      expect(result).toMatchObject({ outcome: 'recorded', callbackRequested: 'true' });
      const [raw] = await receiveAll(aws, aws.queues.intake.url);
      expect(raw).not.toContain('13800138000');
      const message = IntakeMessageSchema.parse(JSON.parse(raw ?? ''));
      expect(message).toMatchObject({ anonymous: false, callbackRequested: true });
      expect(message).not.toHaveProperty('sealedCallerNumber');
      expect(openContact(message.sealedContact ?? '', result.reference, aws.masterKey)).toEqual({
        phone: '+8613800138000',
      });
      await purge(aws, aws.queues.intake.url);
    }
  });

  it('records a call back asked for from a withheld number without it, and tells the flow', async () => {
    const event = contactFlowEvent(crypto.randomUUID(), collected, { callbackRequested: 'true' });
    event.Details.ContactData.CustomerEndpoint = { Address: 'anonymous', Type: 'TELEPHONE_NUMBER' };
    const result = await connect.invoke(event);
    expect(result).toMatchObject({ outcome: 'recorded', callbackRequested: 'false' });
    const message = IntakeMessageSchema.parse(
      JSON.parse((await receiveAll(aws, aws.queues.intake.url))[0] ?? ''),
    );
    for (const field of ['sealedContact', 'sealedCallerNumber', 'callbackRequested'])
      expect(message).not.toHaveProperty(field);
  });

  it('answers in-flight, with no reference, while another invocation for the contact is queueing it; then recorded', async () => {
    const contactId = crypto.randomUUID();
    const reference = submissionReference(
      'hotline',
      `connect:${contactId}`,
      collected,
      deriveReferenceKeys(aws.masterKey),
    );
    const key = marshall({
      [caseTable.partitionKey]: deliveryKey.reference(reference),
      [caseTable.sortKey]: 'DELIVERY',
    });
    const now = new Date();
    await aws.dynamo.send(
      new PutItemCommand({
        TableName: aws.tableName,
        Item: {
          ...key,
          ...marshall({
            reference,
            state: 'claimed',
            claimedAt: now.toISOString(),
            [caseTable.timeToLiveAttribute]: Math.floor(now.getTime() / 1000) + 600,
          }),
        },
      }),
    );
    const held = await connect.invoke(contactFlowEvent(contactId, collected));
    expect(held).toEqual({
      outcome: 'in-flight',
      error: 'delivery-in-progress',
      message: expect.any(String),
      retryAfterSeconds: '2',
    });
    expect(JSON.stringify(held)).not.toContain(reference);
    expect(await queueDepth(aws, aws.queues.intake.url)).toBe(0);
    // The other invocation queued it: invoked again, the flow gets the reference.
    await aws.dynamo.send(
      new UpdateItemCommand({
        TableName: aws.tableName,
        Key: key,
        UpdateExpression: 'SET #state = :queued',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: marshall({ ':queued': 'queued' }),
      }),
    );
    expect(await connect.invoke(contactFlowEvent(contactId, collected))).toMatchObject({
      outcome: 'recorded',
      reference,
    });
  });

  it('the same ContactId five times in a row and five at once: the same answer, one message each, one case each', async () => {
    const inRow = crypto.randomUUID();
    const sequential: Record<string, string>[] = [];
    for (let i = 0; i < 5; i++) sequential.push(await connect.invoke(contactFlowEvent(inRow, collected)));
    const atOnce = crypto.randomUUID();
    const parallel = await Promise.all(
      Array.from({ length: 5 }, () => connect.invoke(contactFlowEvent(atOnce, collected))),
    );
    for (const batch of [sequential, parallel])
      expect(new Set(batch.map((r) => JSON.stringify(r))).size).toBe(1);
    expect(await drainIntoCases(aws, worker)).toBe(2);
    const created = (await cases(aws)).filter((c) =>
      ([inRow, atOnce] as string[]).includes((c.call as { callId: string } | undefined)?.callId ?? ''),
    );
    expect(created).toHaveLength(2);
    expect(created.every((c) => c.channel === 'hotline' && c.status === 'triaged')).toBe(true);
  });

  it('answers a flow mistake with {error, message} and queues nothing', async () => {
    const result = await connect.invoke(contactFlowEvent(crypto.randomUUID(), { description: '太短' }));
    expect(result).toEqual({
      outcome: 'refused',
      error: 'invalid-request',
      message: expect.stringContaining('description'),
    });
    const unknown = await connect.invoke(
      contactFlowEvent(crypto.randomUUID(), { ...collected, surprise: 'x' }),
    );
    expect(unknown.error).toBe('invalid-request');
    expect(await queueDepth(aws, aws.queues.intake.url)).toBe(0);
  });

  it(`answers ${RUNS} malformed events with {error, message} strings, never a failure; nothing queued`, async () => {
    const before = (await allItems(aws)).length;
    const value = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.integer(),
      fc.constant(null),
      fc.array(fc.string()),
      fc.object({ maxDepth: 1 }),
    );
    const event = fc.oneof(
      value,
      fc.record({ Name: value, Details: value }),
      fc.record({
        Name: fc.constant('ContactFlowEvent'),
        Details: fc.record({ ContactData: value, Parameters: value }),
      }),
      fc
        .record({
          id: fc.oneof(
            fc.constant(crypto.randomUUID()),
            fc.string({ maxLength: 10 }).map((s) => `${s}/`),
          ),
          parameters: fc.dictionary(
            fc.constantFrom(
              'description',
              'transcript',
              'language',
              'anonymous',
              'callbackRequested',
              'line',
              'subjectUnit',
              'other',
              '__proto__',
            ),
            fc.string({ maxLength: 9 }),
          ),
        })
        .map(({ id, parameters }) => contactFlowEvent(id, parameters)),
    );
    await fc.assert(
      fc.asyncProperty(event, async (e) => {
        const result = await connect.invoke(e);
        expect(result.error).toBe('invalid-request');
        expect(typeof result.message).toBe('string');
        expect(Object.values(result).every((v) => typeof v === 'string')).toBe(true);
      }),
      { numRuns: RUNS },
    );
    expect(await queueDepth(aws, aws.queues.intake.url)).toBe(0);
    expect((await allItems(aws)).length).toBe(before);
  }, 300_000);

  it('keeps the number and the complaint out of its logs', () => {
    expect(connect.logs.join('\n')).not.toMatch(/13800138000|请吃饭/);
  });
});
