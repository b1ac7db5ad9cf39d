// Points this test file's AWS SDK at the shared emulators and gives it its own table and queues.
import { randomBytes, randomUUID } from 'node:crypto';
import { DynamoDBClient, GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import {
  GetQueueAttributesCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { inject } from 'vitest';
import { caseKey, environmentNames, type QueueName } from '../../functions/catalog.ts';
import { ensureCaseTable, ensureQueues, type QueueAddresses } from '../../local/resources.ts';

/** The public address handlers are configured with in these tests. */
export const PUBLIC_URL = 'https://hotline.example';

export interface EmulatedAws {
  readonly dynamo: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly tableName: string;
  readonly queues: Record<QueueName, QueueAddresses>;
  readonly masterKey: string;
}

export async function useEmulatedAws(
  options: { visibilityTimeoutSeconds?: number } = {},
): Promise<EmulatedAws> {
  process.env.AWS_REGION = 'us-east-1';
  process.env.AWS_ACCESS_KEY_ID = 'test';
  process.env.AWS_SECRET_ACCESS_KEY = 'test';
  process.env.AWS_ENDPOINT_URL_DYNAMODB = inject('dynamodbEndpoint');
  process.env.AWS_ENDPOINT_URL_SQS = inject('sqsEndpoint');
  process.env.POWERTOOLS_METRICS_DISABLED = 'true';
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  const prefix = `t-${randomUUID().slice(0, 8)}`;
  const dynamo = new DynamoDBClient({});
  const sqs = new SQSClient({ useQueueUrlAsEndpoint: false });
  const tableName = `${prefix}-cases`;
  await ensureCaseTable(dynamo, tableName);
  const queues = await ensureQueues(sqs, prefix, options);
  const masterKey = randomBytes(32).toString('base64url');
  process.env[environmentNames.tableName] = tableName;
  process.env[environmentNames.queueUrl('intake')] = queues.intake.url;
  process.env[environmentNames.masterKey] = masterKey;
  process.env[environmentNames.publicUrl] = PUBLIC_URL;
  return { dynamo, sqs, tableName, queues, masterKey };
}

export async function receiveAll(aws: EmulatedAws, queueUrl: string): Promise<string[]> {
  const { Messages = [] } = await aws.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
  );
  return Messages.map((m) => m.Body ?? '');
}

/**
 * Messages on a queue, visible or in flight. Unlike receiving, asking hides nothing, so "the queue is drained"
 * stays true only while it really is.
 */
export async function queueDepth(aws: Pick<EmulatedAws, 'sqs'>, queueUrl: string): Promise<number> {
  const { Attributes = {} } = await aws.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0)
  );
}

export async function purge(aws: EmulatedAws, queueUrl: string): Promise<void> {
  await aws.sqs.send(new PurgeQueueCommand({ QueueUrl: queueUrl }));
}

export async function allItems(aws: EmulatedAws): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await aws.dynamo.send(
    new ScanCommand({ TableName: aws.tableName, ConsistentRead: true }),
  );
  return Items.map((item) => unmarshall(item));
}

export async function caseItem(
  aws: EmulatedAws,
  reference: string,
): Promise<Record<string, unknown> | undefined> {
  const { Item } = await aws.dynamo.send(
    new GetItemCommand({
      TableName: aws.tableName,
      Key: marshall(caseKey(reference)),
      ConsistentRead: true,
    }),
  );
  return Item === undefined ? undefined : unmarshall(Item);
}
