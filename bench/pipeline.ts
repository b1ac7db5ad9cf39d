// Complaints per second from HTTP POST to case written, on the local runtime, next to the raw PutItem rate of the
// same DynamoDB emulator measured in the same run. Traffic goes to 127.0.0.1 only and stops by itself.
import { randomUUID } from 'node:crypto';
import { BatchGetItemCommand, DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { caseKey } from '../functions/catalog.ts';
import { startLocalRuntime } from '../local/runtime.ts';
import { median, ratio, table } from './stats.ts';

const COMPLAINTS = Number(process.env.BENCH_COMPLAINTS ?? 400);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 16);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const DEADLINE_MS = 120_000;

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

async function allWritten(dynamo: DynamoDBClient, tableName: string, references: string[]): Promise<number> {
  let found = 0;
  for (let i = 0; i < references.length; i += 100) {
    const keys = references.slice(i, i + 100).map((r) => marshall(caseKey(r)));
    const { Responses } = await dynamo.send(
      new BatchGetItemCommand({ RequestItems: { [tableName]: { Keys: keys, ProjectionExpression: 'pk' } } }),
    );
    found += Responses?.[tableName]?.length ?? 0;
  }
  return found;
}

export async function benchPipeline(): Promise<string> {
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const runtime = await startLocalRuntime({ port: 0, sesPort: 0, dataDir: null, resourcePrefix: 'bench' });
  const dynamo = new DynamoDBClient({ endpoint: runtime.endpoints.dynamodb });
  try {
    const pipelineRates: number[] = [];
    const putRates: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const started = performance.now();
      const references = await inParallel(COMPLAINTS, async (i) => {
        const response = await fetch(`${runtime.url}/complaints`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            description: `第${round}-${i}号：古南街道统计站工作人员要求“意思一下”才肯盖章，索要三百元。`,
            subjectUnit: '古南统计站',
          }),
        });
        if (response.status !== 202) throw new Error(`intake answered ${response.status}`);
        return ((await response.json()) as { reference: string }).reference;
      });
      while ((await allWritten(dynamo, runtime.tableName, references)) < references.length) {
        if (performance.now() - started > DEADLINE_MS) throw new Error('cases were not all written in time');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      pipelineRates.push(COMPLAINTS / ((performance.now() - started) / 1000));

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
    }
    const pipeline = median(pipelineRates);
    const put = median(putRates);
    return table(
      ['measure (median of rounds)', 'per second', 'rounds'],
      [
        [
          `complaints, POST → case written (${COMPLAINTS} × ${ROUNDS}, ${CONCURRENCY} in flight)`,
          pipeline.toFixed(0),
          pipelineRates.map((r) => r.toFixed(0)).join(' / '),
        ],
        ['raw PutItem on the same emulator', put.toFixed(0), putRates.map((r) => r.toFixed(0)).join(' / ')],
        ['pipeline ÷ raw PutItem', ratio(pipeline, put), ''],
      ],
    );
  } finally {
    dynamo.destroy();
    await runtime.stop();
  }
}
