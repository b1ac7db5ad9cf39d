// The sweeper's side of the case table: due cases read from the sparse byDue index (never a scan), each sweep's
// claim as one conditional write on the head (not a transition: the version stays, so nobody's action is made stale
// by a sweep), and a case whose sweeps keep failing set aside for a person.
import {
  ConditionalCheckFailedException,
  QueryCommand,
  ReturnValue,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
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
 * Records a sweep on the head in one conditional write: the due milestones become claimed, the next due time moves
 * on (or the case leaves the index), and the count of failed sweeps starts again. It holds only if nobody committed
 * a transition since the case was read (its version) and no milestone was claimed meanwhile; otherwise another
 * writer won and this sweep backs off (its notices, queued before, are absorbed by the send records).
 */
export async function claimMilestones(record: Case, plan: SweepPlan): Promise<ClaimOutcome> {
  const { byDue } = caseTable.indexes;
  const claimed = plan.claim.map((m) => m.id);
  const index = dueIndexAttributes({ ...record, nextDueAt: plan.nextDueAt });
  const names: Record<string, string> = {
    '#version': 'version',
    '#next': 'nextDueAt',
    '#shard': byDue.partitionKey,
    '#order': byDue.sortKey,
    '#failures': 'sweepFailures',
  };
  const values: Record<string, unknown> = { ':version': record.version, ':claimed': claimed };
  const sets: string[] = [];
  // DynamoDB refuses names and values an expression does not use: the list is only named when it grows.
  if (claimed.length > 0) {
    sets.push('#notified = list_append(#notified, :claimed)');
    names['#notified'] = 'milestonesNotified';
  } else delete values[':claimed'];
  const removes: string[] = ['#failures'];
  if (plan.nextDueAt === undefined) removes.push('#next', '#shard', '#order');
  else {
    sets.push('#next = :next');
    values[':next'] = plan.nextDueAt;
    if (index[byDue.partitionKey] === undefined) removes.push('#shard', '#order');
    else {
      sets.push('#shard = :shard', '#order = :order');
      values[':shard'] = index[byDue.partitionKey];
      values[':order'] = index[byDue.sortKey];
    }
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
        UpdateExpression: `${sets.length > 0 ? `SET ${sets.join(', ')} ` : ''}REMOVE ${removes.join(', ')}`,
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

/** After this many failed sweeps in a row a case leaves the due index and waits for a person (an alarm says so). */
export const MAX_SWEEP_FAILURES = 5;

/**
 * Counts a failed sweep of a case; at the limit the case is set aside: it leaves the due index (so it is not retried
 * for ever) and carries the time it was set aside. Answers whether it was set aside now.
 */
export async function recordSweepFailure(reference: string, now: Date): Promise<boolean> {
  const { byDue } = caseTable.indexes;
  const { Attributes } = await dynamoClient().send(
    new UpdateItemCommand({
      TableName: tableName(),
      Key: marshall(caseKey(reference)),
      UpdateExpression: 'ADD #failures :one',
      ConditionExpression: 'attribute_exists(#pk)',
      ExpressionAttributeNames: { '#failures': 'sweepFailures', '#pk': caseTable.partitionKey },
      ExpressionAttributeValues: marshall({ ':one': 1 }),
      ReturnValues: ReturnValue.UPDATED_NEW,
    }),
  );
  if (Number(Attributes?.sweepFailures?.N ?? 0) < MAX_SWEEP_FAILURES) return false;
  await dynamoClient().send(
    new UpdateItemCommand({
      TableName: tableName(),
      Key: marshall(caseKey(reference)),
      UpdateExpression: 'SET #aside = :now REMOVE #shard, #order',
      ExpressionAttributeNames: {
        '#aside': 'sweepSetAsideAt',
        '#shard': byDue.partitionKey,
        '#order': byDue.sortKey,
      },
      ExpressionAttributeValues: marshall({ ':now': now.toISOString() }),
    }),
  );
  return true;
}
