// What the notifier writes: each notification recorded once in the case history (idempotent on case + milestone
// + recipient + channel), and the per-day SMS allowance counted in small items that expire on their own.
import { ConditionalCheckFailedException, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { HistoryEntry } from '#domain/case.ts';
import { caseKey, caseTable } from '../catalog.ts';
import { dynamoClient } from './clients.ts';
import { tableName } from './environment.ts';

/** One notification sent: its idempotency key and its history entry. */
export interface SentNotification {
  readonly key: string;
  readonly entry: HistoryEntry;
}

/**
 * Appends the entries and the notifications' keys to the case in one write, unless one of the keys is already
 * there. Returns false, writing nothing, when one was (or the case is gone).
 */
async function appendNotifications(reference: string, sent: readonly SentNotification[]): Promise<boolean> {
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
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

/**
 * Records every notification a job sent in one write, unless one of them is already there (a duplicate delivery
 * of the same job recorded it meanwhile): then each is recorded alone, skipping those already present, so a
 * redelivered job records nothing twice. One write per job instead of one per recipient: each write of the case
 * item costs as many write units as the item is large, and a serious case's announcement goes to several people.
 */
export async function recordNotifications(
  reference: string,
  sent: readonly SentNotification[],
): Promise<void> {
  if (sent.length === 0 || (await appendNotifications(reference, sent))) return;
  for (const one of sent) await appendNotifications(reference, [one]);
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
