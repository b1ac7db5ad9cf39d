// What the notifier writes: each notification recorded once in the case history (idempotent on case + milestone
// + recipient + channel), and the per-day SMS allowance counted in small items that expire on their own.
import { ConditionalCheckFailedException, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { HistoryEntry } from '#domain/case.ts';
import { caseKey, caseTable } from '../catalog.ts';
import { dynamoClient } from './clients.ts';
import { tableName } from './environment.ts';

/**
 * Appends the history entry and the notification's key, unless the key is already there: a redelivered job
 * records nothing twice. Returns false when it was already recorded.
 */
export async function recordNotification(
  reference: string,
  key: string,
  entry: HistoryEntry,
): Promise<boolean> {
  try {
    await dynamoClient().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall(caseKey(reference)),
        UpdateExpression:
          'SET #sent = list_append(if_not_exists(#sent, :empty), :key), #history = list_append(#history, :entry)',
        ConditionExpression: 'attribute_exists(#pk) AND NOT contains(#sent, :keyValue)',
        ExpressionAttributeNames: {
          '#sent': 'notificationsSent',
          '#history': 'history',
          '#pk': caseTable.partitionKey,
        },
        ExpressionAttributeValues: marshall(
          { ':empty': [], ':key': [key], ':keyValue': key, ':entry': [entry] },
          { removeUndefinedValues: true },
        ),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/** One notification sent: its idempotency key and its history entry. */
export interface SentNotification {
  readonly key: string;
  readonly entry: HistoryEntry;
}

/**
 * Records every notification a job sent in one write, unless one of them is already there (a duplicate delivery
 * of the same job recorded it meanwhile): then each is recorded alone, skipping those already present. One write
 * per job instead of one per recipient: each write of the case item costs as many write units as the item is
 * large, and a serious case's announcement goes to several people.
 */
export async function recordNotifications(
  reference: string,
  sent: readonly SentNotification[],
): Promise<void> {
  if (sent.length === 0) return;
  const keyValues = Object.fromEntries(sent.map(({ key }, i) => [`:key${i}`, key]));
  try {
    await dynamoClient().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall(caseKey(reference)),
        UpdateExpression:
          'SET #sent = list_append(if_not_exists(#sent, :empty), :keys), #history = list_append(#history, :entries)',
        ConditionExpression: [
          'attribute_exists(#pk)',
          ...Object.keys(keyValues).map((name) => `NOT contains(#sent, ${name})`),
        ].join(' AND '),
        ExpressionAttributeNames: {
          '#sent': 'notificationsSent',
          '#history': 'history',
          '#pk': caseTable.partitionKey,
        },
        ExpressionAttributeValues: marshall(
          {
            ':empty': [],
            ':keys': sent.map(({ key }) => key),
            ':entries': sent.map(({ entry }) => entry),
            ...keyValues,
          },
          { removeUndefinedValues: true },
        ),
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    for (const { key, entry } of sent) await recordNotification(reference, key, entry);
  }
}

const DAY_SECONDS = 24 * 60 * 60;

/** Counts one SMS against a counter of `day`, unless it is at `cap`; false when the cap bites. */
async function countAgainst(
  day: string,
  counter: string,
  cap: number,
  delta: 1 | -1,
  expiresAt: number,
): Promise<boolean> {
  try {
    await dynamoClient().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall({ [caseTable.partitionKey]: `SMSCAP#${day}`, [caseTable.sortKey]: counter }),
        UpdateExpression: 'ADD #sent :delta SET #expires = :expires',
        ...(delta > 0 ? { ConditionExpression: 'attribute_not_exists(#sent) OR #sent < :cap' } : {}),
        ExpressionAttributeNames: { '#sent': 'sent', '#expires': caseTable.timeToLiveAttribute },
        ExpressionAttributeValues: marshall({
          ':delta': delta,
          ':expires': expiresAt,
          ...(delta > 0 ? { ':cap': cap } : {}),
        }),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export type SmsAllowance = 'allowed' | 'recipient-cap' | 'deployment-cap';

/**
 * Takes one SMS from today's allowance of the recipient (never a phone number: a person's id or the case
 * reference) and of the whole deployment. Counters live two days, then expire.
 */
export async function takeSmsAllowance(
  day: string,
  recipient: string,
  caps: { readonly perRecipientPerDay: number; readonly perDeploymentPerDay: number },
  now: Date,
): Promise<SmsAllowance> {
  const expiresAt = Math.floor(now.getTime() / 1000) + 2 * DAY_SECONDS;
  if (!(await countAgainst(day, `RECIPIENT#${recipient}`, caps.perRecipientPerDay, 1, expiresAt)))
    return 'recipient-cap';
  if (!(await countAgainst(day, 'DEPLOYMENT', caps.perDeploymentPerDay, 1, expiresAt))) {
    // Give the recipient's unit back: the message is not sent.
    await countAgainst(day, `RECIPIENT#${recipient}`, caps.perRecipientPerDay, -1, expiresAt);
    return 'deployment-cap';
  }
  return 'allowed';
}
