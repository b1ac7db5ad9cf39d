// POST /complaints/{reference}/status: what a reporter may see, and how guessing is stopped.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseReference, deriveReferenceKeys, receiptCode } from '../../functions/domain/reference.ts';
import { intakeMessage } from '../support/complaints.ts';
import { allItems, type EmulatedAws, useEmulatedAws } from '../support/emulated-aws.ts';
import { httpEvent, jsonPost, sqsEvent } from '../support/events.ts';
import { startFunction, type TestFunction } from '../support/functions.ts';

let aws: EmulatedAws;
let statusFn: TestFunction;
let workerFn: TestFunction;

beforeAll(async () => {
  aws = await useEmulatedAws();
  statusFn = await startFunction('case-status', aws);
  workerFn = await startFunction('intake-worker', aws);
});
afterAll(async () => {
  await Promise.all([statusFn.stop(), workerFn.stop()]);
});

const status = (event: unknown) => statusFn.invoke(event);
const worker = (event: unknown) => workerFn.invoke(event);

const keys = () => deriveReferenceKeys(aws.masterKey);
const newReference = () => caseReference('web', crypto.randomUUID(), keys());

function withPath(reference: string, code: string) {
  const event = jsonPost(`/complaints/${reference}/status`, { receiptCode: code });
  return { ...event, pathParameters: { reference } };
}

async function lookUpAt(reference: string, code: string) {
  const response = await status(withPath(reference, code));
  return { ...response, json: JSON.parse(response.body) };
}

describe('case status lookup', () => {
  it('shows the public fields of a case to the holder of its receipt code, and nothing else', async () => {
    const reference = newReference();
    await worker(
      sqsEvent([JSON.stringify(intakeMessage({ reference, anonymous: false, sealedContact: 'v1.aaa.bbb' }))]),
    );

    const response = await lookUpAt(reference, receiptCode(reference, keys()).replace(/(\d{4})/g, '$1 '));

    expect(response.statusCode).toBe(200);
    expect(response.json).toEqual({
      reference,
      status: 'triaged',
      receivedAt: '2026-11-27T09:30:00.000Z',
      verificationDueAt: '2026-11-30T09:30:00.000Z',
      milestones: [
        { at: '2026-11-27T09:30:00.000Z', milestone: 'received' },
        { at: expect.any(String), milestone: 'assigned' },
      ],
      evidence: [],
      // The reporter's side: nothing asked, nothing added yet, information welcome, no outcome to rate.
      questions: [],
      additions: [],
      acceptsInformation: true,
      rating: { replies: [] },
    });
    expect(response.headers?.['cache-control']).toBe('no-store');
  });

  it('says "pending" to a valid code whose complaint is still on the queue', async () => {
    const reference = newReference();
    const response = await lookUpAt(reference, receiptCode(reference, keys()));
    expect(response.statusCode).toBe(200);
    expect(response.json).toEqual({ reference, status: 'pending', milestones: [], evidence: [] });
  });

  it('answers an unknown reference and a wrong code with the same 404', async () => {
    const reference = newReference();
    await worker(sqsEvent([JSON.stringify(intakeMessage({ reference }))]));

    const wrongCode = await lookUpAt(reference, '0000000000000000');
    const unknown = await lookUpAt(newReference(), '0000000000000000');
    const malformed = await lookUpAt('not-a-reference', '0000000000000000');

    expect(wrongCode.statusCode).toBe(404);
    expect(unknown.statusCode).toBe(404);
    expect(malformed.statusCode).toBe(404);
    expect(wrongCode.body).toBe(unknown.body);
    expect(malformed.body).toBe(unknown.body);
  });

  it("never refuses the right code because of strangers' guesses, and writes nothing for a wrong one", async () => {
    const reference = newReference();
    await worker(sqsEvent([JSON.stringify(intakeMessage({ reference }))]));
    const before = await allItems(aws);

    // Many wrong guesses, some of them at once, for an existing reference and for one that does not exist.
    const guesses = Array.from({ length: 32 }, (_, i) => `${1000000000000000 + i}`);
    const answers = await Promise.all([
      ...guesses.map((code) => lookUpAt(reference, code)),
      ...guesses.map((code) => lookUpAt(newReference(), code)),
    ]);
    expect(new Set(answers.map((a) => a.statusCode))).toEqual(new Set([404]));
    expect(await allItems(aws)).toEqual(before);

    const right = await lookUpAt(reference, receiptCode(reference, keys()));
    expect(right.statusCode).toBe(200);
    expect(right.json.reference).toBe(reference);
  });

  it('refuses a request without a receipt code with 400, and other media types with 415', async () => {
    const reference = newReference();
    const missing = await status({ ...jsonPost('/x', {}), pathParameters: { reference } });
    const text = await status({
      ...httpEvent('POST', '/x', { body: 'code', headers: { 'content-type': 'text/plain' } }),
      pathParameters: { reference },
    });
    expect(missing.statusCode).toBe(400);
    expect(JSON.parse(missing.body).error.fields).toHaveProperty('receiptCode');
    expect(text.statusCode).toBe(415);
  });
});
