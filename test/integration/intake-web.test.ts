// POST /complaints through the real handler, queueing onto the SQS emulator.
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { openContact } from '../../functions/adapters/contact-sealer.ts';
import { IntakeMessageSchema } from '../../functions/domain/intake-message.ts';
import { deriveReferenceKeys, receiptMatches } from '../../functions/domain/reference.ts';
import { type EmulatedAws, purge, receiveAll, useEmulatedAws } from '../support/emulated-aws.ts';
import { httpEvent, jsonPost } from '../support/events.ts';
import { startFunction, type TestFunction } from '../support/functions.ts';

let aws: EmulatedAws;
let intake: TestFunction;

const complaint = {
  description: '郭扶镇国土所窗口工作人员说要“意思一下”才给办土地证，索要两千元。',
  subjectUnit: '郭扶国土所',
  amountDemanded: '2000元',
};

async function post(event: APIGatewayProxyEventV2) {
  const response = (await intake.invoke(event)) as {
    statusCode: number;
    body: string;
    headers?: Record<string, string>;
  };
  return { ...response, json: JSON.parse(response.body) };
}

beforeAll(async () => {
  aws = await useEmulatedAws();
  // Log everything, then look: nothing personal may appear even at DEBUG.
  intake = await startFunction('intake-web', aws, { logLevel: 'DEBUG' });
});

afterAll(async () => {
  await intake.stop();
});

afterEach(async () => {
  await purge(aws, aws.queues.intake.url);
});

describe('POST /complaints', () => {
  it('accepts an anonymous complaint, answers 202 with reference and receipt code, and queues it', async () => {
    const response = await post(jsonPost('/complaints', complaint));

    expect(response.statusCode).toBe(202);
    expect(response.json.reference).toMatch(/^HLW-[0-9A-Z]{5}-[0-9A-Z]{5}$/);
    expect(response.json.receiptCode).toMatch(/^\d{16}$/);
    expect(response.json.statusUrl).toBe(
      `https://hotline.example/status?reference=${response.json.reference}`,
    );
    expect(response.json.statusUrl).not.toContain(response.json.receiptCode);
    expect(
      receiptMatches(response.json.reference, response.json.receiptCode, deriveReferenceKeys(aws.masterKey)),
    ).toBe(true);
    const [body] = await receiveAll(aws, aws.queues.intake.url);
    const message = IntakeMessageSchema.parse(JSON.parse(body ?? ''));
    expect(message).toMatchObject({
      reference: response.json.reference,
      channel: 'web',
      anonymous: true,
      language: 'zh-CN',
    });
    expect(message.complaint).toEqual(complaint);
    expect(message.sealedContact).toBeUndefined();
  });

  it('accepts an HTML form post and seals the contact details before they reach the queue', async () => {
    const form = new URLSearchParams({
      description: 'The clerk at the business registration window asked for 500 yuan to speed things up.',
      anonymous: 'false',
      'contact.name': '王女士',
      'contact.phone': '+86 138 0013 8000',
      'contact.email': '',
    });
    const response = await post(
      httpEvent('POST', '/complaints', {
        body: form.toString(),
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    );

    expect(response.statusCode).toBe(202);
    const [body = ''] = await receiveAll(aws, aws.queues.intake.url);
    expect(body).not.toContain('138 0013 8000');
    expect(body).not.toContain('13800138000');
    expect(body).not.toContain('王女士');
    const message = IntakeMessageSchema.parse(JSON.parse(body));
    // The number is sealed in E.164 form, as SMS needs it.
    expect(openContact(message.sealedContact ?? '', message.reference, aws.masterKey)).toEqual({
      name: '王女士',
      phone: '+8613800138000',
    });
  });

  it('gives a retried request (same Idempotency-Key, same content) the same reference', async () => {
    const headers = { 'idempotency-key': 'form-7d1c5a0e-4b0b-4f0e-9d7a-2f7c7f1d2a10' };
    const first = await post(jsonPost('/complaints', complaint, headers));
    const retry = await post(jsonPost('/complaints', complaint, headers));
    const other = await post(
      jsonPost('/complaints', { ...complaint, description: `${complaint.description}（补充）` }, headers),
    );

    expect(retry.json.reference).toBe(first.json.reference);
    expect(retry.json.receiptCode).toBe(first.json.receiptCode);
    // A reused key with different content must not reveal the first report's receipt code.
    expect(other.json.reference).not.toBe(first.json.reference);
  });

  it.each([
    ['a short description', { description: 'too short' }, 'description'],
    ['an unknown field', { ...complaint, secretField: 1 }, '(body)'],
    [
      'contact details on an anonymous report',
      { ...complaint, contact: { phone: '13800138000' } },
      'contact',
    ],
    [
      'a named report without phone or email',
      { ...complaint, anonymous: false, contact: { name: 'A' } },
      'contact.phone',
    ],
    ['a bad email', { ...complaint, anonymous: false, contact: { email: 'not-an-email' } }, 'contact.email'],
    [
      'a phone number that is not one',
      { ...complaint, anonymous: false, contact: { phone: '12345678901', email: 'a@example.cn' } },
      'contact.phone',
    ],
    [
      'a phone number outside the regions served',
      { ...complaint, anonymous: false, contact: { phone: '+1 202 555 0143' } },
      'contact.phone',
    ],
    ['an impossible date', { ...complaint, incidentDate: '2026-13-45' }, 'incidentDate'],
  ])('refuses %s with 400, naming the field, and queues nothing', async (_, body, field) => {
    const response = await post(jsonPost('/complaints', body));

    expect(response.statusCode).toBe(400);
    expect(response.headers?.['content-type']).toContain('application/json');
    expect(response.json.error.code).toBe('invalid-request');
    expect(Object.keys(response.json.error.fields)).toContain(field);
    expect(await receiveAll(aws, aws.queues.intake.url)).toEqual([]);
  });

  it('refuses malformed JSON, other media types, bad idempotency keys and bodies over 64 KB', async () => {
    const malformed = await post(
      httpEvent('POST', '/complaints', {
        body: '{"description":',
        headers: { 'content-type': 'application/json' },
      }),
    );
    const xml = await post(
      httpEvent('POST', '/complaints', {
        body: '<complaint/>',
        headers: { 'content-type': 'application/xml' },
      }),
    );
    const badKey = await post(jsonPost('/complaints', complaint, { 'idempotency-key': 'short' }));
    const huge = await post(jsonPost('/complaints', { description: 'x'.repeat(70 * 1024) }));

    expect([malformed.statusCode, malformed.json.error.code]).toEqual([400, 'malformed-body']);
    expect([xml.statusCode, xml.json.error.code]).toEqual([415, 'unsupported-media-type']);
    expect([badKey.statusCode, badKey.json.error.code]).toEqual([400, 'invalid-idempotency-key']);
    expect([huge.statusCode, huge.json.error.code]).toEqual([413, 'payload-too-large']);
    expect(await receiveAll(aws, aws.queues.intake.url)).toEqual([]);
  });

  it('never writes the complaint text or the reporter contact details to the log', async () => {
    const before = intake.logs.length;
    await post(
      jsonPost('/complaints', {
        ...complaint,
        anonymous: false,
        contact: { phone: '13800138000', email: 'reporter@example.cn' },
      }),
    );
    await post(jsonPost('/complaints', { description: 'short', contact: { phone: '13800138000' } }));
    // Log lines cross from the function's thread a moment after its answer.
    await vi.waitFor(() => expect(intake.logs.slice(before).join('\n')).toContain('complaint accepted'));
    await new Promise((resolve) => setTimeout(resolve, 100));

    const logged = intake.logs.slice(before).join('\n');
    expect(logged).not.toContain('13800138000');
    expect(logged).not.toContain('reporter@example.cn');
    expect(logged).not.toContain('意思一下');
  });
});
