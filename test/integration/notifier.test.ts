// The notifier on the emulators (DynamoDB, SQS, the SES emulator and the SMS outbox): who gets what, each message
// claimed before it is sent and recorded once after, a failing send retried alone, and the per-day SMS cap.

import { randomUUID } from 'node:crypto';
import type { SQSBatchResponse } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealContact } from '#adapters/contact-sealer.ts';
import { deadlineConfig } from '#config/office.ts';
import type { Case } from '#domain/case.ts';
import type { NotifyJob } from '#domain/notifications/job.ts';
import { caseReference, deriveReferenceKeys, receiptCode } from '#domain/reference.ts';
import { type Emulator, startSes } from '#local/emulators.ts';
import { type SmsOutbox, sesEmails, startSmsOutbox } from '#local/sms-outbox.ts';
import {
  caseEvents,
  type EmulatedAws,
  seedCaseItems,
  sendRecords,
  useEmulatedAws,
} from '../support/emulated-aws.ts';
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

async function seedCase(overrides: Partial<Case> = {}, sealedContact?: string): Promise<Case> {
  const reference = overrides.reference ?? caseReference('web', randomUUID(), keys);
  const record: Case = {
    reference,
    channel: 'web',
    status: 'triaged',
    language: 'zh-CN',
    anonymous: true,
    complaint: { officialName: '王某某' },
    receivedAt: '2026-03-10T07:00:00.000Z',
    acknowledgeDueAt: '2026-03-11T16:00:00.000Z',
    verificationDueAt: '2026-03-13T07:00:00.000Z',
    createdAt: '2026-03-10T07:00:00.000Z',
    updatedAt: '2026-03-10T07:00:00.000Z',
    version: 1,
    milestonesNotified: [],
    category: 'solicitation',
    severity: 'high',
    bodyId: 'guofu-cdi',
    ...overrides,
  };
  await seedCaseItems(aws, record, {
    description: '郭扶国土所的王某某收了我两千元才肯办证',
    ...(sealedContact === undefined ? {} : { sealedContact }),
  });
  return record;
}

const overdue = (reference: string, milestone = 'verification:overdue'): NotifyJob => ({
  reference,
  milestone,
  kind: 'overdue',
  clock: 'verification',
  level: 0,
  dueAt: '2026-03-13T07:00:00.000Z',
  at: '2026-03-13T07:00:00.000Z',
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
    // One record per message, an event of the case of its own, confirmed after the send.
    expect(await sendRecords(aws, record.reference)).toEqual([
      { key: 'verification:overdue|guofu-cdi-supervisor|email', state: 'sent', attempts: 1 },
      { key: 'verification:overdue|guofu-cdi-supervisor|sms', state: 'sent', attempts: 1 },
    ]);
    const events = await caseEvents(aws, record.reference);
    expect(events.filter((e) => e.kind === 'notified').map((e) => e.at)).toEqual([
      '2026-03-13T07:00:00.000Z',
      '2026-03-13T07:00:00.000Z',
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
    const record = await seedCase(
      { reference, language: 'en', anonymous: false, hasContact: true },
      sealContact(contact, reference, aws.masterKey),
    );

    const result = await run(notifier, [
      {
        reference,
        milestone: 'reporter:acknowledgement',
        kind: 'reporter-acknowledgement',
        level: 0,
        at: record.receivedAt,
      },
    ]);

    expect(result.batchItemFailures).toEqual([]);
    const [email] = await emailsAbout(record.reference);
    expect(email?.to).toBe('jane@example.com');
    expect(email?.subject).toBe(`Your complaint was received: reference ${reference}`);
    expect(email?.text).not.toContain(receiptCode(reference, keys));
    expect(email?.text).not.toContain('Jane');
    expect(smsAbout(reference).map((s) => s.to)).toEqual(['+8613800138000']);
    // The records name the reporter as such, never by name, address or number.
    const records = (await caseEvents(aws, reference)).filter((e) => e.kind === 'notified');
    expect(records.map((r) => (r.details as { recipient: string }).recipient)).toEqual([
      'reporter',
      'reporter',
    ]);
    expect(JSON.stringify(records)).not.toMatch(/jane|138 ?0013|8000/i);
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
        at: '2026-03-12T07:00:00.000Z',
      },
    ]);

    // The reminder goes by email alone and succeeds; the overdue notice's SMS failed, its email went and is recorded.
    expect(failed.batchItemFailures).toHaveLength(1);
    expect(await emailsAbout(fine.reference)).toHaveLength(1);
    expect(await emailsAbout(record.reference)).toHaveLength(1);
    expect(await sendRecords(aws, record.reference)).toEqual([
      { key: 'verification:overdue|guofu-cdi-supervisor|email', state: 'sent', attempts: 1 },
      { key: 'verification:overdue|guofu-cdi-supervisor|sms', state: 'failed-send', attempts: 1 },
    ]);

    const retried = await run(notifier, [overdue(record.reference)]);

    expect(retried.batchItemFailures).toEqual([]);
    expect(await emailsAbout(record.reference)).toHaveLength(1);
    expect(smsAbout(record.reference)).toHaveLength(1);
    expect((await sendRecords(aws, record.reference)).map((r) => r.state)).toEqual(['sent', 'sent']);
  });

  it('sends each message once when two environments work the same job at once (a duplicate delivery)', async () => {
    const record = await seedCase();
    const twin = await startFunction('notifier', aws, {
      endpoints: { SES: ses.endpoint, PINPOINT_SMS_VOICE_V2: outbox.endpoint },
    });
    try {
      const results = await Promise.all([
        run(notifier, [overdue(record.reference)]),
        run(twin, [overdue(record.reference)]),
      ]);
      // Whichever found a message claimed by the other leaves it, and its record comes back later.
      for (const retry of results.filter((r) => r.batchItemFailures.length > 0)) {
        expect(retry.batchItemFailures).toHaveLength(1);
      }
      // Its redelivery finds every message sent, and sends nothing.
      expect((await run(notifier, [overdue(record.reference)])).batchItemFailures).toEqual([]);
    } finally {
      await twin.stop();
    }
    expect(await emailsAbout(record.reference)).toHaveLength(1);
    expect(smsAbout(record.reference)).toHaveLength(1);
    expect(await sendRecords(aws, record.reference)).toEqual([
      { key: 'verification:overdue|guofu-cdi-supervisor|email', state: 'sent', attempts: 1 },
      { key: 'verification:overdue|guofu-cdi-supervisor|sms', state: 'sent', attempts: 1 },
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
    const cap = deadlineConfig.smsCap.perRecipientPerDay;
    const jobs = Array.from({ length: cap + 2 }, (_, i) =>
      overdue(record.reference, `verification:escalate-${i + 1}`),
    );

    for (const job of jobs) expect((await run(notifier, [job])).batchItemFailures).toEqual([]);

    expect(await emailsAbout(record.reference)).toHaveLength(cap + 2);
    expect(smsAbout(record.reference)).toHaveLength(cap);
    const records = await sendRecords(aws, record.reference);
    expect(records.filter((r) => r.state.startsWith('sms-capped'))).toHaveLength(2);
  });
});
