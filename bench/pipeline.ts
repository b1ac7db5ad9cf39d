// Complaints per second from HTTP POST to case written, on the local runtime, next to the raw PutItem rate of the
// same DynamoDB emulator measured in the same run: serious complaints (announced to investigators: about a dozen AWS
// calls each) and plain ones (no notices: one SendMessage and one PutItem, the pipeline the goal was first set
// for). Traffic goes to 127.0.0.1 only and stops by itself.
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';
import { BatchGetItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { marshall } from '@aws-sdk/util-dynamodb';
import { caseKey } from '#catalog';
import { startLocalRuntime } from '#local/runtime.ts';
import { median, ratio, table } from './stats.ts';

const COMPLAINTS = Number(process.env.BENCH_COMPLAINTS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const FLOOD = Number(process.env.BENCH_FLOOD ?? 300);
const DEADLINE_MS = 120_000;

/**
 * POSTs JSON with node:http over kept-alive connections. The benchmark's client shares the runtime's main thread,
 * and fetch (undici) costs that thread several times what the gateway spends on the same request.
 */
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
function postJson(url: string, body: unknown): Promise<{ status: number; json: () => unknown }> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const call = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('error', reject);
        response.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          resolve({ status: response.statusCode ?? 0, json: () => JSON.parse(text) });
        });
      },
    );
    call.on('error', reject);
    call.end(payload);
  });
}

async function inParallel<T>(count: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < count) {
        const i = next++;
        results[i] = await task(i);
      }
    }),
  );
  return results;
}

/** The references among `references` whose case is written (a projection of the key only: a light read). */
async function written(
  dynamo: DynamoDBClient,
  tableName: string,
  references: string[],
): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < references.length; i += 100) {
    const keys = references.slice(i, i + 100).map((r) => marshall(caseKey(r)));
    const { Responses } = await dynamo.send(
      new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: keys, ProjectionExpression: 'pk' } } }),
    );
    for (const item of Responses?.[tableName] ?? []) found.add(String(item.pk?.S).replace(/^CASE#/, ''));
  }
  return found;
}

/**
 * Waits until every reference is a case, asking only about those not yet seen, so the benchmark's own reads cost
 * the emulator little while the pipeline is still writing.
 */
async function untilWritten(
  dynamo: DynamoDBClient,
  tableName: string,
  references: string[],
  deadline: number,
  pauseMs: number,
): Promise<void> {
  let missing = references;
  while (missing.length > 0) {
    const found = await written(dynamo, tableName, missing);
    missing = missing.filter((reference) => !found.has(reference));
    if (missing.length === 0) return;
    if (performance.now() > deadline) throw new Error(`${missing.length} cases were not written in time`);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
}

/**
 * Waits until every queue of the runtime is empty (nothing waiting, nothing in flight): the notifications of the
 * complaints before have all been sent. Each measurement starts on a quiet runtime, so neither side pays for the
 * other's leftovers (the notifier works through a serious complaint's notices for seconds after its case is written).
 */
async function quiet(sqs: SQSClient, queueUrls: readonly string[]): Promise<void> {
  const deadline = performance.now() + DEADLINE_MS;
  for (;;) {
    let depth = 0;
    for (const url of queueUrls) {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: url,
          AttributeNames: [
            'ApproximateNumberOfMessages',
            'ApproximateNumberOfMessagesNotVisible',
            'ApproximateNumberOfMessagesDelayed',
          ],
        }),
      );
      depth +=
        Number(Attributes.ApproximateNumberOfMessages ?? 0) +
        Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) +
        Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0);
    }
    if (depth === 0) return;
    if (performance.now() > deadline) throw new Error(`${depth} messages still queued`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const cpuMs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) / 1000;

/** Seconds from the first POST until every one of `count` complaints is a case. */
async function timeToCases(
  runtime: { url: string; tableName: string },
  dynamo: DynamoDBClient,
  count: number,
  complaint: (i: number) => Record<string, string>,
): Promise<number> {
  const started = performance.now();
  const references = await inParallel(count, async (i) => {
    const response = await postJson(`${runtime.url}/complaints`, complaint(i));
    if (response.status !== 202) throw new Error(`intake answered ${response.status}`);
    return (response.json() as { reference: string }).reference;
  });
  await untilWritten(dynamo, runtime.tableName, references, started + DEADLINE_MS, 20);
  return (performance.now() - started) / 1000;
}

/**
 * A complaint of the kind the pipeline goal was first set for (1 SendMessage + 1 PutItem): rude service, low
 * severity, anonymous, no official named — no announcement, no notices, no related-case query.
 */
const plainComplaint = (tag: string) => ({
  description: `第${tag}号：古南街道统计站的工作人员态度很差，问什么都爱答不理。`,
  subjectUnit: '古南统计站',
});

/** A flood about one official against as many complaints about different officials, in the same run. */
async function benchFlood(
  runtime: { url: string; tableName: string },
  dynamo: DynamoDBClient,
  quietened: () => Promise<void>,
) {
  const run = randomUUID().slice(0, 6);
  const about = (official: string, i: number) => ({
    description: `第${i}位群众反映：郭扶镇国土所的${official}办证时索要好处费三百元，不给就拖着不办。`,
    subjectUnit: '郭扶国土所',
    officialName: official,
  });
  const many = await timeToCases(runtime, dynamo, FLOOD, (i) => about(`工作人员${run}-${i}`, i));
  await quietened();
  const one = await timeToCases(runtime, dynamo, FLOOD, (i) => about(`赵${run}`, i));
  return { many, one };
}

const SDK = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };
const RUNTIME = { port: 0, sesPort: 0, dataDir: null, env: { POWERTOOLS_LOG_LEVEL: 'ERROR' } } as const;

/**
 * AWS calls per complaint and per status lookup, counted at the emulators by caller (each function's SDK names
 * it), on a runtime of its own so the counting proxies do not slow the throughput rounds.
 */
/** The functions' calls so far (not the runtime's pollers, not this benchmark's probes). */
const functionCalls = (calls: Record<string, number>) =>
  Object.entries(calls)
    .filter(([name]) => !name.startsWith('- '))
    .reduce((sum, [, n]) => sum + n, 0);

/** Waits until no function has called AWS for 1.5 s: every asynchronous consequence has run. */
async function settled(calls: Record<string, number>): Promise<void> {
  let last = -1;
  let quietSince = performance.now();
  for (const deadline = performance.now() + DEADLINE_MS; performance.now() < deadline; ) {
    const now = functionCalls(calls);
    if (now !== last) {
      last = now;
      quietSince = performance.now();
    } else if (performance.now() - quietSince > 1500) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** `intake-web AmazonSQS.SendMessage` → `intake-web  SQS SendMessage`. */
const readable = (name: string) =>
  name
    .replace('DynamoDB_20120810.', 'DynamoDB ')
    .replace('AmazonSQS.', 'SQS ')
    .replace('PinpointSMSVoiceV2.', 'SMS ')
    .replace(/ POST \/$/, ' SES SendEmail');

export interface CallsResult {
  readonly table: string;
  /** The functions' AWS calls per serious complaint, all operations together. */
  readonly perComplaint: number;
}

export async function benchCalls(): Promise<CallsResult> {
  const count = 50;
  const runtime = await startLocalRuntime({ ...RUNTIME, resourcePrefix: 'calls', countCalls: true });
  const dynamo = new DynamoDBClient({ ...SDK, endpoint: runtime.endpoints.dynamodb });
  const sqs = new SQSClient({ ...SDK, endpoint: runtime.endpoints.sqs, useQueueUrlAsEndpoint: false });
  const queueUrls = Object.values(runtime.queues).map((queue) => queue.url);
  try {
    const before = { ...runtime.calls };
    const answers = await inParallel(count, async (i) => {
      const response = await postJson(`${runtime.url}/complaints`, {
        description: `第${i}号：三角镇公共服务中心的人说要给好处费才办低保，索要五百元。`,
        officialName: `工作人员${i}`,
      });
      return response.json() as { reference: string; receiptCode: string };
    });
    const references = answers.map((a) => a.reference);
    await untilWritten(dynamo, runtime.tableName, references, performance.now() + DEADLINE_MS, 50);
    // A serious complaint is announced to its investigators after the case is written: wait for that to end too
    // (every queue empty, then no call for a while), so no notice is counted against the status lookups.
    await quiet(sqs, queueUrls);
    await settled(runtime.calls);
    const afterIntake = { ...runtime.calls };
    await inParallel(count, async (i) => {
      const answer = answers[i] as { reference: string; receiptCode: string };
      await postJson(`${runtime.url}/complaints/${answer.reference}/status`, {
        receiptCode: answer.receiptCode,
      });
    });
    await quiet(sqs, queueUrls);
    await settled(runtime.calls);
    const afterLookups = { ...runtime.calls };
    const plain = await inParallel(count, async (i) => {
      const response = await postJson(`${runtime.url}/complaints`, plainComplaint(`calls-${i}`));
      return (response.json() as { reference: string }).reference;
    });
    await untilWritten(dynamo, runtime.tableName, plain, performance.now() + DEADLINE_MS, 50);
    await quiet(sqs, queueUrls);
    await settled(runtime.calls);
    const afterPlain = { ...runtime.calls };
    const rows: string[][] = [];
    let perComplaint = 0;
    const per = (from: Record<string, number>, to: Record<string, number>, what: string) => {
      for (const [name, total] of Object.entries(to).sort()) {
        const calls = total - (from[name] ?? 0);
        // Only the functions' calls: the runtime's pollers and this benchmark's own probes are not the pipeline's.
        if (calls > 0 && !name.startsWith('- ')) {
          rows.push([what, readable(name), (calls / count).toFixed(2)]);
          if (to === afterIntake) perComplaint += calls / count;
        }
      }
    };
    per(before, afterIntake, 'per complaint (serious: announced)');
    per(afterIntake, afterLookups, 'per status lookup');
    per(afterLookups, afterPlain, 'per plain complaint (low, no notices)');
    return { table: table(['', 'function and AWS operation', 'calls'], rows), perComplaint };
  } finally {
    dynamo.destroy();
    sqs.destroy();
    await runtime.stop();
  }
}

export interface PipelineResult {
  readonly table: string;
  readonly pipelinePerSecond: number;
  /** Plain complaints (no notices: 1 SendMessage + 1 PutItem) per second, POST → case written. */
  readonly plainPerSecond: number;
  readonly rawPutPerSecond: number;
  /** CPU of the whole process per raw PutItem (client and emulator), ms. */
  readonly cpuPerRawPutMs: number;
  /** CPU of the whole process per complaint, POST → last notification sent, ms. */
  readonly cpuPerComplaintMs: number;
}

export async function benchPipeline(): Promise<PipelineResult> {
  const runtime = await startLocalRuntime({ ...RUNTIME, resourcePrefix: 'bench' });
  const dynamo = new DynamoDBClient({ ...SDK, endpoint: runtime.endpoints.dynamodb });
  const sqs = new SQSClient({ ...SDK, endpoint: runtime.endpoints.sqs, useQueueUrlAsEndpoint: false });
  const queueUrls = Object.values(runtime.queues).map((queue) => queue.url);
  try {
    const pipelineRates: number[] = [];
    const plainRates: number[] = [];
    const putRates: number[] = [];
    // CPU time of this whole process (every thread: client, gateway, environments, emulators) per item.
    const pipelineCpuMs: number[] = [];
    const putCpuMs: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      await quiet(sqs, queueUrls);
      const pipelineCpu = process.cpuUsage();
      const seconds = await timeToCases(runtime, dynamo, COMPLAINTS, (i) => ({
        description: `第${round}-${i}号：古南街道统计站工作人员要求“意思一下”才肯盖章，索要三百元。`,
        subjectUnit: '古南统计站',
      }));
      pipelineRates.push(COMPLAINTS / seconds);
      // The rate stops at the last case written; the CPU count runs on until the last notification is sent.
      await quiet(sqs, queueUrls);
      pipelineCpuMs.push(cpuMs(process.cpuUsage(pipelineCpu)) / COMPLAINTS);

      const plainSeconds = await timeToCases(runtime, dynamo, COMPLAINTS, (i) =>
        plainComplaint(`${round}-${i}`),
      );
      plainRates.push(COMPLAINTS / plainSeconds);
      await quiet(sqs, queueUrls);

      const putCpu = process.cpuUsage();
      const putStarted = performance.now();
      await inParallel(COMPLAINTS, (i) =>
        dynamo.send(
          new PutItemCommand({
            TableName: runtime.tableName,
            Item: {
              pk: { S: `BENCH#${randomUUID()}` },
              sk: { S: 'RAW' },
              body: {
                S: `raw put ${round}-${i}: 古南街道统计站工作人员要求“意思一下”才肯盖章，索要三百元。`,
              },
            },
          }),
        ),
      );
      putRates.push(COMPLAINTS / ((performance.now() - putStarted) / 1000));
      putCpuMs.push(cpuMs(process.cpuUsage(putCpu)) / COMPLAINTS);
    }
    const pipeline = median(pipelineRates);
    const plain = median(plainRates);
    const put = median(putRates);
    await quiet(sqs, queueUrls);
    const flood = await benchFlood(runtime, dynamo, () => quiet(sqs, queueUrls));
    const rendered = table(
      ['measure (median of rounds)', 'per second', 'rounds'],
      [
        [
          `serious complaints (announced), POST → case written (${COMPLAINTS} × ${ROUNDS}, ${CONCURRENCY} in flight)`,
          pipeline.toFixed(0),
          pipelineRates.map((r) => r.toFixed(0)).join(' / '),
        ],
        ['raw PutItem on the same emulator', put.toFixed(0), putRates.map((r) => r.toFixed(0)).join(' / ')],
        ['serious pipeline ÷ raw PutItem', ratio(pipeline, put), ''],
        [
          'plain complaints (low, anonymous, no official: no notices), POST → case written',
          plain.toFixed(0),
          plainRates.map((r) => r.toFixed(0)).join(' / '),
        ],
        ['plain pipeline ÷ raw PutItem', ratio(plain, put), ''],
        [
          'CPU per complaint, POST → last notification sent (ms, all threads)',
          median(pipelineCpuMs).toFixed(1),
          pipelineCpuMs.map((v) => v.toFixed(1)).join(' / '),
        ],
        [
          'CPU per raw PutItem (ms, client and emulator)',
          median(putCpuMs).toFixed(1),
          putCpuMs.map((v) => v.toFixed(1)).join(' / '),
        ],
        [
          `${FLOOD} complaints about one official (s to all cases)`,
          flood.one.toFixed(2),
          `${(FLOOD / flood.one).toFixed(0)}/s`,
        ],
        [
          `${FLOOD} complaints about ${FLOOD} officials (s to all cases)`,
          flood.many.toFixed(2),
          `${(FLOOD / flood.many).toFixed(0)}/s`,
        ],
        ['flood ÷ spread (time; 1.00× = a flood costs nothing extra)', ratio(flood.one, flood.many), ''],
      ],
    );
    return {
      table: rendered,
      pipelinePerSecond: pipeline,
      plainPerSecond: plain,
      rawPutPerSecond: put,
      cpuPerRawPutMs: median(putCpuMs),
      cpuPerComplaintMs: median(pipelineCpuMs),
    };
  } finally {
    dynamo.destroy();
    sqs.destroy();
    await runtime.stop();
  }
}

/**
 * What the AWS calls alone allow: if each of a complaint's calls cost only what a raw PutItem costs (client and
 * emulator CPU), how many complaints per second the machine's cores could write, next to the pipeline's rate.
 * A raw PutItem is one call; a serious complaint is about a dozen, so this bound, not the runtime, caps the ratio
 * to raw PutItem. It is generous: the HTTP request and the pollers' receives and deletes are left out.
 */
export function callBound(pipeline: PipelineResult, calls: CallsResult, cores: number): string {
  const callsCpuMs = calls.perComplaint * pipeline.cpuPerRawPutMs;
  const boundPerSecond = (cores * 1000) / callsCpuMs;
  return table(
    ['measure', 'figure'],
    [
      ["the functions' AWS calls per serious complaint", calls.perComplaint.toFixed(1)],
      [
        `their CPU at ${pipeline.cpuPerRawPutMs.toFixed(2)} ms each (a raw PutItem's), of the ${pipeline.cpuPerComplaintMs.toFixed(1)} ms measured`,
        `${callsCpuMs.toFixed(1)} ms (${((100 * callsCpuMs) / pipeline.cpuPerComplaintMs).toFixed(0)}%)`,
      ],
      [
        `complaints/s ${cores} cores could write at that cost alone (call bound)`,
        `${boundPerSecond.toFixed(0)}/s = ${ratio(boundPerSecond, pipeline.rawPutPerSecond)} of raw PutItem`,
      ],
      ['pipeline ÷ call bound', ratio(pipeline.pipelinePerSecond, boundPerSecond)],
    ],
  );
}
