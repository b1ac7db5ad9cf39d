// `npm run bench:sweep`: one sweep over 100,000 cases of which 1% are due, through the byDue index, next to a Scan
// of the same table in the same run: items read per due item and time, with their ratio. On loopback emulators.
import { randomUUID } from 'node:crypto';
import {
  BatchWriteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  QueryCommand,
  ScanCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import { DUE_SHARDS, dueIndexAttributes } from '#adapters/case-store.ts';
import { caseKey, functionNamed } from '#catalog';
import { deadlineCalendar, deadlineConfig } from '#config/office.ts';
import { openCase } from '#domain/case.ts';
import { clocksAfter } from '#domain/deadlines/clocks.ts';
import { INTAKE_MESSAGE_KIND } from '#domain/intake-message.ts';
import { caseReference, deriveReferenceKeys } from '#domain/reference.ts';
import { startDynamoDb, startSqs } from '#local/emulators.ts';
import { baseEnvironment, functionEnvironment } from '#local/environment.ts';
import { FunctionPool, workerEnvironments } from '#local/lambda.ts';
import { ensureCaseTable, ensureQueues } from '#local/resources.ts';
import { DEVELOPMENT_CHANNEL_SECRETS } from '#local/runtime.ts';
import { ratio, table } from './stats.ts';

const CASES = Number(process.env.BENCH_SWEEP_CASES ?? 100_000);
const DUE_SHARE = 0.01;
const HOUR = 3_600_000;
const region = 'us-east-1';
const credentials = { AWS_ACCESS_KEY_ID: 'bench', AWS_SECRET_ACCESS_KEY: 'bench' };
const sdk = { region, credentials: { accessKeyId: 'bench', secretAccessKey: 'bench' } };

const dynamoEmulator = await startDynamoDb();
const sqsEmulator = await startSqs();
const dynamo = new DynamoDBClient({ ...sdk, endpoint: dynamoEmulator.endpoint });
const sqs = new SQSClient({ ...sdk, endpoint: sqsEmulator.endpoint, useQueueUrlAsEndpoint: false });
const tableName = 'bench-sweep-cases';
await ensureCaseTable(dynamo, tableName);
const queues = await ensureQueues(sqs, 'bench-sweep');
const keys = deriveReferenceKeys('bench-master-key-for-references-only-000000');

/** A case as the worker writes it: due cases were received 80 h ago (overdue), the rest within the last hour. */
function caseItem(i: number, due: boolean): Record<string, unknown> {
  const receivedAt = new Date(Date.now() - (due ? 80 * HOUR : (i % 60) * 60_000)).toISOString();
  const opened = openCase(
    {
      kind: INTAKE_MESSAGE_KIND,
      reference: caseReference('web', randomUUID(), keys),
      channel: 'web',
      receivedAt,
      language: 'zh-CN',
      anonymous: true,
      complaint: { description: '三角镇便民服务中心的窗口人员一直推诿，说材料不全，让我跑了五趟。' },
    },
    new Date(receivedAt),
  );
  const { record } = clocksAfter(
    { ...opened, status: 'triaged', category: 'obstruction', severity: 'normal', bodyId: 'guofu-cdi' },
    deadlineCalendar,
    deadlineConfig,
  );
  return { ...record, ...caseKey(record.reference), ...dueIndexAttributes(record) };
}

console.log(`Seeding ${CASES.toLocaleString('en')} cases (${DUE_SHARE * 100}% due) into dynalite…`);
const seedStarted = performance.now();
const dueEvery = Math.round(1 / DUE_SHARE);
let next = 0;
await Promise.all(
  Array.from({ length: 8 }, async () => {
    while (next < CASES) {
      const start = next;
      next += 25;
      const items = Array.from({ length: Math.min(25, CASES - start) }, (_, j) =>
        caseItem(start + j, (start + j) % dueEvery === 0),
      );
      let request: Record<string, WriteRequest[]> | undefined = {
        [tableName]: items.map((item) => ({
          PutRequest: { Item: marshall(item, { removeUndefinedValues: true }) },
        })),
      };
      while (request !== undefined && Object.keys(request).length > 0) {
        const { UnprocessedItems }: { UnprocessedItems?: Record<string, WriteRequest[]> } = await dynamo.send(
          new BatchWriteItemCommand({ RequestItems: request }),
        );
        request = UnprocessedItems;
      }
    }
  }),
);
const dueCount = Math.ceil(CASES / dueEvery);
console.log(`seeded in ${((performance.now() - seedStarted) / 1000).toFixed(0)} s; ${dueCount} due.\n`);

// The scan an engineer might write instead: every item read, the due ones filtered out afterwards.
const now = new Date().toISOString();
const scanStarted = performance.now();
let scanned = 0;
let scanDue = 0;
let start: Record<string, unknown> | undefined;
do {
  const page = await dynamo.send(
    new ScanCommand({
      TableName: tableName,
      FilterExpression: 'nextDueAt <= :now',
      ExpressionAttributeValues: marshall({ ':now': now }),
      // biome-ignore lint/suspicious/noExplicitAny: the SDK's key type, passed back as received.
      ...(start === undefined ? {} : { ExclusiveStartKey: start as any }),
    }),
  );
  scanned += page.ScannedCount ?? 0;
  scanDue += page.Count ?? 0;
  start = page.LastEvaluatedKey;
} while (start !== undefined);
const scanMs = performance.now() - scanStarted;

// The sweeper's reads alone, from this process: the index up to now on each shard, then each due case.
const readsStarted = performance.now();
let indexRead = 0;
let casesRead = 0;
for (let shard = 0; shard < DUE_SHARDS; shard++) {
  let from: Record<string, unknown> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: 'byDue',
        KeyConditionExpression: 'dueShard = :shard AND dueOrder <= :now',
        ExpressionAttributeValues: marshall({ ':shard': `DUE#${shard}`, ':now': `${now}#~` }),
        ProjectionExpression: '#ref',
        ExpressionAttributeNames: { '#ref': 'reference' },
        Limit: 100,
        // biome-ignore lint/suspicious/noExplicitAny: the SDK's key type, passed back as received.
        ...(from === undefined ? {} : { ExclusiveStartKey: from as any }),
      }),
    );
    indexRead += page.ScannedCount ?? 0;
    for (const item of page.Items ?? []) {
      await dynamo.send(
        new GetItemCommand({
          TableName: tableName,
          Key: marshall(caseKey(String(item.reference?.S))),
          ConsistentRead: true,
        }),
      );
      casesRead++;
    }
    from = page.LastEvaluatedKey;
  } while (from !== undefined);
}
const readsMs = performance.now() - readsStarted;

// The sweeper itself, in its execution environment with exactly its catalog environment.
const spec = functionNamed('deadline-sweeper');
const environment = functionEnvironment(
  spec,
  {
    tableName,
    queues,
    secrets: { master: 'bench-master-key-for-references-only-000000', ...DEVELOPMENT_CHANNEL_SECRETS },
    publicUrl: 'http://localhost',
    emailSender: 'bench@localhost',
    smsOriginator: 'BENCH',
    signIn: { signIn: 'local' },
    evidenceBucket: 'bench-evidence',
  },
  baseEnvironment({
    region,
    credentials,
    endpoints: { DYNAMODB: dynamoEmulator.endpoint, SQS: sqsEmulator.endpoint },
    logLevel: 'ERROR',
    metricsDisabled: true,
  }),
);
const pool = new FunctionPool(spec, workerEnvironments(spec, { environment, region }), 1);
await pool.warm();
const sweepStarted = performance.now();
const summary = (await pool.invoke({})) as {
  due: number;
  claimed: number;
  queued: number;
  indexItemsRead: number;
  caseItemsRead: number;
  stoppedEarly: boolean;
};
const sweepMs = performance.now() - sweepStarted;
await pool.stop();

const sweepRead = summary.indexItemsRead + summary.caseItemsRead;
console.log(
  table(
    ['', 'items read', 'due found', 'items read per due item', 'time (ms)'],
    [
      [
        'byDue query + GetItem (the sweep’s reads)',
        String(indexRead + casesRead),
        String(casesRead),
        ((indexRead + casesRead) / casesRead).toFixed(2),
        readsMs.toFixed(0),
      ],
      [
        'Scan of the same table, filtered',
        String(scanned),
        String(scanDue),
        (scanned / scanDue).toFixed(2),
        scanMs.toFixed(0),
      ],
      [
        'Scan ÷ byDue reads',
        ratio(scanned, indexRead + casesRead),
        '',
        ratio(scanned / scanDue, (indexRead + casesRead) / casesRead),
        ratio(scanMs, readsMs),
      ],
      [
        'whole sweep (reads, claims, queueing)',
        String(sweepRead),
        String(summary.due),
        (sweepRead / summary.due).toFixed(2),
        sweepMs.toFixed(0),
      ],
    ],
  ),
);
console.log(
  `\nScan ÷ byDue: ${ratio(scanned / scanDue, (indexRead + casesRead) / casesRead)} items read per due item, ${ratio(scanMs, readsMs)} the time.`,
);
console.log(
  `The sweep claimed ${summary.claimed} cases and queued ${summary.queued} notifications` +
    `${summary.stoppedEarly ? ' (stopped early for time)' : ''}; its time includes those writes and messages, the Scan's only reads.`,
);

dynamo.destroy();
sqs.destroy();
await Promise.all([dynamoEmulator.stop(), sqsEmulator.stop()]);
