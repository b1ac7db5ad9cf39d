// The shared emulators of the test run, with this test file's own table and queues in them. Nothing here
// changes the process's environment: functions get theirs from the catalog (see functions.ts).
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
import { caseKey, type QueueName } from '#catalog';
import { ensureCaseTable, ensureQueues, type QueueAddresses } from '#local/resources.ts';

/** The public address functions are configured with in these tests. */
export const PUBLIC_URL = 'https://hotline.example';
export const REGION = 'us-east-1';
export const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' } as const;

export interface EmulatedAws {
  readonly endpoints: { readonly DYNAMODB: string; readonly SQS: string };
  readonly dynamo: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly tableName: string;
  readonly queues: Record<QueueName, QueueAddresses>;
  readonly masterKey: string;
}

export async function useEmulatedAws(
  options: { visibilityTimeoutSeconds?: number } = {},
): Promise<EmulatedAws> {
  const endpoints = { DYNAMODB: inject('dynamodbEndpoint'), SQS: inject('sqsEndpoint') };
  const sdk = {
    region: REGION,
    credentials: {
      accessKeyId: CREDENTIALS.AWS_ACCESS_KEY_ID,
      secretAccessKey: CREDENTIALS.AWS_SECRET_ACCESS_KEY,
    },
  };
  const prefix = `t-${randomUUID().slice(0, 8)}`;
  const dynamo = new DynamoDBClient({ ...sdk, endpoint: endpoints.DYNAMODB });
  const sqs = new SQSClient({ ...sdk, endpoint: endpoints.SQS, useQueueUrlAsEndpoint: false });
  const tableName = `${prefix}-cases`;
  await ensureCaseTable(dynamo, tableName);
  const queues = await ensureQueues(sqs, prefix, options);
  const masterKey = randomBytes(32).toString('base64url');
  return { endpoints, dynamo, sqs, tableName, queues, masterKey };
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
