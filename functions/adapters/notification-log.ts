// What the notifier writes: one record per message sent, an event of the case keyed by case + milestone + recipient
// + channel (and the milestone's time), claimed before the send and confirmed after; and the per-day SMS allowance
// counted in small items that expire on their own.
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { SYSTEM_ACTOR } from '#domain/case.ts';
import { caseTable } from '../catalog.ts';
import { sideSortKey } from './case-store.ts';
import { dynamoClient } from './clients.ts';
import { tableName } from './environment.ts';

/** A claim older than this was abandoned (its sender crashed): another delivery of the job may take it over. */
export const SEND_LEASE_MS = 5 * 60_000;
/** A message is sent at most this many times: once, and once more if its sender crashed between send and record. */
export const MAX_SEND_ATTEMPTS = 2;

export interface SendKey {
  /** The case the message is about; a digest, which is about no one case, names its day instead. */
  readonly reference: string;
  /** Where the record is kept when it is no case's (a digest): `DIGEST#<day>`. @default the case's collection */
  readonly partition?: string;
  /** When the milestone fell due: the record's place in the history. */
  readonly at: string;
  readonly milestone: string;
  /** A directory person's id, or `reporter`: never an address or a number. */
  readonly recipient: string;
  readonly channel: 'email' | 'sms';
}

const recordKey = (key: SendKey) => ({
  [caseTable.partitionKey]: key.partition ?? `CASE#${key.reference}`,
  [caseTable.sortKey]: sideSortKey(key.at, `N#${key.milestone}|${key.recipient}|${key.channel}`),
});

/** What may be done about one message: send it (the claim is this sender's), or leave it (sent, or being sent). */
export type Claim =
  | { readonly outcome: 'send'; readonly attempt: number }
  | { readonly outcome: 'done' }
  | { readonly outcome: 'busy' }
  | { readonly outcome: 'given-up' };

/**
 * Claims one message before it is sent. A new record is claimed by writing it; a record already `sent` is done; a
 * claim younger than the lease is someone else's send in progress (busy: try again later); an older one was
 * abandoned by a sender that crashed, and is taken over, at most MAX_SEND_ATTEMPTS times in all.
 */
export async function claimSend(key: SendKey, now: Date): Promise<Claim> {
  const at = now.toISOString();
  try {
    await dynamoClient().send(
      new PutItemCommand({
        TableName: tableName(),
        Item: marshall({
          ...recordKey(key),
          reference: key.reference,
          kind: 'notified',
          at: key.at,
          actor: SYSTEM_ACTOR,
          details: { milestone: key.milestone, recipient: key.recipient, channel: key.channel },
          state: 'claimed',
          claimedAt: at,
          attempts: 1,
        }),
        ConditionExpression: 'attribute_not_exists(#sk)',
        ExpressionAttributeNames: { '#sk': caseTable.sortKey },
      }),
    );
    return { outcome: 'send', attempt: 1 };
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
  const { Item } = await dynamoClient().send(
    new GetItemCommand({ TableName: tableName(), Key: marshall(recordKey(key)), ConsistentRead: true }),
  );
  if (Item === undefined) return { outcome: 'busy' };
  const record = unmarshall(Item);
  if (record.state === FAILED_SEND) return reclaim(key, now, Number(record.attempts ?? 1));
  if (record.state !== 'claimed') return { outcome: 'done' };
  if (Date.parse(String(record.claimedAt)) > now.getTime() - SEND_LEASE_MS) return { outcome: 'busy' };
  const attempts = Number(record.attempts ?? 1);
  if (attempts >= MAX_SEND_ATTEMPTS) {
    await settle(key, 'given-up', 'claimed');
    return { outcome: 'given-up' };
  }
  try {
    await dynamoClient().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall(recordKey(key)),
        UpdateExpression: 'SET #claimedAt = :now, #attempts = :next',
        ConditionExpression: '#state = :claimed AND #claimedAt = :was',
        ExpressionAttributeNames: { '#claimedAt': 'claimedAt', '#attempts': 'attempts', '#state': 'state' },
        ExpressionAttributeValues: marshall({
          ':now': at,
          ':next': attempts + 1,
          ':claimed': 'claimed',
          ':was': record.claimedAt,
        }),
      }),
    );
    return { outcome: 'send', attempt: attempts + 1 };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return { outcome: 'busy' };
    throw error;
  }
}

/** A send the provider refused: nothing went out, so it is claimed again without counting an attempt. */
export const FAILED_SEND = 'failed-send';

async function reclaim(key: SendKey, now: Date, attempts: number): Promise<Claim> {
  try {
    await dynamoClient().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall(recordKey(key)),
        UpdateExpression: 'SET #state = :claimed, #claimedAt = :now',
        ConditionExpression: '#state = :failed',
        ExpressionAttributeNames: { '#state': 'state', '#claimedAt': 'claimedAt' },
        ExpressionAttributeValues: marshall({
          ':claimed': 'claimed',
          ':now': now.toISOString(),
          ':failed': FAILED_SEND,
        }),
      }),
    );
    return { outcome: 'send', attempt: attempts };
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return { outcome: 'busy' };
    throw error;
  }
}

/** Records how a claimed message ended: `sent`, `sms-capped:…`, or `given-up`; only while it is still claimed. */
export async function settle(key: SendKey, state: string, from = 'claimed'): Promise<void> {
  try {
    await dynamoClient().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall(recordKey(key)),
        UpdateExpression: 'SET #state = :state, #settledAt = :now',
        ConditionExpression: '#state = :from',
        ExpressionAttributeNames: { '#state': 'state', '#settledAt': 'settledAt' },
        ExpressionAttributeValues: marshall({
          ':state': state,
          ':from': from,
          ':now': new Date().toISOString(),
        }),
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
  }
}

const DAY_SECONDS = 24 * 60 * 60;

/** Counts one SMS against a counter of `day`, unless it is at `cap`; false when the cap bites. */
async function countAgainst(day: string, counter: string, cap: number, expiresAt: number): Promise<boolean> {
  try {
    await dynamoClient().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall({ [caseTable.partitionKey]: `SMSCAP#${day}`, [caseTable.sortKey]: counter }),
        UpdateExpression: 'ADD #sent :one SET #expires = :expires',
        ConditionExpression: 'attribute_not_exists(#sent) OR #sent < :cap',
        ExpressionAttributeNames: { '#sent': 'sent', '#expires': caseTable.timeToLiveAttribute },
        ExpressionAttributeValues: marshall({ ':one': 1, ':expires': expiresAt, ':cap': cap }),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export type SmsAllowance = 'allowed' | 'recipient-cap';

/**
 * Takes one SMS from today's allowance of the recipient (never a phone number: a person's id or the case reference).
 * Per person, not per deployment: a big city's volume must never silence one office because another is busy.
 * Counters live two days, then expire.
 */
export async function takeSmsAllowance(
  day: string,
  recipient: string,
  caps: { readonly perRecipientPerDay: number },
  now: Date,
): Promise<SmsAllowance> {
  const expiresAt = Math.floor(now.getTime() / 1000) + 2 * DAY_SECONDS;
  return (await countAgainst(day, `RECIPIENT#${recipient}`, caps.perRecipientPerDay, expiresAt))
    ? 'allowed'
    : 'recipient-cap';
}
