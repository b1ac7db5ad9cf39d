// Creates the table and queues from the catalog's declarations, on whatever endpoint the SDK is pointed at.
// Used by the local runtime, the tests and the benchmarks, so all of them run on the shape the stack deploys.
import {
  CreateTableCommand,
  DescribeTableCommand,
  type DynamoDBClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-dynamodb';
import {
  CreateBucketCommand,
  HeadBucketCommand,
  PutBucketCorsCommand,
  PutBucketNotificationConfigurationCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import {
  CreateQueueCommand,
  GetQueueAttributesCommand,
  SetQueueAttributesCommand,
  type SQSClient,
} from '@aws-sdk/client-sqs';
import { caseTable, evidenceStore, type QueueName, queues } from '#catalog';

export async function ensureCaseTable(client: DynamoDBClient, tableName: string): Promise<void> {
  try {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    const present = new Set((Table?.GlobalSecondaryIndexes ?? []).map((index) => index.IndexName));
    const missing = Object.keys(caseTable.indexes).filter((name) => !present.has(name));
    // The emulator cannot add an index to a table it already has: say so, rather than fail on the first query.
    if (missing.length > 0) {
      throw new Error(
        `table ${tableName} was made by an older version and lacks the index ${missing.join(', ')} (the case record ` +
          'is an item collection now: a head and one item per event). Nothing can be carried over on this machine: ' +
          'delete its data (.hotline/dynamodb, or your HOTLINE_DATA_DIR) or use a new HOTLINE_DATA_DIR',
      );
    }
    return;
  } catch (error) {
    if (!(error instanceof ResourceNotFoundException)) throw error;
  }
  const indexNames = Object.keys(caseTable.indexes) as (keyof typeof caseTable.indexes)[];
  const keyAttributes = new Set([
    caseTable.partitionKey,
    caseTable.sortKey,
    ...indexNames.flatMap((name) => [caseTable.indexes[name].partitionKey, caseTable.indexes[name].sortKey]),
  ]);
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [...keyAttributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
      KeySchema: [
        { AttributeName: caseTable.partitionKey, KeyType: 'HASH' },
        { AttributeName: caseTable.sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: indexNames.map((name) => {
        const index = caseTable.indexes[name];
        return {
          IndexName: name,
          KeySchema: [
            { AttributeName: index.partitionKey, KeyType: 'HASH' },
            { AttributeName: index.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'INCLUDE', NonKeyAttributes: [...index.attributes] },
        };
      }),
    }),
  );
  for (let attempt = 0; attempt < 100; attempt++) {
    const { Table } = await client.send(new DescribeTableCommand({ TableName: tableName }));
    if (Table?.TableStatus === 'ACTIVE') return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`table ${tableName} did not become active`);
}

export interface QueueAddresses {
  readonly url: string;
  readonly arn: string;
  readonly deadLetterUrl: string;
}

/** Each queue with its dead-letter queue and redrive policy. Creating an existing queue is a no-op in SQS. */
export async function ensureQueues(
  client: SQSClient,
  prefix: string,
  overrides: { visibilityTimeoutSeconds?: number } = {},
): Promise<Record<QueueName, QueueAddresses>> {
  const result = {} as Record<QueueName, QueueAddresses>;
  for (const [name, spec] of Object.entries(queues) as [QueueName, (typeof queues)[QueueName]][]) {
    const retention = String(spec.retentionDays * 24 * 3600);
    const dlq = await client.send(
      new CreateQueueCommand({
        QueueName: `${prefix}-${name}-dlq`,
        Attributes: { MessageRetentionPeriod: String(14 * 24 * 3600) },
      }),
    );
    const deadLetterUrl = dlq.QueueUrl as string;
    const { Attributes } = await client.send(
      new GetQueueAttributesCommand({ QueueUrl: deadLetterUrl, AttributeNames: ['QueueArn'] }),
    );
    // Create bare, then set attributes: SQS refuses a CreateQueue whose attributes differ from an existing queue's.
    const queue = await client.send(new CreateQueueCommand({ QueueName: `${prefix}-${name}` }));
    await client.send(
      new SetQueueAttributesCommand({
        QueueUrl: queue.QueueUrl,
        Attributes: {
          VisibilityTimeout: String(overrides.visibilityTimeoutSeconds ?? spec.visibilityTimeoutSeconds),
          MessageRetentionPeriod: retention,
          RedrivePolicy: JSON.stringify({
            deadLetterTargetArn: Attributes?.QueueArn,
            maxReceiveCount: spec.maxReceiveCount,
          }),
        },
      }),
    );
    const url = queue.QueueUrl as string;
    const arn = (
      await client.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['QueueArn'] }))
    ).Attributes?.QueueArn as string;
    result[name] = { url, arn, deadLetterUrl };
  }
  return result;
}

/**
 * The evidence bucket as the stack makes it, where it matters to the flow: uploads notify the evidence queue, and
 * the site's pages may post to it and read from it (CORS). Public access and listing are refused by the emulator.
 */
export async function ensureEvidenceBucket(
  client: S3Client,
  bucket: string,
  notify: { readonly arn: string },
  allowedOrigins: readonly string[],
): Promise<void> {
  try {
    await client.send(new HeadBucketCommand({ Bucket: bucket }));
  } catch {
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
  }
  await client.send(
    new PutBucketNotificationConfigurationCommand({
      Bucket: bucket,
      NotificationConfiguration: {
        QueueConfigurations: [
          {
            Id: 'uploads-to-checker',
            QueueArn: notify.arn,
            Events: ['s3:ObjectCreated:*'],
            Filter: { Key: { FilterRules: [{ Name: 'prefix', Value: evidenceStore.uploadPrefix }] } },
          },
        ],
      },
    }),
  );
  await client.send(
    new PutBucketCorsCommand({
      Bucket: bucket,
      CORSConfiguration: {
        CORSRules: [
          {
            AllowedOrigins: [...allowedOrigins],
            AllowedMethods: ['POST', 'GET'],
            AllowedHeaders: ['*'],
            ExposeHeaders: ['ETag'],
            MaxAgeSeconds: 600,
          },
        ],
      },
    }),
  );
}
