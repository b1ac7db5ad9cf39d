// The case table: one item per case, written with single-item conditional writes (no transactions needed).
import { createHash } from 'node:crypto';
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { type Case, CaseSchema, isOpen } from '#domain/case.ts';
import { subjectKey } from '#domain/case-triage.ts';
import type { LookupWindow } from '#domain/lookup-throttle.ts';
import type { LinkableCase } from '#domain/triage/related.ts';
import { caseKey, caseTable } from '../catalog.ts';
import { dynamoClient } from './clients.ts';
import { tableName } from './environment.ts';

/** Due-index partitions: enough that a burst of deadlines does not make one partition hot. */
export const DUE_SHARDS = 4;

export function dueShard(reference: string): string {
  return `DUE#${createHash('sha256').update(reference).digest().readUInt8(0) % DUE_SHARDS}`;
}

/** Cases that failed triage wait under this assignee key until a person routes them. */
export const MANUAL_TRIAGE_KEY = 'TRIAGE#manual';

/**
 * Where a case sits in the indexes follows from the case itself, so it is computed on every write. No key
 * holds anything about the reporter; the subject index carries the named official for linking related cases.
 */
function indexAttributes(record: Case): Record<string, string> {
  const { byAssignee, byDue, bySubject } = caseTable.indexes;
  const newestFirst = `${record.receivedAt}#${record.reference}`;
  const attributes: Record<string, string> = {};
  if (isOpen(record.status)) {
    attributes[byDue.partitionKey] = dueShard(record.reference);
    attributes[byDue.sortKey] = `${record.verificationDueAt}#${record.reference}`;
  }
  if (record.bodyId !== undefined) {
    attributes[byAssignee.partitionKey] = `BODY#${record.bodyId}`;
    attributes[byAssignee.sortKey] = newestFirst;
  } else if (record.needsManualTriage) {
    attributes[byAssignee.partitionKey] = MANUAL_TRIAGE_KEY;
    attributes[byAssignee.sortKey] = newestFirst;
  }
  const subject = subjectKey(record.unitId, record.complaint.officialName);
  if (subject !== undefined) {
    attributes[bySubject.partitionKey] = subject;
    attributes[bySubject.sortKey] = newestFirst;
    attributes.officialName = record.complaint.officialName ?? '';
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

/** The cases with this subject key received from `since` up to `until` (ISO times), for related-case linking. */
export async function casesAbout(subject: string, since: string, until: string): Promise<LinkableCase[]> {
  const { bySubject } = caseTable.indexes;
  const found: LinkableCase[] = [];
  let startKey: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamoClient().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'bySubject',
        KeyConditionExpression: '#subject = :subject AND #order BETWEEN :since AND :until',
        ExpressionAttributeNames: { '#subject': bySubject.partitionKey, '#order': bySubject.sortKey },
        ExpressionAttributeValues: marshall({
          ':subject': subject,
          ':since': since,
          ':until': `${until}#~`,
        }),
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      const { reference, unitId, officialName, receivedAt } = unmarshall(item);
      found.push({ reference, unitId, officialName: officialName ?? null, receivedAt });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey !== undefined);
  return found;
}

/** Records on an earlier case that a later one is related to; doing it twice changes nothing. */
export async function linkRelatedCase(reference: string, relatedReference: string, now: Date): Promise<void> {
  try {
    await dynamoClient().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall(caseKey(reference)),
        UpdateExpression:
          'SET relatedCases = list_append(if_not_exists(relatedCases, :none), :related), updatedAt = :now',
        ConditionExpression: 'attribute_exists(#pk) AND NOT contains(relatedCases, :reference)',
        ExpressionAttributeNames: { '#pk': caseTable.partitionKey },
        ExpressionAttributeValues: marshall({
          ':none': [],
          ':related': [relatedReference],
          ':reference': relatedReference,
          ':now': now.toISOString(),
        }),
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
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
