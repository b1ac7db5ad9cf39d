// The notifier on the emulators (DynamoDB, SQS, the SES emulator and the SMS outbox): who gets what, each send
// recorded once, a failing send retried alone, and the per-day SMS cap.

import { randomUUID } from 'node:crypto';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { SQSBatchResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealContact } from '#adapters/contact-sealer.ts';
import { caseKey } from '#catalog';
import type { Case } from '#domain/case.ts';
import type { NotifyJob } from '#domain/notifications/job.ts';
import { caseReference, deriveReferenceKeys, receiptCode } from '#domain/reference.ts';
import { type Emulator, startSes } from '#local/emulators.ts';
import { type SmsOutbox, sesEmails, startSmsOutbox } from '#local/sms-outbox.ts';
import { caseItem, type EmulatedAws, useEmulatedAws } from '../support/emulated-aws.ts';
import { sqsEvent } from '../support/events.ts';
import { startFunction, type TestFunction } from '../support/functions.ts';

let aws: EmulatedAws;
let ses: Emulator;
let outbox: SmsOutbox;
let notifier: TestFunction;
let brokenSms: TestFunction;
const keys = deriveReferenceKeys('test-master-key-for-references-only');

beforeAll(async () => {
  aws = await useEmulatedAws();
  ses = await startSes();
  outbox = await startSmsOutbox();
  const endpoints = { SES: ses.endpoint, PINPOINT_SMS_VOICE_V2: outbox.endpoint };
  notifier = await startFunction('notifier', aws, { endpoints });
  // Nothing listens on port 9 of loopback: every SMS fails, at once.
  brokenSms = await startFunction('notifier', aws, {
    endpoints: { ...endpoints, PINPOINT_SMS_VOICE_V2: 'http://127.0.0.1:9' },
    settings: { AWS_MAX_ATTEMPTS: '1' },
  });
});
afterAll(async () => {
  await Promise.all([notifier.stop(), brokenSms.stop(), ses.stop(), outbox.stop()]);
});

async function seedCase(overrides: Partial<Case> = {}): Promise<Case> {
  const reference = caseReference('web', randomUUID(), keys);
  const record: Case = {
    reference,
    channel: 'web',
    status: 'triaged',
    language: 'zh-CN',
    anonymous: true,
    complaint: { description: '郭扶国土所的王某某收了我两千元才肯办证', officialName: '王某某' },
    receivedAt: '2026-03-10T07:00:00.000Z',
    acknowledgeDueAt: '2026-03-11T16:00:00.000Z',
    verificationDueAt: '2026-03-13T07:00:00.000Z',
    createdAt: '2026-03-10T07:00:00.000Z',
    updatedAt: '2026-03-10T07:00:00.000Z',
    version: 1,
    history: [],
    milestonesNotified: [],
    category: 'solicitation',
    severity: 'high',
    bodyId: 'guofu-cdi',
    ...overrides,
  };
  await aws.dynamo.send(
    new PutItemCommand({
      TableName: aws.tableName,
      Item: marshall({ ...record, ...caseKey(record.reference) }, { removeUndefinedValues: true }),
    }),
  );
  return record;
}

const overdue = (reference: string, milestone = 'verification:overdue'): NotifyJob => ({
  reference,
  milestone,
  kind: 'overdue',
  clock: 'verification',
  level: 0,
  dueAt: '2026-03-13T07:00:00.000Z',
});

const run = (fn: TestFunction, jobs: unknown[]): Promise<SQSBatchResponse> =>
  fn.invoke(sqsEvent(jobs.map((job) => JSON.stringify(job))));

const emailsAbout = async (reference: string) =>
  (await sesEmails(ses.endpoint)).filter((email) => email.subject.includes(reference));
const smsAbout = (reference: string) => outbox.messages.filter((sms) => sms.text.includes(reference));

describe('notifier', () => {
  it('tells the supervisors of an overdue case by email and SMS, records it once, and sends nothing twice', async () => {
    const record = await seedCase();

    expect((await run(notifier, [overdue(record.reference)])).batchItemFailures).toEqual([]);
    expect((await run(notifier, [overdue(record.reference)])).batchItemFailures).toEqual([]);

    const emails = await emailsAbout(record.reference);
    expect(emails.map((e) => e.to)).toEqual(['supervisor@guofu-cdi.example.org']);
    expect(emails[0]?.subject).toBe(`【逾期】案件${record.reference}核查已超过期限`);
    expect(emails[0]?.text).toContain('https://hotline.example/console/#/cases/');
    expect(smsAbout(record.reference).map((s) => s.to)).toEqual(['+862355503102']);
    const item = await caseItem(aws, record.reference);
    expect(item?.notificationsSent).toEqual([
      'verification:overdue|guofu-cdi-supervisor|email',
      'verification:overdue|guofu-cdi-supervisor|sms',
    ]);
    expect(item?.history).toEqual([
      expect.objectContaining({
        action: 'notified',
        note: 'verification:overdue email → guofu-cdi-supervisor',
      }),
      expect.objectContaining({
        action: 'notified',
        note: 'verification:overdue sms → guofu-cdi-supervisor',
      }),
    ]);
    // Nothing of the complaint went out.
    for (const text of [...emails.map((e) => e.text), ...smsAbout(record.reference).map((s) => s.text)]) {
      expect(text).not.toContain('王某某');
      expect(text).not.toContain('两千元');
    }
  });

  it('acknowledges a reporter in their language with the reference, never the receipt code', async () => {
    const reference = caseReference('web', randomUUID(), keys);
    const contact = { name: 'Jane Citizen', email: 'jane@example.com', phone: '+86 138 0013 8000' };
    const record = await seedCase({
      reference,
      language: 'en',
      anonymous: false,
      sealedContact: sealContact(contact, reference, aws.masterKey),
    });

    const result = await run(notifier, [
      { reference, milestone: 'reporter:acknowledgement', kind: 'reporter-acknowledgement', level: 0 },
    ]);

    expect(result.batchItemFailures).toEqual([]);
    const [email] = await emailsAbout(record.reference);
    expect(email?.to).toBe('jane@example.com');
    expect(email?.subject).toBe(`Your complaint was received: reference ${reference}`);
    expect(email?.text).not.toContain(receiptCode(reference, keys));
    expect(email?.text).not.toContain('Jane');
    expect(smsAbout(reference).map((s) => s.to)).toEqual(['+8613800138000']);
    const item = await caseItem(aws, reference);
    // The history names the reporter as such, never by name or address.
    expect(JSON.stringify(item?.history)).not.toMatch(/jane|138 0013/i);
  });

  it('fails only the record whose send failed; the retry sends only what is missing', async () => {
    const record = await seedCase();
    const fine = await seedCase();

    const failed = await run(brokenSms, [
      overdue(record.reference),
      {
        reference: fine.reference,
        milestone: 'verification:remind-4h',
        kind: 'reminder',
        clock: 'verification',
        level: 0,
      },
    ]);

    // The reminder goes by email alone and succeeds; the overdue notice's SMS failed, its email went and is recorded.
    expect(failed.batchItemFailures).toHaveLength(1);
    expect(await emailsAbout(fine.reference)).toHaveLength(1);
    expect(await emailsAbout(record.reference)).toHaveLength(1);
    expect((await caseItem(aws, record.reference))?.notificationsSent).toEqual([
      'verification:overdue|guofu-cdi-supervisor|email',
    ]);

    const retried = await run(notifier, [overdue(record.reference)]);

    expect(retried.batchItemFailures).toEqual([]);
    expect(await emailsAbout(record.reference)).toHaveLength(1);
    expect(smsAbout(record.reference)).toHaveLength(1);
  });

  it('records each notice once when two environments work the same job at once (a duplicate delivery)', async () => {
    const record = await seedCase();
    const twin = await startFunction('notifier', aws, {
      endpoints: { SES: ses.endpoint, PINPOINT_SMS_VOICE_V2: outbox.endpoint },
    });
    try {
      const [first, second] = await Promise.all([
        run(notifier, [overdue(record.reference)]),
        run(twin, [overdue(record.reference)]),
      ]);
      expect(first.batchItemFailures).toEqual([]);
      expect(second.batchItemFailures).toEqual([]);
    } finally {
      await twin.stop();
    }
    const item = await caseItem(aws, record.reference);
    // Both may have sent (at least once), but the case records every notice exactly once, in one entry each.
    expect(item?.notificationsSent).toEqual([
      'verification:overdue|guofu-cdi-supervisor|email',
      'verification:overdue|guofu-cdi-supervisor|sms',
    ]);
    const history = (item?.history ?? []) as Case['history'];
    expect(history.map((entry) => entry.note)).toEqual([
      'verification:overdue email → guofu-cdi-supervisor',
      'verification:overdue sms → guofu-cdi-supervisor',
    ]);
  });

  it('refuses a malformed job alone', async () => {
    const record = await seedCase();
    const result = await run(notifier, [
      overdue(record.reference),
      { reference: '__proto__', kind: 'overdue' },
      'not json',
    ]);
    expect(result.batchItemFailures).toHaveLength(2);
    expect(await emailsAbout(record.reference)).toHaveLength(1);
  });

  it('caps SMS per recipient per day; email still goes', async () => {
    const record = await seedCase({ bodyId: 'gunan-cdi' });
    const cap = 10;
    const jobs = Array.from({ length: cap + 2 }, (_, i) =>
      overdue(record.reference, `verification:escalate-${i + 1}`),
    );

    for (const job of jobs) expect((await run(notifier, [job])).batchItemFailures).toEqual([]);

    expect(await emailsAbout(record.reference)).toHaveLength(cap + 2);
    expect(smsAbout(record.reference)).toHaveLength(cap);
    const item = await caseItem(aws, record.reference);
    const history = (item?.history ?? []) as { note: string }[];
    expect(history.filter((h) => h.note.includes('sms-capped'))).toHaveLength(2);
  });
});
