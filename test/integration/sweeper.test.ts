// The deadline sweep on the emulators: the coordinator queues one job per shard of the due index; each shard's
// sweeper finds due cases through the index, queues each milestone's notices and then claims it, once, even with
// two sweepers at once; a crash between the two loses nothing; stopped clocks and closed cases are left alone; a case
// whose sweep keeps failing is set aside. Run under several clocks: the dates deadlines once failed on.
import { randomUUID } from 'node:crypto';
import { UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { DeleteMessageBatchCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DUE_SHARDS } from '#adapters/case-store.ts';
import { dueShards, MAX_SWEEP_FAILURES } from '#adapters/due-cases.ts';
import { caseKey } from '#catalog';
import { deadlineCalendar, deadlineConfig } from '#config/office.ts';
import { type Case, openCase } from '#domain/case.ts';
import { clocksAfter } from '#domain/deadlines/clocks.ts';
import { INTAKE_MESSAGE_KIND } from '#domain/intake-message.ts';
import { caseReference, deriveReferenceKeys } from '#domain/reference.ts';
import { caseItem, type EmulatedAws, seedCaseItems, useEmulatedAws } from '../support/emulated-aws.ts';
import { sqsEvent } from '../support/events.ts';
import { type FaultProxy, INTERNAL_ERROR, startFaultProxy } from '../support/fault-proxy.ts';
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
  ['the last hour of a year', '2026-12-31T23:00:00+08:00'],
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

  let coordinator: TestFunction;
  /** A shard sweeper whose claims the table refuses: it crashes between queueing and claiming. */
  let crashing: TestFunction;
  let refuseClaims: FaultProxy;

  beforeAll(async () => {
    aws = await useEmulatedAws();
    const options = { settings: clockSettings, logLevel: 'INFO' };
    sweepers.push(
      await startFunction('deadline-shard-sweeper', aws, options),
      await startFunction('deadline-shard-sweeper', aws, options),
    );
    coordinator = await startFunction('deadline-sweeper', aws, options);
    refuseClaims = await startFaultProxy(aws.endpoints.DYNAMODB, (operation, body) =>
      operation.endsWith('.UpdateItem') && body.includes('milestonesNotified') ? INTERNAL_ERROR : 'pass',
    );
    crashing = await startFunction('deadline-shard-sweeper', aws, {
      ...options,
      endpoints: { DYNAMODB: refuseClaims.endpoint },
      settings: { ...clockSettings, AWS_MAX_ATTEMPTS: '1' },
    });
  });
  afterAll(async () => {
    await Promise.all([...sweepers, coordinator, crashing].map((s) => s.stop()));
    await refuseClaims.stop();
  });

  interface Tally {
    due: number;
    claimed: number;
    lost: number;
    queued: number;
    failed: number;
    setAside: number;
  }

  /** Sweeps every shard with one function up to now, as the coordinator's jobs would; its summed tallies. */
  async function sweep(fn: TestFunction): Promise<Tally> {
    const until = new Date(now()).toISOString();
    const result = await fn.invoke(sqsEvent(dueShards().map((shard) => JSON.stringify({ shard, until }))));
    expect(result.batchItemFailures).toEqual([]);
    expect(result.swept).toHaveLength(DUE_SHARDS);
    const tally: Tally = { due: 0, claimed: 0, lost: 0, queued: 0, failed: 0, setAside: 0 };
    for (const shard of result.swept as Record<string, number>[]) {
      for (const key of Object.keys(tally) as (keyof Tally)[]) tally[key] += shard[key] ?? 0;
    }
    return tally;
  }

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
    await seedCaseItems(aws, record);
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

  it('the coordinator queues one job per shard, up to its own time', async () => {
    const started = await coordinator.invoke({});
    expect(started.shards).toBe(DUE_SHARDS);
    const jobs: { shard: string; until: string }[] = [];
    for (let empty = 0; empty < 2; ) {
      const { Messages = [] } = await aws.sqs.send(
        new ReceiveMessageCommand({ QueueUrl: aws.queues.sweep.url, MaxNumberOfMessages: 10 }),
      );
      if (Messages.length === 0) empty++;
      jobs.push(...Messages.map((m) => JSON.parse(m.Body ?? '{}')));
      if (Messages.length > 0) {
        await aws.sqs.send(
          new DeleteMessageBatchCommand({
            QueueUrl: aws.queues.sweep.url,
            Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
          }),
        );
      }
    }
    expect(jobs.map((j) => j.shard).sort()).toEqual([...dueShards()].sort());
    // Its clock, not the test's: under HOTLINE_CLOCK_START it sweeps the day the functions live in.
    expect(Math.abs(Date.parse(jobs[0]?.until ?? '') - now())).toBeLessThan(60_000);
  });

  it('two sweepers at once over hundreds of due cases claim each milestone exactly once', async () => {
    // Received 80 h ago: the acknowledgement (1 working day) is overdue at least, the verification (72 h) too.
    const seeded = await Promise.all(Array.from({ length: 240 }, () => seedCase(80)));

    const runs = await Promise.all([sweep(sweepers[0] as TestFunction), sweep(sweepers[1] as TestFunction)]);

    const jobs = await drainJobs();
    const references = new Set(seeded.map((c) => c.reference));
    expect(new Set(jobs.map((j) => j.reference))).toEqual(references);
    // Each case's verification went overdue; that is sent, the reminders before it are claimed but not sent.
    const seen = new Set(jobs.map((j) => `${j.reference}|${j.milestone}`));
    for (const reference of references) {
      expect(seen).toContain(`${reference}|verification:overdue`);
      expect(seen).not.toContain(`${reference}|verification:remind-24h`);
    }
    // Every case claimed once: by one sweeper or the other, never both.
    expect(runs[0].claimed + runs[1].claimed).toBe(240);
    // A notice queued twice comes only from a claim lost to the other sweeper (the send records absorb it).
    const perCase = Math.max(...[...references].map((r) => jobs.filter((j) => j.reference === r).length));
    expect(jobs.length - seen.size).toBeLessThanOrEqual((runs[0].lost + runs[1].lost) * perCase);
    expect(runs[0].queued + runs[1].queued).toBe(jobs.length);
    for (const reference of references) {
      const head = await caseItem(aws, reference);
      const claimed = head?.milestonesNotified as string[];
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed).toEqual(
        expect.arrayContaining(['verification:remind-24h', 'verification:remind-4h', 'verification:overdue']),
      );
      // A claim is not a transition: nobody's action is made stale by a sweep.
      expect(head?.version).toBe(1);
      // It waits in the index for its next milestone, the first repeat escalation.
      expect(head?.dueOrder).toBe(`${head?.nextDueAt}#${head?.reference}`);
      expect(Date.parse(String(head?.nextDueAt))).toBeGreaterThan(now());
    }

    // A second round finds nothing due.
    expect((await sweep(sweepers[1] as TestFunction)).claimed).toBe(0);
    expect(await drainJobs()).toEqual([]);
  });

  it('a sweeper that crashes between queueing and claiming loses nothing: the next sweep queues and claims', async () => {
    const record = await seedCase(80);

    const crashed = await sweep(crashing);

    expect(crashed.failed).toBeGreaterThanOrEqual(1);
    const first = (await drainJobs()).filter((j) => j.reference === record.reference);
    expect(first.map((j) => j.milestone)).toContain('verification:overdue');
    expect((await caseItem(aws, record.reference))?.milestonesNotified).toEqual([]);
    // One failure counted, far from being set aside; the case is still due.
    expect((await caseItem(aws, record.reference))?.sweepFailures).toBe(1);

    const healthy = await sweep(sweepers[0] as TestFunction);

    expect(healthy.claimed).toBeGreaterThanOrEqual(1);
    const second = (await drainJobs()).filter((j) => j.reference === record.reference);
    // The same milestones again (the notifier's records make the duplicate a no-op), now claimed once.
    expect(second.map((j) => j.milestone).sort()).toEqual(first.map((j) => j.milestone).sort());
    const head = await caseItem(aws, record.reference);
    expect(head?.milestonesNotified).toEqual(
      expect.arrayContaining(['verification:remind-24h', 'verification:remind-4h', 'verification:overdue']),
    );
    expect(head).not.toHaveProperty('sweepFailures');
  });

  it(`a case whose sweep fails ${MAX_SWEEP_FAILURES} times in a row is set aside, out of the index`, async () => {
    const record = await seedCase(80);
    for (let attempt = 1; attempt < MAX_SWEEP_FAILURES; attempt++) {
      expect((await sweep(crashing)).setAside).toBe(0);
    }
    expect((await sweep(crashing)).setAside).toBe(1);
    const head = await caseItem(aws, record.reference);
    expect(head?.sweepSetAsideAt).toBeDefined();
    expect(head).not.toHaveProperty('dueShard');
    // Not retried for ever: the next sweep does not even see it.
    const after = await sweep(crashing);
    expect(after.failed).toBe(0);
    await drainJobs();
  });

  it('a case acknowledged and verified in time gets no reminder and leaves the index', async () => {
    // Received 30 h ago and concluded at once; a stale due time (as a lifecycle write might leave it) in the past.
    const record = await seedCase(30, {
      acknowledgedAt: new Date(now() - 29 * HOUR).toISOString(),
      concludedAt: new Date(now() - 28 * HOUR).toISOString(),
    });
    const stale = new Date(now() - HOUR).toISOString();
    await aws.dynamo.send(
      new UpdateItemCommand({
        TableName: aws.tableName,
        Key: marshall(caseKey(record.reference)),
        UpdateExpression: 'SET nextDueAt = :due, dueShard = :shard, dueOrder = :order',
        ExpressionAttributeValues: marshall({
          ':due': stale,
          ':shard': 'DUE#0',
          ':order': `${stale}#${record.reference}`,
        }),
      }),
    );

    await sweep(sweepers[0] as TestFunction);

    expect((await drainJobs()).filter((j) => j.reference === record.reference)).toEqual([]);
    const item = await caseItem(aws, record.reference);
    expect(item?.milestonesNotified).toEqual([]);
    expect(item?.nextDueAt).toBeUndefined();
    expect(item?.dueShard).toBeUndefined();
    expect(item?.dueOrder).toBeUndefined();
  });

  it('closed cases leave the index and are never swept', async () => {
    const closed = await seedCase(100, { status: 'closed', closedAt: new Date(now()).toISOString() });
    const open = await seedCase(100);
    expect(closed.nextDueAt).toBeUndefined();
    expect((await caseItem(aws, closed.reference))?.dueShard).toBeUndefined();

    const run = await sweep(sweepers[1] as TestFunction);

    const jobs = await drainJobs();
    expect(jobs.some((j) => j.reference === closed.reference)).toBe(false);
    expect(jobs.some((j) => j.reference === open.reference)).toBe(true);
    // Only the open case was due: the index never held the closed one.
    expect(run.due).toBe(1);
  });

  it('leaves cases not yet due untouched', async () => {
    // Received just now: an hour ago was the day before between midnight and 1 a.m. in Shanghai, when the first
    // reminder (24 hours before the end of the next working day) is already due.
    const fresh = await seedCase(0);
    const run = await sweep(sweepers[0] as TestFunction);
    expect(run.due).toBe(0);
    expect(await caseItem(aws, fresh.reference)).toMatchObject({ version: 1, milestonesNotified: [] });
  });
});
