// A reporter's sealed contact details (or a caller's call-back number) in an item of their own beside the case
// (`sk = CONTACT`), so that they can expire without touching the record: once the case is done the item carries the
// table's TTL attribute (DynamoDB deletes it in AWS, within days) and a ticket in a small, sharded expiry queue in the
// same table (`RETENTION#<shard>`, sorted by time), which the retention sweep reads up to now, in AWS and on this
// machine alike (dynalite has no TTL). The sweep deletes the item on time and records the deletion as an event.
import { createHash } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { caseKey, caseTable } from '../catalog.ts';
import { dynamoClient } from './clients.ts';
import { tableName } from './environment.ts';

const PK = caseTable.partitionKey;
const SK = caseTable.sortKey;
const TTL = caseTable.timeToLiveAttribute;

/** The sort key of a case's contact item. */
export const CONTACT_SK = 'CONTACT';
/** Expiry queue partitions: enough that a day of closings never makes one key hot. */
export const RETENTION_SHARDS = 4;
/** A ticket outlives its time by this much (a sweep that was down for a while still finds it), then expires. */
const TICKET_GRACE_SECONDS = 400 * 24 * 3600;

const contactKey = (reference: string) => ({ [PK]: `CASE#${reference}`, [SK]: CONTACT_SK });

export const retentionShard = (reference: string): string =>
  `RETENTION#${createHash('sha256').update(reference).digest().readUInt8(0) % RETENTION_SHARDS}`;

const epochSeconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);

/** Keeps the sealed contact of a new case, once: a redelivered complaint writes nothing new. */
export async function putContact(reference: string, sealed: string): Promise<void> {
  try {
    await dynamoClient().send(
      new PutItemCommand({
        TableName: tableName(),
        Item: marshall({ ...contactKey(reference), reference, sealedContact: sealed }),
        ConditionExpression: 'attribute_not_exists(#sk)',
        ExpressionAttributeNames: { '#sk': SK },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

export interface StoredContact {
  readonly sealedContact: string;
  /** When it is to be deleted, if the case is done. */
  readonly expiresOn?: string;
}

export async function findContact(reference: string): Promise<StoredContact | undefined> {
  const { Item } = await dynamoClient().send(
    new GetItemCommand({
      TableName: tableName(),
      Key: marshall(contactKey(reference)),
      ConsistentRead: true,
    }),
  );
  if (Item === undefined) return undefined;
  const item = unmarshall(Item);
  if (typeof item.sealedContact !== 'string') return undefined;
  return {
    sealedContact: item.sealedContact,
    ...(typeof item.expiresOn === 'string' ? { expiresOn: item.expiresOn } : {}),
  };
}

/** The sealed contact of a case, if it still has one. */
export async function sealedContactOf(reference: string): Promise<string | undefined> {
  return (await findContact(reference))?.sealedContact;
}

/**
 * Sets (or, with `expiresOn` undefined, clears) when a case's contact expires, as decided from the head of `by` (the
 * case itself, or the case a merged one follows) at its `version`. A decision from an older version of the same head
 * never overrides a newer one, so projections handled out of order end where the latest head says. Nothing happens
 * to a case without a contact.
 */
export async function scheduleContactExpiry(
  reference: string,
  expiresOn: string | undefined,
  by: { readonly reference: string; readonly version: number },
): Promise<boolean> {
  if (expiresOn !== undefined) {
    // The ticket first: one without a matching expiry on the contact is dropped when its time comes.
    await dynamoClient().send(
      new PutItemCommand({
        TableName: tableName(),
        Item: marshall({
          [PK]: retentionShard(reference),
          [SK]: `${expiresOn}#${reference}`,
          reference,
          expiresOn,
          [TTL]: epochSeconds(expiresOn) + TICKET_GRACE_SECONDS,
        }),
      }),
    );
  }
  const names: Record<string, string> = {
    '#pk': PK,
    '#byRef': 'scheduledBy',
    '#byVersion': 'scheduledVersion',
    '#ttl': TTL,
    '#on': 'expiresOn',
  };
  const values: Record<string, unknown> = { ':ref': by.reference, ':version': by.version };
  let update: string;
  if (expiresOn === undefined) {
    update = 'SET #byRef = :ref, #byVersion = :version REMOVE #ttl, #on';
  } else {
    values[':ttl'] = epochSeconds(expiresOn);
    values[':on'] = expiresOn;
    update = 'SET #byRef = :ref, #byVersion = :version, #ttl = :ttl, #on = :on';
  }
  try {
    await dynamoClient().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall(contactKey(reference)),
        UpdateExpression: update,
        ConditionExpression:
          'attribute_exists(#pk) AND (attribute_not_exists(#byVersion) OR #byRef <> :ref OR #byVersion <= :version)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: marshall(values),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export interface ExpiryTicket {
  readonly shard: string;
  readonly sk: string;
  readonly reference: string;
  readonly expiresOn: string;
}

/** Tickets of one shard due by `now`, oldest first, at most `limit`. */
export async function dueTickets(shard: string, now: string, limit: number): Promise<ExpiryTicket[]> {
  const { Items = [] } = await dynamoClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: '#pk = :pk AND #sk <= :now',
      ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
      ExpressionAttributeValues: marshall({ ':pk': shard, ':now': `${now}#~` }),
      Limit: limit,
    }),
  );
  return Items.map((raw) => unmarshall(raw)).map((item) => ({
    shard,
    sk: String(item[SK]),
    reference: String(item.reference),
    expiresOn: String(item.expiresOn),
  }));
}

export async function dropTicket(ticket: ExpiryTicket): Promise<void> {
  await dynamoClient().send(
    new DeleteItemCommand({ TableName: tableName(), Key: marshall({ [PK]: ticket.shard, [SK]: ticket.sk }) }),
  );
}

/** Deletes the contact if it is still due at exactly this time; false when it is not (rescheduled, kept, gone). */
export async function deleteContactDue(reference: string, expiresOn: string): Promise<boolean> {
  try {
    await dynamoClient().send(
      new DeleteItemCommand({
        TableName: tableName(),
        Key: marshall(contactKey(reference)),
        ConditionExpression: '#on = :on',
        ExpressionAttributeNames: { '#on': 'expiresOn' },
        ExpressionAttributeValues: marshall({ ':on': expiresOn }),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * The head no longer says the case has a contact (notices and clocks stop looking for one), and says when it went.
 * Attributes no transition writes unless they change, so no concurrent writer puts them back.
 */
export async function markContactDeleted(reference: string, at: string): Promise<void> {
  try {
    await dynamoClient().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall(caseKey(reference)),
        UpdateExpression: 'REMOVE #has SET #deleted = :at',
        ConditionExpression: 'attribute_exists(#pk)',
        ExpressionAttributeNames: { '#has': 'hasContact', '#deleted': 'contactDeletedAt', '#pk': PK },
        ExpressionAttributeValues: marshall({ ':at': at }),
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}
