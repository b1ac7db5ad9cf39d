// The case table: one item per case, written with single-item conditional writes (no transactions needed).
import { createHash } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { type Case, CaseSchema, isOpen } from '#domain/case.ts';
import type { LookupWindow } from '#domain/lookup-throttle.ts';
import { caseTable } from '../catalog.ts';
import { dynamoClient } from './clients.ts';
import { tableName } from './environment.ts';

/** Due-index partitions: enough that a burst of deadlines does not make one partition hot. */
export const DUE_SHARDS = 4;

const caseKey = (reference: string) => ({
  [caseTable.partitionKey]: `CASE#${reference}`,
  [caseTable.sortKey]: 'CASE',
});

export function dueShard(reference: string): string {
  return `DUE#${createHash('sha256').update(reference).digest().readUInt8(0) % DUE_SHARDS}`;
}

/** Where a case sits in the indexes follows from the case itself, so it is computed on every write. */
function indexAttributes(record: Case): Record<string, string> {
  const attributes: Record<string, string> = {};
  if (isOpen(record.status)) {
    attributes[caseTable.indexes.byDue.partitionKey] = dueShard(record.reference);
    attributes[caseTable.indexes.byDue.sortKey] = `${record.verificationDueAt}#${record.reference}`;
  }
  return attributes;
}

export type CreateOutcome = 'created' | 'duplicate';

/** Creates the case unless it exists: a second delivery of the same complaint changes nothing. */
export async function createCase(record: Case): Promise<CreateOutcome> {
  try {
    await dynamoClient().send(
      new PutItemCommand({
        TableName: tableName(),
        Item: marshall(
          { ...record, ...caseKey(record.reference), ...indexAttributes(record) },
          { removeUndefinedValues: true },
        ),
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': caseTable.partitionKey },
      }),
    );
    return 'created';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'duplicate';
    throw error;
  }
}

export async function findCase(reference: string): Promise<Case | undefined> {
  const { Item } = await dynamoClient().send(
    new GetItemCommand({ TableName: tableName(), Key: marshall(caseKey(reference)), ConsistentRead: true }),
  );
  return Item === undefined ? undefined : CaseSchema.parse(unmarshall(Item));
}

const lookupKey = (reference: string, window: LookupWindow) =>
  marshall({ [caseTable.partitionKey]: `LOOKUP#${reference}`, [caseTable.sortKey]: `FAILURES#${window.id}` });

export async function lookupFailures(reference: string, window: LookupWindow): Promise<number> {
  const { Item } = await dynamoClient().send(
    new GetItemCommand({ TableName: tableName(), Key: lookupKey(reference, window), ConsistentRead: true }),
  );
  return Item === undefined ? 0 : Number(unmarshall(Item).failures ?? 0);
}

/** Counts one wrong receipt code; the counter expires (TTL) an hour after its window closes. */
export async function recordLookupFailure(reference: string, window: LookupWindow): Promise<number> {
  const { Attributes } = await dynamoClient().send(
    new UpdateItemCommand({
      TableName: tableName(),
      Key: lookupKey(reference, window),
      UpdateExpression: 'ADD failures :one SET #ttl = :ttl',
      ExpressionAttributeNames: { '#ttl': caseTable.timeToLiveAttribute },
      ExpressionAttributeValues: marshall({
        ':one': 1,
        ':ttl': Math.floor(window.endsAt.getTime() / 1000) + 3600,
      }),
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(Attributes === undefined ? 1 : unmarshall(Attributes).failures);
}
