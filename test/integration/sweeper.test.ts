// The deadline sweeper on the emulators: due cases found through the byDue index, each milestone claimed and
// queued exactly once even with two sweepers at once, stopped clocks and closed cases left alone.
import { randomUUID } from 'node:crypto';
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { DeleteMessageBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dueIndexAttributes } from '#adapters/case-store.ts';
import { caseKey } from '#catalog';
import { deadlineCalendar, deadlineConfig } from '#config/office.ts';
import { type Case, openCase } from '#domain/case.ts';
import { clocksAfter } from '#domain/deadlines/clocks.ts';
import { INTAKE_MESSAGE_KIND } from '#domain/intake-message.ts';
import { caseReference, deriveReferenceKeys } from '#domain/reference.ts';
import { caseItem, type EmulatedAws, useEmulatedAws } from '../support/emulated-aws.ts';
import { startFunction, type TestFunction } from '../support/functions.ts';

const HOUR = 3_600_000;
const keys = deriveReferenceKeys('test-master-key-for-references-only');

/**
 * The functions' clock in each run of these tests: the real one, and awkward dates it once failed on or might
 * (the sweeper runs on the local runtime's HOTLINE_CLOCK_START, from the instant the test's functions started).
 */
const CLOCKS: readonly (readonly [string, string | undefined])[] = [
  ['real time', undefined],
  ['a Sunday night in UTC that is Monday morning in Shanghai', '2026-12-06T23:50:00Z'],
  ['the eve of National Day', '2026-09-30T22:30:00+08:00'],
  ['a make-up Saturday', '2026-10-10T09:00:00+08:00'],
  ['the last minute of a year', '2026-12-31T23:59:00+08:00'],
];

interface Job {
  reference: string;
  milestone: string;
  kind: string;
}

describe.each(CLOCKS)('deadline sweeper, the clock at %s', (_label, startAt) => {
  let aws: EmulatedAws;
  const sweepers: TestFunction[] = [];
  const origin = Date.now();
  const start = startAt === undefined ? origin : Date.parse(startAt);
  /** The functions' "now". */
  const now = () => start + (Date.now() - origin);
  const clockSettings: Record<string, string> =
    startAt === undefined
      ? {}
      : {
          HOTLINE_CLOCK_SPEED: '1',
          HOTLINE_CLOCK_ORIGIN: String(origin),
          HOTLINE_CLOCK_START: String(start),
        };

  beforeAll(async () => {
    aws = await useEmulatedAws();
    sweepers.push(
      await startFunction('deadline-sweeper', aws, { settings: clockSettings }),
      await startFunction('deadline-sweeper', aws, { settings: clockSettings }),
    );
  });
  afterAll(async () => {
    await Promise.all(sweepers.map((s) => s.stop()));
  });

  /** A case received `hoursAgo` before now, with its clocks worked out, written as the worker would write it. */
  async function seedCase(hoursAgo: number, overrides: Partial<Case> = {}): Promise<Case> {
    const receivedAt = new Date(now() - hoursAgo * HOUR).toISOString();
    const opened = openCase(
      {
        kind: INTAKE_MESSAGE_KIND,
        reference: caseReference('web', randomUUID(), keys),
        channel: 'web',
        receivedAt,
        language: 'zh-CN',
        anonymous: true,
        complaint: { description: '三角镇便民服务中心的窗口人员一直推诿，让我跑了五趟。' },
      },
      new Date(receivedAt),
    );
    const { record } = clocksAfter(
      {
        ...opened,
        status: 'triaged',
        category: 'obstruction',
        severity: 'normal',
        bodyId: 'guofu-cdi',
        ...overrides,
      },
      deadlineCalendar,
      deadlineConfig,
    );
    await aws.dynamo.send(
      new PutItemCommand({
        TableName: aws.tableName,
        Item: marshall(
          { ...record, ...caseKey(record.reference), ...dueIndexAttributes(record) },
          { removeUndefinedValues: true },
        ),
      }),
    );
    return record;
  }

  /** Every job on the notify queue, taken off it. */
  async function drainJobs(): Promise<Job[]> {
    const jobs: Job[] = [];
    for (let empty = 0; empty < 2; ) {
      const { Messages = [] } = await aws.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: aws.queues.notify.url,
          MaxNumberOfMessages: 10,
          VisibilityTimeout: 60,
        }),
      );
      if (Messages.length === 0) {
        empty++;
        continue;
      }
      jobs.push(...Messages.map((m) => JSON.parse(m.Body ?? '{}') as Job));
      await aws.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: aws.queues.notify.url,
          Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
        }),
      );
    }
    return jobs;
  }

  it('two sweepers at once over hundreds of due cases queue each milestone exactly once', async () => {
    // Received 80 h ago: the acknowledgement (1 working day) is overdue at least, the verification (72 h) too.
    const seeded = await Promise.all(Array.from({ length: 240 }, () => seedCase(80)));

    const runs = await Promise.all([
      sweepers[0]?.invoke({}),
      sweepers[1]?.invoke({}),
      sweepers[0]?.invoke({}),
    ]);

    const jobs = await drainJobs();
    const seen = jobs.map((j) => `${j.reference}|${j.milestone}`);
    expect(new Set(seen).size).toBe(seen.length);
    const references = new Set(seeded.map((c) => c.reference));
    expect(new Set(jobs.map((j) => j.reference))).toEqual(references);
    // Each case's verification went overdue; that is sent, the reminders before it are claimed but not sent.
    for (const reference of references) {
      expect(seen).toContain(`${reference}|verification:overdue`);
      expect(seen).not.toContain(`${reference}|verification:remind-24h`);
    }
    const claimed = runs.reduce((sum, run) => sum + run.claimed, 0);
    expect(claimed).toBe(240);
    const one = await caseItem(aws, [...references][0] ?? '');
    expect(one?.milestonesNotified).toEqual(
      expect.arrayContaining(['verification:remind-24h', 'verification:remind-4h', 'verification:overdue']),
    );
    expect(one?.version).toBe(2);
    // It waits in the index for its next milestone, the first repeat escalation.
    expect(one?.dueOrder).toBe(`${one?.nextDueAt}#${one?.reference}`);
    expect(Date.parse(String(one?.nextDueAt))).toBeGreaterThan(now());

    // A second round finds nothing due.
    const again = await sweepers[1]?.invoke({});
    expect(again.claimed).toBe(0);
    expect(await drainJobs()).toEqual([]);
  });

  it('a case acknowledged and verified in time gets no reminder and leaves the index', async () => {
    // Received 30 h ago and concluded at once; the stale due time (as a lifecycle write might leave it) is in the past.
    const record = await seedCase(30, {
      acknowledgedAt: new Date(now() - 29 * HOUR).toISOString(),
      concludedAt: new Date(now() - 28 * HOUR).toISOString(),
    });
    await aws.dynamo.send(
      new PutItemCommand({
        TableName: aws.tableName,
        Item: marshall({
          ...record,
          nextDueAt: new Date(now() - HOUR).toISOString(),
          ...caseKey(record.reference),
          ...dueIndexAttributes({ ...record, nextDueAt: new Date(now() - HOUR).toISOString() }),
        }),
      }),
    );

    await sweepers[0]?.invoke({});

    expect((await drainJobs()).filter((j) => j.reference === record.reference)).toEqual([]);
    const item = await caseItem(aws, record.reference);
    expect(item?.milestonesNotified).toEqual([]);
    expect(item?.nextDueAt).toBeUndefined();
    expect(item?.dueShard).toBeUndefined();
    expect(item?.dueOrder).toBeUndefined();
  });

  it('closed cases leave the index and are never swept', async () => {
    const closed = await seedCase(100, { status: 'closed', closedAt: new Date().toISOString() });
    const open = await seedCase(100);
    expect(closed.nextDueAt).toBeUndefined();
    expect((await caseItem(aws, closed.reference))?.dueShard).toBeUndefined();

    const run = await sweepers[1]?.invoke({});

    const jobs = await drainJobs();
    expect(jobs.some((j) => j.reference === closed.reference)).toBe(false);
    expect(jobs.some((j) => j.reference === open.reference)).toBe(true);
    // Only the open case was read: the index never held the closed one.
    expect(run.due).toBe(1);
    expect(run.caseItemsRead).toBe(1);
  });

  it('leaves cases not yet due untouched', async () => {
    const fresh = await seedCase(1);
    const run = await sweepers[0]?.invoke({});
    expect(run.due).toBe(0);
    expect(await caseItem(aws, fresh.reference)).toMatchObject({ version: 1, milestonesNotified: [] });
  });
});
