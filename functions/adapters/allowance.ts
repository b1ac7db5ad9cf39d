// Per-person (or per-case) allowances in small counter items that expire on their own: how often someone may do a
// rate-limited thing in a window. Counted in one conditional write, so concurrent requests never exceed it.
import { ConditionalCheckFailedException, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { caseTable } from '../catalog.ts';
import { dynamoClient } from './clients.ts';
import { tableName } from './environment.ts';

export interface Allowance {
  /** What is limited and for whom: never a phone number or an address, a person's id or a case reference. */
  readonly key: string;
  readonly limit: number;
  readonly windowSeconds: number;
}

/** Takes one from the allowance of the current window; false when it is used up (nothing is counted then). */
export async function takeAllowance(allowance: Allowance, now: Date): Promise<boolean> {
  const seconds = Math.floor(now.getTime() / 1000);
  const window = seconds - (seconds % allowance.windowSeconds);
  try {
    await dynamoClient().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall({
          [caseTable.partitionKey]: `ALLOWANCE#${allowance.key}`,
          [caseTable.sortKey]: String(window),
        }),
        UpdateExpression: 'ADD #used :one SET #expires = :expires',
        ConditionExpression: 'attribute_not_exists(#used) OR #used < :limit',
        ExpressionAttributeNames: { '#used': 'used', '#expires': caseTable.timeToLiveAttribute },
        ExpressionAttributeValues: marshall({
          ':one': 1,
          ':limit': allowance.limit,
          ':expires': window + 2 * allowance.windowSeconds,
        }),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}
