// `npm run bench:record`: what the case record costs, measured on the emulators in one run.
//  1. Write and read units of a whole case life (a prompt case, a serious one, one ignored until its escalations run
//     out), metered as AWS bills them (local/capacity-meter.ts), with the messages each sent.
//  2. GET /stats (30 and 366 days) and GET /cases?status=received at growing numbers of seeded cases: items read
//     and the median time.
//  3. The largest head one case reaches through thousands of events (transfers with the longest note, views, sends).
//  4. 10,000 milestones due at one instant: one invocation sweeping case by case (the shape of the sweep before)
//     against the fan-out (one invocation per shard, many cases at a time), as a ratio.
// Traffic stays on 127.0.0.1 and the benchmark stops by itself. Knobs: BENCH_RECORD_SCALES (1000,10000,100000),
// BENCH_RECORD_EVENTS (3000), BENCH_RECORD_DUE (10000), BENCH_RECORD_ROUNDS (5).
import { randomUUID } from 'node:crypto';
import {
  BatchWriteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { DeleteMessageBatchCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import {
  dayFromShards,
  sealedThrough,
  setSealedThrough,
  shardItem,
  writeRollup,
} from '#adapters/aggregates.ts';
import { indexAttributes } from '#adapters/case-store.ts';
import { sealContact } from '#adapters/contact-sealer.ts';
import { itemSize } from '#adapters/item-size.ts';
import { caseKey, functionNamed, type QueueName } from '#catalog';
import { deadlineCalendar, deadlineConfig } from '#config/office.ts';
import { aggregatesOf } from '#domain/aggregates.ts';
import { type Case, openCase } from '#domain/case.ts';
import { localDay } from '#domain/deadlines/calendar.ts';
import { clocksAfter } from '#domain/deadlines/clocks.ts';
import { snapshotOf } from '#domain/events.ts';
import { INTAKE_MESSAGE_KIND } from '#domain/intake-message.ts';
import { caseReference, deriveReferenceKeys } from '#domain/reference.ts';
import { type CapacityTotals, meterCapacity } from '#local/capacity-meter.ts';
import { startDynamoDb, startSes, startSqs } from '#local/emulators.ts';
import { baseEnvironment, functionEnvironment } from '#local/environment.ts';
import { FunctionPool, workerEnvironments } from '#local/lambda.ts';
import { ensureCaseTable, ensureQueues, type QueueAddresses } from '#local/resources.ts';
import { DEVELOPMENT_CHANNEL_SECRETS } from '#local/runtime.ts';
import { sesEmails, startSmsOutbox } from '#local/sms-outbox.ts';
import { signedInEvent, sqsEvent } from '../test/support/events.ts';
import { median, ratio, table } from './stats.ts';

const SCALES = (process.env.BENCH_RECORD_SCALES ?? '1000,10000,100000').split(',').map(Number);
const EVENTS = Number(process.env.BENCH_RECORD_EVENTS ?? 3000);
const DUE = Number(process.env.BENCH_RECORD_DUE ?? 10_000);
const ROUNDS = Number(process.env.BENCH_RECORD_ROUNDS ?? 5);
/** What a call from a Lambda to DynamoDB or SQS takes in a region, roughly (the sweep comparison's model). */
const LATENCY_MS = Number(process.env.BENCH_RECORD_LATENCY_MS ?? 10);
const MASTER = 'bench-master-key-for-references-only-000000';
const keys = deriveReferenceKeys(MASTER);
const region = 'us-east-1';
const credentials = { AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench' };
const sdk = { region, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } };
const HOUR = 3_600_000;

const dynamoEmulator = await startDynamoDb();
const sqsEmulator = await startSqs();
const ses = await startSes({ port: 0 });
const outbox = await startSmsOutbox();
const dynamo = new DynamoDBClient({ ...sdk, endpoint: dynamoEmulator.endpoint });
const sqs = new SQSClient({ ...sdk, endpoint: sqsEmulator.endpoint, useQueueUrlAsEndpoint: false });

/** A function of the catalog in its own environments, pointed at these emulators (DynamoDB through `dynamodb`). */
async function pool(
  name: string,
  tableName: string,
  queues: Record<QueueName, QueueAddresses>,
  dynamodb: string,
  environments = 1,
) {
  const spec = functionNamed(name);
  const environment = functionEnvironment(
    spec,
    {
      tableName,
      queues,
      secrets: { master: MASTER, ...DEVELOPMENT_CHANNEL_SECRETS },
      publicUrl: 'http://localhost',
      emailSender: 'bench@localhost',
      smsOriginator: 'BENCH',
      signIn: { signIn: 'local' },
      evidenceBucket: 'bench-evidence',
    },
    baseEnvironment({
      region,
      credentials,
      endpoints: {
        DYNAMODB: dynamodb,
        SQS: sqsEmulator.endpoint,
        SES: ses.endpoint,
        SESV2: ses.endpoint,
        PINPOINT_SMS_VOICE_V2: outbox.endpoint,
      },
      logLevel: process.env.BENCH_LOGS ?? 'ERROR',
      metricsDisabled: true,
    }),
  );
  const fn = new FunctionPool(
    spec,
    workerEnvironments(spec, {
      environment,
      region,
      ...(process.env.BENCH_LOGS
        ? { logSink: (line: string) => console.error(name, line.slice(0, 500)) }
        : {}),
    }),
    environments,
  );
  await fn.warm();
  return fn;
}

/** Hands every message of a queue to a function until the queue is empty. */
async function drain(queueUrl: string, fn: FunctionPool): Promise<number> {
  let handed = 0;
  for (let empty = 0; empty < 2; ) {
    const { Messages = [] } = await sqs.send(
      new ReceiveMessageCommand({
        QueueUrl: queueUrl,
        MaxNumberOfMessages: 10,
        MessageSystemAttributeNames: ['SentTimestamp'],
      }),
    );
    if (Messages.length === 0) {
      empty++;
      continue;
    }
    // Projections are looked at as if their delay had passed.
    await fn.invoke(
      sqsEvent(
        Messages.map((m) => m.Body ?? ''),
        Messages.map((m) => ({
          SentTimestamp: String(Number(m.Attributes?.SentTimestamp ?? Date.now()) - 5000),
        })),
      ),
    );
    handed += Messages.length;
    await sqs.send(
      new DeleteMessageBatchCommand({
        QueueUrl: queueUrl,
        Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
      }),
    );
  }
  return handed;
}

async function batchWrite(tableName: string, items: Record<string, unknown>[], lanes = 8): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < items.length) {
        const start = next;
        next += 25;
        let request: Record<string, WriteRequest[]> | undefined = {
          [tableName]: items.slice(start, start + 25).map((item) => ({
            PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) },
          })),
        };
        while (request !== undefined && Object.keys(request).length > 0) {
          const answer: { UnprocessedItems?: Record<string, WriteRequest[]> } = await dynamo.send(
            new BatchWriteItemCommand({ RequestItems: request }),
          );
          request = answer.UnprocessedItems;
        }
      }
    }),
  );
}

// ---- 1. A whole case life, metered -------------------------------------------------------------------------------

async function caseLives(): Promise<string> {
  const totals: CapacityTotals = { tableWrites: 0, indexWrites: 0, reads: 0 };
  const meter = await meterCapacity(dynamoEmulator.endpoint, totals);
  const tableName = 'bench-life';
  await ensureCaseTable(dynamo, tableName);
  const queues = await ensureQueues(sqs, 'bench-life');
  const [worker, actions, sweeper, notifier, projector] = await Promise.all(
    ['intake-worker', 'cases-action', 'deadline-shard-sweeper', 'notifier', 'case-projector'].map((name) =>
      pool(name, tableName, queues, meter.endpoint),
    ),
  );
  const settle = async () => {
    for (let round = 0; round < 3; round++) {
      await drain(queues.notify.url, notifier as FunctionPool);
      await drain(queues.events.url, projector as FunctionPool);
    }
  };
  const messagesBefore = async () => ({
    email: (await sesEmails(ses.endpoint)).length,
    sms: outbox.messages.length,
  });

  async function life(description: string, act: boolean) {
    const before = { ...totals };
    const sentBefore = await messagesBefore();
    const reference = caseReference('web', randomUUID(), keys);
    const receivedAt = new Date().toISOString();
    const message = {
      kind: INTAKE_MESSAGE_KIND,
      reference,
      channel: 'web',
      receivedAt,
      language: 'zh-CN',
      anonymous: false,
      complaint: { description, subjectUnit: '三角镇便民服务中心' },
      sealedContact: sealContact(
        { email: 'reporter@example.org', phone: '+8613800138000' },
        reference,
        MASTER,
      ),
    };
    const opened = (await (worker as FunctionPool).invoke(sqsEvent([JSON.stringify(message)]))) as {
      batchItemFailures: unknown[];
    };
    if (opened.batchItemFailures.length > 0) throw new Error('the worker did not open the case');
    await settle();
    if (act) {
      for (const step of [
        { action: 'acknowledge' },
        { action: 'verify' },
        {
          action: 'substantiate',
          findings: '经核查属实。',
          sanctions: [{ person: '窗口工作人员', kinds: ['admonition_talk'] }],
        },
        { action: 'close' },
      ]) {
        const { Item } = await dynamo.send(
          new GetItemCommand({
            TableName: tableName,
            Key: marshall(caseKey(reference)),
            ConsistentRead: true,
          }),
        );
        const head = unmarshall(Item ?? {});
        const version = Number(head.version);
        // An investigator of the body the case went to.
        const person = { id: `${String(head.bodyId)}-investigator`, role: 'investigator' };
        const answer = (await (actions as FunctionPool).invoke(
          signedInEvent('POST', `/cases/${reference}/actions`, person, {
            body: { ...step, expectedVersion: version },
            pathParameters: { reference },
          }),
        )) as { statusCode: number };
        if (answer.statusCode !== 200) {
          throw new Error(
            `${step.action}: ${answer.statusCode} ${JSON.stringify(answer)} (body ${unmarshall(Item ?? {}).bodyId})`,
          );
        }
        await settle();
      }
    }
    // The sweeps of the case's life: one at each time something falls due, until nothing is left.
    for (let sweeps = 0; sweeps < 100; sweeps++) {
      const { Item } = await dynamo.send(
        new GetItemCommand({ TableName: tableName, Key: marshall(caseKey(reference)), ConsistentRead: true }),
      );
      const head = unmarshall(Item ?? {});
      if (head.nextDueAt === undefined || head.dueShard === undefined) break;
      await (sweeper as FunctionPool).invoke(
        sqsEvent([
          JSON.stringify({
            shard: head.dueShard,
            until: new Date(Date.parse(String(head.nextDueAt)) + 60_000).toISOString(),
          }),
        ]),
      );
      await settle();
    }
    const sent = await messagesBefore();
    const { Item: finalHead } = await dynamo.send(
      new GetItemCommand({ TableName: tableName, Key: marshall(caseKey(reference)), ConsistentRead: true }),
    );
    return {
      headBytes: itemSize(finalHead ?? {}),
      tableWrites: totals.tableWrites - before.tableWrites,
      indexWrites: totals.indexWrites - before.indexWrites,
      reads: totals.reads - before.reads,
      email: sent.email - sentBefore.email,
      sms: sent.sms - sentBefore.sms,
    };
  }

  const rows: string[][] = [];
  const lives: [string, string, boolean, string][] = [
    ['typical prompt case', '三角镇便民服务中心的窗口人员一直推诿，说材料不全，让我跑了五趟。', true, '≤ 15'],
    [
      'serious case (critical, announced)',
      '三角镇便民服务中心窗口的人要我给两千块钱才给盖章。',
      true,
      '≤ 40',
    ],
    [
      'case ignored until its escalations run out',
      '三角镇便民服务中心的窗口人员一直推诿，说材料不全，让我跑了五趟。',
      false,
      '≤ 150',
    ],
  ];
  for (const [label, description, act, goal] of lives) {
    const cost = await life(description, act);
    rows.push([
      label,
      String(cost.tableWrites),
      String(cost.indexWrites),
      String(cost.tableWrites + cost.indexWrites),
      cost.reads.toFixed(1),
      goal,
      `${cost.email} / ${cost.sms}`,
      `${cost.headBytes} B`,
    ]);
  }
  await Promise.all([worker, actions, sweeper, notifier, projector].map((fn) => (fn as FunctionPool).stop()));
  await meter.stop();
  return table(
    ['case life', 'table WRU', 'index WRU', 'all WRU', 'RRU', 'goal (table WRU)', 'emails / SMS'],
    rows,
  );
}

// ---- 2. Statistics and a selective list at growing numbers of cases ----------------------------------------------

/** Heads written as the worker writes them: most cases closed long ago, a constant working set of open ones. */
function seededHead(i: number, now: number): Record<string, unknown> {
  const bodies = ['guofu-cdi', 'gunan-cdi', 'sanjiao-cdi', 'district-cdi'];
  const receivedAt = new Date(now - 30 * 60_000 - (i % 365) * 24 * HOUR - (i % 1000) * 1000).toISOString();
  const opened = openCase(
    {
      kind: INTAKE_MESSAGE_KIND,
      reference: caseReference('web', randomUUID(), keys),
      channel: 'web',
      receivedAt,
      language: 'zh-CN',
      anonymous: true,
      complaint: { description: '窗口人员一直推诿，让我跑了五趟。' },
    },
    new Date(receivedAt),
  );
  // The first 200 are the office's open work (a few still waiting for triage: "received"); the rest are closed.
  const open = i < 200;
  const status = open ? (i % 10 === 0 ? 'received' : 'acknowledged') : 'closed';
  const record = clocksAfter(
    {
      ...opened,
      status,
      category: 'obstruction',
      severity: 'normal',
      bodyId: bodies[i % bodies.length] as string,
      ...(open ? {} : { closedAt: receivedAt, concludedAt: receivedAt, outcome: 'unfounded' as const }),
    },
    deadlineCalendar,
    deadlineConfig,
  ).record;
  return { ...record, ...caseKey(record.reference), ...indexAttributes(record) };
}

async function atScale(): Promise<string> {
  const tableName = 'bench-scale';
  await ensureCaseTable(dynamo, tableName);
  const queues = await ensureQueues(sqs, 'bench-scale');
  const [stats, list] = await Promise.all([
    pool('cases-stats', tableName, queues, dynamoEmulator.endpoint),
    pool('cases-list', tableName, queues, dynamoEmulator.endpoint),
  ]);
  const now = Date.now();
  const rows: string[][] = [];
  let seeded = 0;
  const supervisor = { id: 'district-cdi-supervisor', role: 'supervisor' };
  for (const scale of SCALES) {
    const started = performance.now();
    const heads: Record<string, unknown>[] = [];
    for (let i = seeded; i < scale; i++) heads.push(seededHead(i, now));
    await batchWrite(tableName, heads);
    // Their openings counted as the projector counts them, and every settled day rolled up, as the hourly job does.
    const shards = aggregatesOf(
      heads.map((head) => ({
        reference: String(head.reference),
        version: 1,
        kind: 'opened' as const,
        at: String(head.receivedAt),
        after: snapshotOf(head as unknown as Case),
      })),
      deadlineCalendar,
    );
    // A scale adds to the shards already there: the seeded ids are new, so the counts add.
    const existing = new Map<string, Record<string, unknown>>();
    for (const shard of shards.values()) {
      const { Item } = await dynamo.send(
        new GetItemCommand({
          TableName: tableName,
          Key: marshall({ pk: `AGG#${shard.bodyId}#${shard.day}`, sk: `S#${shard.shard}` }),
        }),
      );
      if (Item !== undefined) existing.set(`${shard.bodyId}|${shard.day}|${shard.shard}`, unmarshall(Item));
    }
    await batchWrite(
      tableName,
      [...shards.entries()].map(([key, shard]) => {
        const old = existing.get(key);
        const counts = { ...shard.counts };
        for (const [name, value] of Object.entries(old ?? {})) {
          if (name.startsWith('c:')) counts[name.slice(2)] = (counts[name.slice(2)] ?? 0) + Number(value);
        }
        const seen = new Set([...shard.seen, ...((old?.seen as Set<string> | undefined) ?? [])]);
        return shardItem({ ...shard, counts, seen });
      }),
    );
    await useTable(tableName);
    const settled = localDay(new Date(now - 2 * 24 * HOUR), deadlineCalendar);
    for (const bodyId of [
      'guofu-cdi',
      'gunan-cdi',
      'sanjiao-cdi',
      'district-cdi',
      'city-cdi',
      'unassigned',
    ]) {
      const from =
        (await sealedThrough(bodyId)) || localDay(new Date(now - 370 * 24 * HOUR), deadlineCalendar);
      // Re-rolled from the first day, as the seeding added to settled days (a rebuild does the same).
      await setSealedThrough(bodyId, settled);
      for (
        let day = from;
        day <= settled;
        day = new Date(Date.parse(`${day}T12:00:00Z`) + 24 * HOUR).toISOString().slice(0, 10)
      ) {
        await writeRollup(bodyId, day, (await dayFromShards(bodyId, day)).counts, undefined).catch(
          () => false,
        );
      }
    }
    seeded = scale;
    const seedSeconds = (performance.now() - started) / 1000;
    const measure = async (fn: FunctionPool, path: string, query: Record<string, string>) => {
      const times: number[] = [];
      let itemsRead = 0;
      for (let round = 0; round < ROUNDS; round++) {
        const event = signedInEvent('GET', path, supervisor);
        const t = performance.now();
        const answer = (await fn.invoke({ ...event, queryStringParameters: query })) as {
          statusCode: number;
          body: string;
        };
        times.push(performance.now() - t);
        if (answer.statusCode !== 200) throw new Error(`${path}: ${answer.statusCode} ${answer.body}`);
        itemsRead = Number(JSON.parse(answer.body).itemsRead);
      }
      return { ms: median(times), itemsRead };
    };
    const today = localDay(new Date(now), deadlineCalendar);
    const from = (days: number) => localDay(new Date(now - (days - 1) * 24 * HOUR), deadlineCalendar);
    const s30 = await measure(stats, '/stats', { from: from(30), to: today });
    const s366 = await measure(stats, '/stats', { from: from(366), to: today });
    const received = await measure(list, '/cases', { status: 'received' });
    rows.push([
      scale.toLocaleString('en'),
      `${seedSeconds.toFixed(0)} s`,
      `${s30.itemsRead}`,
      `${s30.ms.toFixed(0)} ms`,
      `${s366.itemsRead}`,
      `${s366.ms.toFixed(0)} ms`,
      `${received.itemsRead}`,
      `${received.ms.toFixed(0)} ms`,
    ]);
    console.log(`  … ${scale.toLocaleString('en')} cases measured`);
  }
  await Promise.all([stats.stop(), list.stop()]);
  const first = rows[0];
  const last = rows.at(-1);
  const ms = (cell: string | undefined) => Number((cell ?? '0').replace(' ms', ''));
  return `${table(
    [
      'cases',
      'seeded in',
      'stats 30 d: items',
      'time',
      'stats 366 d: items',
      'time',
      'status=received: items',
      'time',
    ],
    rows,
  )}\n\nlargest ÷ smallest: stats 30 d ${ratio(ms(last?.[3]), ms(first?.[3]))}, stats 366 d ${ratio(ms(last?.[5]), ms(first?.[5]))}, status=received ${ratio(ms(last?.[7]), ms(first?.[7]))} (goal ≤ 1.50×)`;
}

// ---- 3. The largest head one case reaches -------------------------------------------------------------------------

/** Points this process's adapters at a table of these emulators (parts 3 and 4 call them directly). */
async function useTable(tableName: string, queues?: Record<QueueName, QueueAddresses>): Promise<void> {
  // The adapters build their clients once, on first use: behind proxies whose delay the sweep comparison sets.
  proxies ??= {
    dynamodb: await latencyProxy(dynamoEmulator.endpoint),
    sqs: await latencyProxy(sqsEmulator.endpoint),
  };
  Object.assign(process.env, {
    HOTLINE_TABLE_NAME: tableName,
    AWS_ENDPOINT_URL_DYNAMODB: proxies.dynamodb.endpoint,
    AWS_ENDPOINT_URL_SQS: proxies.sqs.endpoint,
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    ...(queues === undefined
      ? {}
      : { HOTLINE_NOTIFY_QUEUE_URL: queues.notify.url, HOTLINE_SWEEP_QUEUE_URL: queues.sweep.url }),
  });
}

let proxies:
  | {
      dynamodb: { endpoint: string; stop(): Promise<void> };
      sqs: { endpoint: string; stop(): Promise<void> };
    }
  | undefined;

async function largestHead(): Promise<string> {
  const tableName = 'bench-events';
  await ensureCaseTable(dynamo, tableName);
  await useTable(tableName);
  const { commitTransition, appendEvent, findCase } = await import('#adapters/case-store.ts');
  const { claimSend, settle } = await import('#adapters/notification-log.ts');
  const { applyAction, TEXT_LIMITS } = await import('#domain/lifecycle/actions.ts');
  const { triageConfig } = await import('#config/triage-config.ts');
  const receivedAt = new Date(Date.now() - HOUR).toISOString();
  const start: Case = {
    ...openCase(
      {
        kind: INTAKE_MESSAGE_KIND,
        reference: caseReference('web', randomUUID(), keys),
        channel: 'web',
        receivedAt,
        language: 'zh-CN',
        anonymous: false,
        sealedContact: 'v1.x.y',
        // The longest facts a form may give, in three-byte characters.
        complaint: {
          description: '郭扶镇国土所窗口的工作人员索要好处费才肯办证。',
          subjectUnit: '郭'.repeat(200),
          officialName: '王'.repeat(100),
          location: '镇'.repeat(200),
          amountDemanded: '两'.repeat(50),
        },
      },
      new Date(receivedAt),
    ),
    status: 'triaged',
    category: 'solicitation',
    severity: 'normal',
    unitId: 'guofu-land-office',
    bodyId: 'guofu-cdi',
  };
  await batchWrite(tableName, [
    {
      ...start,
      transitions: [Date.parse(receivedAt)],
      ...caseKey(start.reference),
      ...indexAttributes(start),
    },
  ]);
  let current = start;
  let largest = 0;
  const note = '经初步了解，该事项涉及多个部门，需转交相关机关统一核查处理。'
    .repeat(80)
    .slice(0, TEXT_LIMITS.note);
  const t = performance.now();
  let events = 0;
  for (let i = 0; events < EVENTS; i++) {
    const at = new Date(Date.parse(receivedAt) + 60_000 + i * 1000);
    const step = applyAction(
      current,
      {
        action: 'transfer',
        expectedVersion: current.version,
        targetBodyId: i % 2 === 0 ? 'district-cdi' : 'guofu-cdi',
        note,
      },
      {
        caller: { id: 'guofu-cdi-investigator' },
        now: at,
        routing: triageConfig.routing,
        calendar: deadlineCalendar,
        deadlines: deadlineConfig,
        complaint: { description: '索要好处费' },
      },
    );
    if ((await commitTransition(current, step)) !== 'committed') throw new Error('a transfer did not commit');
    await appendEvent(
      {
        reference: start.reference,
        kind: 'contact-viewed',
        at: at.toISOString(),
        actor: 'guofu-cdi-supervisor',
      },
      `V#${i}`,
    );
    const key = {
      reference: start.reference,
      at: at.toISOString(),
      milestone: `verification:escalate-${i}`,
      recipient: 'guofu-cdi-supervisor',
      channel: 'email' as const,
    };
    await claimSend(key, at);
    await settle(key, 'sent');
    events += 3;
    current = (await findCase(start.reference)) as Case;
    if (i % 50 === 0 || events >= EVENTS) {
      const { Item } = await dynamo.send(
        new GetItemCommand({
          TableName: tableName,
          Key: marshall(caseKey(start.reference)),
          ConsistentRead: true,
        }),
      );
      largest = Math.max(largest, itemSize(Item ?? {}));
    }
  }
  return `${events.toLocaleString('en')} events (a transfer with a ${TEXT_LIMITS.note}-character note, a contact view and a sent message, in turn) in ${((performance.now() - t) / 1000).toFixed(0)} s: every write worked; the largest head was ${largest.toLocaleString('en')} bytes as DynamoDB counts them (bound ${(8 * 1024).toLocaleString('en')}).`;
}

// ---- 4. 10,000 milestones due at one instant ----------------------------------------------------------------------

async function sweepAtOneInstant(): Promise<string> {
  const { sweepShard } = await import('../functions/handlers/deadline-shard-sweeper.ts');
  const { dueShards } = await import('#adapters/due-cases.ts');
  const seedDue = async (tableName: string) => {
    const heads: Record<string, unknown>[] = [];
    const receivedAt = new Date(Date.now() - 80 * HOUR).toISOString();
    for (let i = 0; i < DUE; i++) {
      const record = clocksAfter(
        {
          ...openCase(
            {
              kind: INTAKE_MESSAGE_KIND,
              reference: caseReference('web', randomUUID(), keys),
              channel: 'web',
              receivedAt,
              language: 'zh-CN',
              anonymous: true,
              complaint: { description: '窗口人员一直推诿，让我跑了五趟。' },
            },
            new Date(receivedAt),
          ),
          status: 'triaged',
          category: 'obstruction',
          severity: 'normal',
          bodyId: 'guofu-cdi',
        },
        deadlineCalendar,
        deadlineConfig,
      ).record;
      heads.push({
        ...record,
        transitions: [Date.parse(receivedAt)],
        ...caseKey(record.reference),
        ...indexAttributes(record),
      });
    }
    await batchWrite(tableName, heads);
  };
  const until = new Date().toISOString();
  // Both shapes run in this process against the same emulators, each call delayed by LATENCY_MS as a call from a
  // Lambda to DynamoDB or SQS is: on two cores the emulators' CPU, not the sweep's shape, would decide otherwise.
  const dynamoProxy = await latencyProxy(dynamoEmulator.endpoint);
  const sqsProxy = await latencyProxy(sqsEmulator.endpoint);
  const run = async (tableName: string, parallel: boolean) => {
    await ensureCaseTable(dynamo, tableName);
    const queues = await ensureQueues(sqs, tableName);
    await seedDue(tableName);
    await useTable(tableName, queues);
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: dynamoProxy.endpoint,
      AWS_ENDPOINT_URL_SQS: sqsProxy.endpoint,
    });
    const t = performance.now();
    const swept = parallel
      ? await Promise.all(dueShards().map((shard) => sweepShard({ shard, until }, () => 600_000)))
      : await (async () => {
          const all = [];
          for (const shard of dueShards()) all.push(await sweepShard({ shard, until }, () => 600_000, 1));
          return all;
        })();
    const ms = performance.now() - t;
    latency.ms = 0;
    return { ms, claimed: swept.reduce((sum, s) => sum + s.claimed, 0) };
  };
  // Before: one invocation, one shard after the other, one case at a time (the shape of the sweep this replaced).
  const one = await run('bench-sweep-one', false);
  // Now: every shard at once (in AWS, an invocation each), 16 cases at a time in each.
  const fan = await run('bench-sweep-fan', true);
  return `${DUE.toLocaleString('en')} cases due at one instant, every call delayed ${LATENCY_MS} ms: case by case in one invocation ${(one.ms / 1000).toFixed(1)} s (${one.claimed} claimed); fanned out over 16 shards, 16 at a time ${(fan.ms / 1000).toFixed(1)} s (${fan.claimed} claimed): ${ratio(one.ms, fan.ms)} faster.`;
}

/** The delay the latency proxies add now (0 outside the sweep comparison). */
const latency = { ms: 0 };

/** A loopback proxy that holds every request `latency.ms` before passing it on. */
async function latencyProxy(target: string): Promise<{ endpoint: string; stop(): Promise<void> }> {
  const { createServer, request } = await import('node:http');
  const { closeServer } = await import('#local/emulators.ts');
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () =>
      setTimeout(() => {
        const forward = request(
          {
            hostname: upstream.hostname,
            port: upstream.port,
            path: req.url,
            method: req.method,
            headers: req.headers,
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
          },
        );
        forward.on('error', () => res.end());
        forward.end(Buffer.concat(chunks));
      }, latency.ms),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as { port: number };
  return { endpoint: `http://127.0.0.1:${port}`, stop: () => closeServer(server) };
}

console.log(`Sunshine Hotline — the case record, ${new Date().toISOString()}, Node ${process.version}\n`);
console.log('1. Write and read units of a whole case life (metered at the emulator as AWS bills them):');
console.log(await caseLives());
console.log('\n2. Statistics and a selective list as cases accumulate (median of', ROUNDS, 'runs each):');
console.log(await atScale());
console.log('\n3. The largest head one case reaches:');
console.log(await largestHead());
console.log('\n4. The sweep of milestones due at one instant:');
console.log(await sweepAtOneInstant());

dynamo.destroy();
sqs.destroy();
await Promise.all([proxies?.dynamodb.stop(), proxies?.sqs.stop()]);
await Promise.all([dynamoEmulator.stop(), sqsEmulator.stop(), ses.stop(), outbox.stop()]);
