// The sweeper's side of the case table: due cases read from the sparse byDue index (never a scan), and each
// sweep's claim as one conditional write on the case, so two sweepers (or a retried one) never claim twice.
import { ConditionalCheckFailedException, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { Case } from '#domain/case.ts';
import type { SweepPlan } from '#domain/deadlines/clocks.ts';
import { caseKey, caseTable } from '../catalog.ts';
import { DUE_SHARDS, dueIndexAttributes } from './case-store.ts';
import { dynamoClient } from './clients.ts';
import { tableName } from './environment.ts';

export interface DuePage {
  readonly references: readonly string[];
  /** Where the next page of this shard starts; undefined when the shard has nothing more due. */
  readonly next: Record<string, unknown> | undefined;
  /** Index items read (what the page cost). */
  readonly read: number;
}

export const dueShards = (): string[] => Array.from({ length: DUE_SHARDS }, (_, i) => `DUE#${i}`);

/** One page of the cases of a shard whose next milestone is due at or before `now`, earliest first. */
export async function dueCases(
  shard: string,
  now: Date,
  limit: number,
  start?: Record<string, unknown>,
): Promise<DuePage> {
  const { byDue } = caseTable.indexes;
  const page = await dynamoClient().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'byDue',
      KeyConditionExpression: '#shard = :shard AND #order <= :now',
      ExpressionAttributeNames: {
        '#shard': byDue.partitionKey,
        '#order': byDue.sortKey,
        '#ref': 'reference',
      },
      // `#` sorts below every reference character, `~` above: every case due at `now` exactly is included.
      ExpressionAttributeValues: marshall({ ':shard': shard, ':now': `${now.toISOString()}#~` }),
      ProjectionExpression: '#ref',
      Limit: limit,
      // biome-ignore lint/suspicious/noExplicitAny: the SDK's key type is a map of attribute values, passed back as received.
      ...(start === undefined ? {} : { ExclusiveStartKey: start as any }),
    }),
  );
  return {
    references: (page.Items ?? []).flatMap((item) =>
      item.reference?.S === undefined ? [] : [item.reference.S],
    ),
    next: page.LastEvaluatedKey,
    read: page.ScannedCount ?? page.Count ?? 0,
  };
}

export type ClaimOutcome = 'claimed' | 'lost';

/**
 * Records a sweep on the case in one conditional write: the due milestones become notified, the next due time
 * moves on (or the case leaves the index). The write holds only if nobody changed the case since it was read
 * (its version) and no milestone was claimed meanwhile; otherwise another writer won and this sweep backs off.
 */
export async function claimMilestones(record: Case, plan: SweepPlan, now: Date): Promise<ClaimOutcome> {
  const { byDue } = caseTable.indexes;
  const claimed = plan.claim.map((m) => m.id);
  const index = dueIndexAttributes({ ...record, nextDueAt: plan.nextDueAt });
  const names: Record<string, string> = {
    '#version': 'version',
    '#updated': 'updatedAt',
    '#next': 'nextDueAt',
    '#shard': byDue.partitionKey,
    '#order': byDue.sortKey,
  };
  const values: Record<string, unknown> = {
    ':version': record.version,
    ':one': 1,
    ':claimed': claimed,
    ':now': now.toISOString(),
  };
  const sets = ['#version = #version + :one', '#updated = :now'];
  // DynamoDB refuses names and values an expression does not use: the list is only named when it grows.
  if (claimed.length > 0) {
    sets.push('#notified = list_append(#notified, :claimed)');
    names['#notified'] = 'milestonesNotified';
  } else delete values[':claimed'];
  const removes: string[] = [];
  if (plan.nextDueAt === undefined) removes.push('#next', '#shard', '#order');
  else {
    sets.push('#next = :next', '#shard = :shard', '#order = :order');
    Object.assign(values, {
      ':next': plan.nextDueAt,
      ':shard': index[byDue.partitionKey],
      ':order': index[byDue.sortKey],
    });
  }
  const conditions = ['#version = :version'];
  claimed.forEach((id, i) => {
    conditions.push(`NOT contains(#notified, :m${i})`);
    values[`:m${i}`] = id;
  });
  try {
    await dynamoClient().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall(caseKey(record.reference)),
        UpdateExpression: `SET ${sets.join(', ')}${removes.length > 0 ? ` REMOVE ${removes.join(', ')}` : ''}`,
        ConditionExpression: conditions.join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: marshall(values, { removeUndefinedValues: true }),
      }),
    );
    return 'claimed';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'lost';
    throw error;
  }
}

/**
 * Undoes a claim whose notifications could not be queued, so the next sweep tries again; only if nothing else
 * wrote to the case since (its version is still the claim's).
 */
export async function releaseClaim(record: Case, now: Date): Promise<void> {
  const { byDue } = caseTable.indexes;
  const index = dueIndexAttributes(record);
  const restore = record.nextDueAt !== undefined && index[byDue.sortKey] !== undefined;
  await dynamoClient().send(
    new UpdateItemCommand({
      TableName: tableName(),
      Key: marshall(caseKey(record.reference)),
      UpdateExpression: `SET #version = #version + :one, #notified = :notified, #updated = :now${
        restore ? ', #next = :next, #shard = :shard, #order = :order' : ''
      }`,
      ConditionExpression: '#version = :claimedVersion',
      ExpressionAttributeNames: {
        '#version': 'version',
        '#notified': 'milestonesNotified',
        '#updated': 'updatedAt',
        ...(restore ? { '#next': 'nextDueAt', '#shard': byDue.partitionKey, '#order': byDue.sortKey } : {}),
      },
      ExpressionAttributeValues: marshall({
        ':one': 1,
        ':claimedVersion': record.version + 1,
        ':notified': record.milestonesNotified,
        ':now': now.toISOString(),
        ...(restore
          ? { ':next': record.nextDueAt, ':shard': index[byDue.partitionKey], ':order': index[byDue.sortKey] }
          : {}),
      }),
    }),
  );
}
