// The shared emulators of the test run, with this test file's own table and queues in them. Nothing here
// changes the process's environment: functions get theirs from the catalog (see functions.ts).
import { randomBytes, randomUUID } from 'node:crypto';
import {
  type AttributeValue,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import {
  GetQueueAttributesCommand,
  PurgeQueueCommand,
  ReceiveMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { inject } from 'vitest';
import { indexAttributes, openingSortKey } from '#adapters/case-store.ts';
import { caseKey, caseTable, type QueueName } from '#catalog';
import type { Case } from '#domain/case.ts';
import { snapshotOf } from '#domain/events.ts';
import { ensureCaseTable, ensureQueues, type QueueAddresses } from '#local/resources.ts';

/** The public address functions are configured with in these tests. */
export const PUBLIC_URL = 'https://hotline.example';
export const REGION = 'us-east-1';
export const CREDENTIALS = { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' } as const;

export interface EmulatedAws {
  readonly endpoints: { readonly DYNAMODB: string; readonly SQS: string; readonly S3: string };
  readonly dynamo: DynamoDBClient;
  readonly sqs: SQSClient;
  readonly tableName: string;
  readonly queues: Record<QueueName, QueueAddresses>;
  readonly masterKey: string;
  /** This file's evidence bucket: named here, made by useEvidenceBucket (evidence.ts) when a test needs it. */
  readonly evidenceBucket: string;
}

export async function useEmulatedAws(
  options: { visibilityTimeoutSeconds?: number } = {},
): Promise<EmulatedAws> {
  const endpoints = {
    DYNAMODB: inject('dynamodbEndpoint'),
    SQS: inject('sqsEndpoint'),
    S3: inject('s3Endpoint'),
  };
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
  return { endpoints, dynamo, sqs, tableName, queues, masterKey, evidenceBucket: `${prefix}-evidence` };
}

export async function receiveAll(aws: EmulatedAws, queueUrl: string): Promise<string[]> {
  const { Messages = [] } = await aws.sqs.send(
    new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 0 }),
  );
  return Messages.map((m) => m.Body ?? '');
}

/**
 * Messages on a queue, visible, in flight or still delayed (a transition waits two seconds before the projector
 * sees it). Unlike receiving, asking hides nothing, so "the queue is drained" stays true only while it really is.
 */
export async function queueDepth(aws: Pick<EmulatedAws, 'sqs'>, queueUrl: string): Promise<number> {
  const { Attributes = {} } = await aws.sqs.send(
    new GetQueueAttributesCommand({
      QueueUrl: queueUrl,
      AttributeNames: [
        'ApproximateNumberOfMessages',
        'ApproximateNumberOfMessagesNotVisible',
        'ApproximateNumberOfMessagesDelayed',
      ],
    }),
  );
  return (
    Number(Attributes.ApproximateNumberOfMessages ?? 0) +
    Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) +
    Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0)
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

/** Every item of a case's collection (head, events, send records), read as stored, by sort key. */
export async function caseItems(aws: EmulatedAws, reference: string): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await aws.dynamo.send(
      new QueryCommand({
        TableName: aws.tableName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': caseTable.partitionKey },
        ExpressionAttributeValues: marshall({ ':pk': `CASE#${reference}` }),
        ConsistentRead: true,
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      }),
    );
    items.push(...(page.Items ?? []).map((item) => unmarshall(item)));
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return items;
}

/** A case's events (transitions and others), oldest first. */
export async function caseEvents(aws: EmulatedAws, reference: string): Promise<Record<string, unknown>[]> {
  return (await caseItems(aws, reference))
    .filter((item) => /^[TE]#/.test(String(item.sk)))
    .sort((a, b) => (String(a.at) < String(b.at) ? -1 : String(a.at) > String(b.at) ? 1 : 0));
}

/** The send records of a case: one per message, `<milestone>|<recipient>|<channel>` with its state. */
export async function sendRecords(
  aws: EmulatedAws,
  reference: string,
): Promise<{ key: string; state: string; attempts: number }[]> {
  return (await caseItems(aws, reference))
    .filter((item) => item.kind === 'notified')
    .map((item) => {
      const details = item.details as { milestone: string; recipient: string; channel: string };
      return {
        key: `${details.milestone}|${details.recipient}|${details.channel}`,
        state: String(item.state),
        attempts: Number(item.attempts),
      };
    })
    .sort((a, b) => (a.key < b.key ? -1 : 1));
}

/**
 * Writes a case as the worker would: its head (with its index attributes), its opening event, which keeps the
 * complaint, and, when given, the sealed contact in its own item.
 */
export async function seedCaseItems(
  aws: EmulatedAws,
  head: Case,
  opening: { readonly description?: string; readonly sealedContact?: string } = {},
): Promise<void> {
  const sk = openingSortKey(head.receivedAt);
  await aws.dynamo.send(
    new PutItemCommand({
      TableName: aws.tableName,
      Item: marshall(
        {
          ...head,
          transitions: [Date.parse(head.receivedAt)],
          ...caseKey(head.reference),
          ...indexAttributes(head),
        },
        { removeUndefinedValues: true },
      ),
    }),
  );
  await aws.dynamo.send(
    new PutItemCommand({
      TableName: aws.tableName,
      Item: marshall(
        {
          pk: `CASE#${head.reference}`,
          sk,
          reference: head.reference,
          kind: 'opened',
          at: head.receivedAt,
          actor: 'system',
          version: 1,
          after: snapshotOf(head),
          details: {
            complaint: {
              ...head.complaint,
              description: opening.description ?? '郭扶国土所窗口工作人员索要好处费才肯办证。',
            },
          },
        },
        { removeUndefinedValues: true },
      ),
    }),
  );
  if (opening.sealedContact !== undefined) {
    await aws.dynamo.send(
      new PutItemCommand({
        TableName: aws.tableName,
        Item: marshall({
          pk: `CASE#${head.reference}`,
          sk: 'CONTACT',
          reference: head.reference,
          sealedContact: opening.sealedContact,
        }),
      }),
    );
  }
}

/** This file's evidence bucket, made as the local runtime makes it: uploads notify this file's evidence queue. */
export async function useEvidenceBucket(aws: EmulatedAws, allowedOrigins: readonly string[] = [PUBLIC_URL]) {
  const { S3Client } = await import('@aws-sdk/client-s3');
  const { ensureEvidenceBucket } = await import('#local/resources.ts');
  const s3 = new S3Client({
    region: REGION,
    endpoint: aws.endpoints.S3,
    forcePathStyle: true,
    credentials: {
      accessKeyId: CREDENTIALS.AWS_ACCESS_KEY_ID,
      secretAccessKey: CREDENTIALS.AWS_SECRET_ACCESS_KEY,
    },
  });
  await ensureEvidenceBucket(s3, aws.evidenceBucket, aws.queues.evidence, allowedOrigins);
  return s3;
}
