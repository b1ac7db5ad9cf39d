// The worker handler on the DynamoDB emulator: one case per complaint, however often it is delivered.
import type { SQSBatchResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { intakeMessage } from '../support/complaints.ts';
import {
  allItems,
  caseEvents,
  caseItem,
  caseItems,
  type EmulatedAws,
  useEmulatedAws,
} from '../support/emulated-aws.ts';
import { sqsEvent } from '../support/events.ts';
import { startFunction, type TestFunction } from '../support/functions.ts';

let aws: EmulatedAws;
let worker: TestFunction;

beforeAll(async () => {
  aws = await useEmulatedAws();
  worker = await startFunction('intake-worker', aws);
});
afterAll(async () => {
  await worker.stop();
});

const run = (bodies: string[]): Promise<SQSBatchResponse> => worker.invoke(sqsEvent(bodies));

describe('intake worker', () => {
  it('creates the case, triaged, due three days after the complaint was accepted', async () => {
    const message = intakeMessage({ sealedContact: 'v1.aXY.c2VhbGVk', anonymous: false });

    const result = await run([JSON.stringify(message)]);

    expect(result.batchItemFailures).toEqual([]);
    const item = await caseItem(aws, message.reference);
    expect(item).toMatchObject({
      reference: message.reference,
      status: 'triaged',
      receivedAt: '2026-11-27T09:30:00.000Z',
      verificationDueAt: '2026-11-30T09:30:00.000Z',
      version: 1,
      hasContact: true,
    });
    // The head never holds the sealed contact or the description; the opening event keeps the complaint, and the
    // sealed contact has an item of its own, which can expire.
    expect(JSON.stringify(item)).not.toContain('v1.aXY.c2VhbGVk');
    expect(JSON.stringify(item)).not.toContain(message.complaint.description);
    const events = await caseEvents(aws, message.reference);
    expect(events).toEqual([
      expect.objectContaining({
        kind: 'opened',
        at: '2026-11-27T09:30:00.000Z',
        actor: 'system',
        version: 1,
        details: expect.objectContaining({ complaint: message.complaint }),
      }),
    ]);
    expect(JSON.stringify(events)).not.toContain('v1.aXY.c2VhbGVk');
    const contact = (await caseItems(aws, message.reference)).find((i) => i.sk === 'CONTACT');
    expect(contact).toEqual({
      pk: `CASE#${message.reference}`,
      sk: 'CONTACT',
      reference: message.reference,
      sealedContact: 'v1.aXY.c2VhbGVk',
    });
    // Open cases sit in the sparse due index by their next milestone; nothing about the reporter is in any key.
    // Received Friday 17:30 in Beijing: acknowledged by the end of Monday, and the first milestone is the
    // verification's 24-hour reminder.
    expect(item?.acknowledgeDueAt).toBe('2026-11-30T16:00:00.000Z');
    expect(item?.nextDueAt).toBe('2026-11-29T09:30:00.000Z');
    expect(item?.dueShard).toMatch(/^DUE#[0-9]+$/);
    expect(item?.dueOrder).toBe(`2026-11-29T09:30:00.000Z#${message.reference}`);
  });

  it('turns a second delivery of the same message into a no-op', async () => {
    const body = JSON.stringify(intakeMessage());
    const reference = JSON.parse(body).reference as string;

    const first = await run([body]);
    const before = await caseItem(aws, reference);
    const second = await run([body]);

    expect(first.batchItemFailures).toEqual([]);
    expect(second.batchItemFailures).toEqual([]);
    expect(await caseItem(aws, reference)).toEqual(before);
    expect(await caseEvents(aws, reference)).toHaveLength(1);
  });

  it('fails a bad record alone and writes nothing for it', async () => {
    const good = intakeMessage();
    const itemsBefore = (await allItems(aws)).length;
    const event = sqsEvent([
      JSON.stringify(good),
      'not json at all',
      JSON.stringify({ ...intakeMessage(), kind: 'something-else' }),
      JSON.stringify({ ...intakeMessage(), complaint: { description: 'x' } }),
    ]);

    const result: SQSBatchResponse = await worker.invoke(event);

    expect(result.batchItemFailures.map((f) => f.itemIdentifier)).toEqual(
      event.Records.slice(1).map((r) => r.messageId),
    );
    expect(await caseItem(aws, good.reference)).toBeDefined();
    // The good one's head and opening event, nothing for the others.
    expect((await allItems(aws)).length).toBe(itemsBefore + 2);
  });
});
