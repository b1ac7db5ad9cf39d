// Deliveries seen in the last ten minutes, as small items with a TTL: a replayed or retried delivery answers as
// before and queues nothing.
//
// Why a TTL item and not only the case's own conditional write: the worker's `attribute_not_exists` write
// already makes a duplicate message harmless, but it runs after the queue, so by itself a replay would still be
// queued again and could not be told apart from a first delivery in the answer (202 vs 200). The item is written
// before the message is queued; it holds the reference, so the replay gets the same answer, and it costs one
// conditional put and one update per complaint. It outlives the signature's ±5-minute window, so no replay of a
// signed delivery gets past it; after ten minutes a late retry is queued again and the worker's write (which lasts
// as long as the case) turns it into a no-op.
import { createHash } from 'node:crypto';
import {
  ConditionalCheckFailedException,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { caseTable } from '../catalog.ts';
import { dynamoClient } from './clients.ts';
import { tableName } from './environment.ts';

export const REPLAY_WINDOW_SECONDS = 600;
/**
 * A claim older than this whose message was never queued belongs to a function that died (timeout, crash) between
 * the claim and the queue: the next delivery takes it over, so a crash never turns retries into silence. Longer
 * than any intake function's timeout (10 s).
 */
export const ABANDONED_CLAIM_MS = 15_000;

/** Keys of the register: a reference as it is, anything a sender chose (a webhook id) hashed to a fixed length. */
export const deliveryKey = {
  reference: (reference: string) => `DELIVERY#${reference}`,
  webhookId: (id: string) => `DELIVERY#webhook#${createHash('sha256').update(id).digest('base64url')}`,
};

export interface DeliveryRecord {
  readonly reference: string;
  readonly state: 'claimed' | 'queued';
  readonly claimedAt: string;
  readonly expiresAt: number;
}

export type Claim =
  | { readonly outcome: 'claimed'; readonly claimedAt: string }
  | { readonly outcome: 'seen'; readonly record: DeliveryRecord }
  /** Another delivery of the same complaint is between its claim and the queue right now. */
  | { readonly outcome: 'in-flight'; readonly record: DeliveryRecord };

const itemKey = (key: string) => ({ [caseTable.partitionKey]: key, [caseTable.sortKey]: 'DELIVERY' });
const epochSeconds = (at: Date) => Math.floor(at.getTime() / 1000);

export async function findDelivery(key: string, now: Date): Promise<DeliveryRecord | undefined> {
  const { Item } = await dynamoClient().send(
    new GetItemCommand({ TableName: tableName(), Key: marshall(itemKey(key)), ConsistentRead: true }),
  );
  if (Item === undefined) return undefined;
  const record = unmarshall(Item) as DeliveryRecord;
  // DynamoDB deletes expired items lazily (within days): an expired one is treated as gone.
  return record.expiresAt < epochSeconds(now) ? undefined : record;
}

async function putClaim(
  key: string,
  reference: string,
  now: Date,
  condition: { expression: string; names: Record<string, string>; values: Record<string, unknown> },
) {
  await dynamoClient().send(
    new PutItemCommand({
      TableName: tableName(),
      Item: marshall({
        ...itemKey(key),
        reference,
        state: 'claimed',
        claimedAt: now.toISOString(),
        [caseTable.timeToLiveAttribute]: epochSeconds(now) + REPLAY_WINDOW_SECONDS,
      }),
      ConditionExpression: condition.expression,
      ExpressionAttributeNames: condition.names,
      ExpressionAttributeValues: marshall(condition.values),
    }),
  );
}

/** Claims a delivery for queueing: exactly one of several concurrent deliveries of one complaint gets the claim. */
export async function claimDelivery(key: string, reference: string, now: Date): Promise<Claim> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      await putClaim(key, reference, now, {
        expression: 'attribute_not_exists(#pk) OR #expires < :now',
        names: { '#pk': caseTable.partitionKey, '#expires': caseTable.timeToLiveAttribute },
        values: { ':now': epochSeconds(now) },
      });
      return { outcome: 'claimed', claimedAt: now.toISOString() };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const record = await findDelivery(key, now);
    if (record === undefined) continue; // it expired between the two calls
    if (record.state === 'queued') return { outcome: 'seen', record };
    if (now.getTime() - Date.parse(record.claimedAt) < ABANDONED_CLAIM_MS)
      return { outcome: 'in-flight', record };
    try {
      // Take over an abandoned claim; the condition lets only one of several deliveries do so.
      await putClaim(key, reference, now, {
        expression: '#state = :claimed AND claimedAt = :seenAt',
        names: { '#state': 'state' },
        values: { ':claimed': 'claimed', ':seenAt': record.claimedAt },
      });
      return { outcome: 'claimed', claimedAt: now.toISOString() };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
  }
  throw new Error('the delivery register kept changing under this delivery');
}

/** The message is on the queue: from now on a replay is answered as before. */
export async function markQueued(key: string, claimedAt: string): Promise<void> {
  try {
    await dynamoClient().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall(itemKey(key)),
        UpdateExpression: 'SET #state = :queued',
        ConditionExpression: 'claimedAt = :mine',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: marshall({ ':queued': 'queued', ':mine': claimedAt }),
      }),
    );
  } catch (error) {
    // Someone took the claim over as abandoned and queues it too: the worker's write makes that harmless.
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

/** Queueing failed: the claim is given up, so the sender's retry is queued rather than answered from memory. */
export async function releaseClaim(key: string, claimedAt: string): Promise<void> {
  await dynamoClient()
    .send(
      new DeleteItemCommand({
        TableName: tableName(),
        Key: marshall(itemKey(key)),
        ConditionExpression: 'claimedAt = :mine',
        ExpressionAttributeValues: marshall({ ':mine': claimedAt }),
      }),
    )
    .catch(() => undefined); // if even this fails, the claim is abandoned and taken over after ABANDONED_CLAIM_MS
}

/** Another name for a delivery already queued (the webhook id of a signed call): replays under it answer the same. */
export async function recordAlias(key: string, reference: string, now: Date): Promise<void> {
  await dynamoClient().send(
    new PutItemCommand({
      TableName: tableName(),
      Item: marshall({
        ...itemKey(key),
        reference,
        state: 'queued',
        claimedAt: now.toISOString(),
        [caseTable.timeToLiveAttribute]: epochSeconds(now) + REPLAY_WINDOW_SECONDS,
      }),
    }),
  );
}
