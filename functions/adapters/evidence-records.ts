// A case's files in its item collection: one item per file (`F#<file id>`), written once by the checker, read as a
// bounded page (a case has at most so many slots); and the count of upload slots given out, per origin, in one small
// item (`EVIDENCE#slots`) that a conditional ADD keeps under its limit however many requests race.
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { EvidenceOrigin } from '#domain/evidence/policy.ts';
import type { EvidenceFile } from '#domain/evidence/record.ts';
import { slotLimitOf } from '#domain/evidence/record.ts';
import { caseTable } from '../catalog.ts';
import { dynamoClient } from './clients.ts';
import { tableName } from './environment.ts';
import { assertWithin } from './item-size.ts';

const FILE_PREFIX = 'F#';
const SLOTS_KEY = 'EVIDENCE#slots';
const FILE_LIMIT_BYTES = 8 * 1024;

const key = (reference: string, sk: string) => ({
  [caseTable.partitionKey]: `CASE#${reference}`,
  [caseTable.sortKey]: sk,
});

/**
 * Takes `count` upload slots of the case's allowance for this origin; false (nothing taken) when they would pass
 * it. The count lives beside the case's head, not on it: slots are given before the case exists (at filing), and
 * the head's version is never moved by an upload.
 */
export async function takeSlots(reference: string, origin: EvidenceOrigin, count: number): Promise<boolean> {
  try {
    await dynamoClient().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall(key(reference, SLOTS_KEY)),
        UpdateExpression: 'ADD #given :count',
        ConditionExpression: 'attribute_not_exists(#given) OR #given <= :most',
        ExpressionAttributeNames: { '#given': origin },
        ExpressionAttributeValues: marshall({ ':count': count, ':most': slotLimitOf(origin) - count }),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** Writes a file's record unless it is there: a redelivered notice writes nothing new. */
export async function putFile(file: EvidenceFile): Promise<boolean> {
  const item = marshall(
    { ...file, ...key(file.reference, `${FILE_PREFIX}${file.fileId}`) },
    {
      removeUndefinedValues: true,
    },
  );
  assertWithin(`the file ${file.fileId} of ${file.reference}`, item, FILE_LIMIT_BYTES);
  try {
    await dynamoClient().send(
      new PutItemCommand({
        TableName: tableName(),
        Item: item,
        ConditionExpression: 'attribute_not_exists(#sk)',
        ExpressionAttributeNames: { '#sk': caseTable.sortKey },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function findFile(reference: string, fileId: string): Promise<EvidenceFile | undefined> {
  const { Item } = await dynamoClient().send(
    new GetItemCommand({
      TableName: tableName(),
      Key: marshall(key(reference, `${FILE_PREFIX}${fileId}`)),
      ConsistentRead: true,
    }),
  );
  return Item === undefined ? undefined : fileOf(unmarshall(Item));
}

/** Every file record of a case: at most its slots, so one bounded read (a page or two). */
export async function filesOf(reference: string): Promise<EvidenceFile[]> {
  const files: EvidenceFile[] = [];
  let start: Record<string, import('@aws-sdk/client-dynamodb').AttributeValue> | undefined;
  do {
    const page = await dynamoClient().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :files)',
        ExpressionAttributeNames: { '#pk': caseTable.partitionKey, '#sk': caseTable.sortKey },
        ExpressionAttributeValues: marshall({ ':pk': `CASE#${reference}`, ':files': FILE_PREFIX }),
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      }),
    );
    files.push(...(page.Items ?? []).map((item) => fileOf(unmarshall(item))));
    start = page.LastEvaluatedKey;
  } while (start !== undefined && files.length < 1000);
  return files;
}

function fileOf(raw: Record<string, unknown>): EvidenceFile {
  const { [caseTable.partitionKey]: _pk, [caseTable.sortKey]: _sk, ...file } = raw;
  return file as unknown as EvidenceFile;
}
