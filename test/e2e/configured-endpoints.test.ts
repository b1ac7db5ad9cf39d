// With AWS_ENDPOINT_URL_* set, the local runtime uses those services (LocalStack, DynamoDB Local, an account)
// instead of starting its own emulators, and creates the missing table and queues there.
import { randomUUID } from 'node:crypto';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetQueueUrlCommand, SQSClient } from '@aws-sdk/client-sqs';
import { afterAll, describe, expect, inject, it, vi } from 'vitest';
import { caseTable } from '#catalog';
import * as emulators from '#local/emulators.ts';
import { type LocalRuntime, startLocalRuntime } from '#local/runtime.ts';

// Every emulator the runtime could start, watched (each still starts for real when called).
vi.mock('#local/emulators.ts', async (importOriginal) => {
  const actual = await importOriginal<typeof import('#local/emulators.ts')>();
  return {
    ...actual,
    startDynamoDb: vi.fn(actual.startDynamoDb),
    startSqs: vi.fn(actual.startSqs),
    startSes: vi.fn(actual.startSes),
  };
});

let runtime: LocalRuntime | undefined;
afterAll(async () => {
  await runtime?.stop();
});

describe('the local runtime against configured endpoints', () => {
  it('creates its table and queues on the named DynamoDB and SQS and starts no emulator of its own for them', async () => {
    const dynamodb = inject('dynamodbEndpoint');
    const sqs = inject('sqsEndpoint');
    const prefix = `ext-${randomUUID().slice(0, 8)}`;

    runtime = await startLocalRuntime({
      port: 0,
      sesPort: 0,
      dataDir: null,
      resourcePrefix: prefix,
      env: {
        AWS_ENDPOINT_URL_DYNAMODB: dynamodb,
        AWS_ENDPOINT_URL_SQS: sqs,
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_REGION: 'us-east-1',
        POWERTOOLS_LOG_LEVEL: 'ERROR',
      },
    });

    expect(runtime.endpoints.dynamodb).toBe(dynamodb);
    expect(runtime.endpoints.sqs).toBe(sqs);
    // No DynamoDB or SQS emulator of its own; SES, which is not configured here, is emulated as usual.
    expect(emulators.startDynamoDb).not.toHaveBeenCalled();
    expect(emulators.startSqs).not.toHaveBeenCalled();
    expect(emulators.startSes).toHaveBeenCalledTimes(1);
    expect(runtime.endpoints.ses).not.toBe(dynamodb);
    const sdk = { region: 'us-east-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } };
    const dynamo = new DynamoDBClient({ ...sdk, endpoint: dynamodb });
    const queueClient = new SQSClient({ ...sdk, endpoint: sqs, useQueueUrlAsEndpoint: false });
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: `${prefix}-cases` }));
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(
      Object.keys(caseTable.indexes).sort(),
    );
    for (const name of [`${prefix}-intake`, `${prefix}-intake-dlq`]) {
      expect((await queueClient.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl).toContain(name);
    }
    dynamo.destroy();
    queueClient.destroy();

    const accepted = await fetch(`${runtime.url}/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ description: '古南街道统计站的工作人员上班时间玩手机，不理办事群众。' }),
    });
    expect(accepted.status).toBe(202);
    // Thirty functions warmed, on a shared 2-core machine.
  }, 120_000);
});
