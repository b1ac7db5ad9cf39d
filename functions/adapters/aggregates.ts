// The daily aggregates in the table. Counting is idempotent without transactions: a body-day's counters live in a
// few shard items, and each counter update adds the event's id to the shard's `seen` set in the same conditional
// write, so an event delivered twice is counted once. Days that have settled are rolled up into one item per
// body-day that statistics read; a late count into a settled day marks its roll-up stale until it is rolled up again.
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { aggregateShardOf, type Contribution, type ShardCounts, sumCounts } from '#domain/aggregates.ts';
import { caseTable } from '../catalog.ts';
import { dynamoClient } from './clients.ts';
import { tableName } from './environment.ts';

const COUNTER_PREFIX = 'c:';
const PK = caseTable.partitionKey;
const SK = caseTable.sortKey;

const shardKey = (bodyId: string, day: string, shard: number) => ({
  [PK]: `AGG#${bodyId}#${day}`,
  [SK]: `S#${shard}`,
});
const rollupKey = (bodyId: string, day: string) => ({ [PK]: `STATS#${bodyId}`, [SK]: `D#${day}` });
const sealedKey = (bodyId: string) => ({ [PK]: `STATS#${bodyId}`, [SK]: 'SEALED' });

/** The counters of an item, without their prefix. */
function countersOf(item: Record<string, unknown>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [name, value] of Object.entries(item)) {
    if (name.startsWith(COUNTER_PREFIX) && typeof value === 'number')
      counts[name.slice(COUNTER_PREFIX.length)] = value;
  }
  return counts;
}

/**
 * Adds one event's contribution to its body-day, once: `eventId` (case, version) goes into the shard's `seen` set in
 * the same write, which holds only while the id is not there yet. Answers whether this call counted it.
 */
export async function countContribution(
  reference: string,
  eventId: string,
  contribution: Contribution,
): Promise<boolean> {
  const names: Record<string, string> = { '#seen': 'seen' };
  const values: Record<string, unknown> = { ':id': eventId, ':ids': new Set([eventId]) };
  const adds = ['#seen :ids'];
  Object.entries(contribution.counts).forEach(([counter, n], i) => {
    names[`#c${i}`] = `${COUNTER_PREFIX}${counter}`;
    values[`:c${i}`] = n;
    adds.push(`#c${i} :c${i}`);
  });
  try {
    await dynamoClient().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall(shardKey(contribution.bodyId, contribution.day, aggregateShardOf(reference))),
        UpdateExpression: `ADD ${adds.join(', ')}`,
        ConditionExpression: 'NOT contains(#seen, :id)',
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: marshall(values),
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
  // A count into a day already rolled up (or being rolled up): its roll-up no longer holds and is read from the
  // shards until it is redone. The mark is unique, so a roll-up that read the shards before this count cannot clear it.
  if (contribution.day <= (await sealedThrough(contribution.bodyId))) {
    await dynamoClient().send(
      new UpdateItemCommand({
        TableName: tableName(),
        Key: marshall(rollupKey(contribution.bodyId, contribution.day)),
        UpdateExpression: 'SET #stale = :mark, #day = :day',
        ExpressionAttributeNames: { '#stale': 'stale', '#day': 'day' },
        ExpressionAttributeValues: marshall({
          ':mark': `${eventId}@${Date.now()}`,
          ':day': contribution.day,
        }),
      }),
    );
  }
  return true;
}

/** The last day of a body whose counters are rolled up ('' when none is). */
export async function sealedThrough(bodyId: string): Promise<string> {
  const { Items = [] } = await dynamoClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: '#pk = :pk AND #sk = :sk',
      ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
      ExpressionAttributeValues: marshall({ ':pk': sealedKey(bodyId)[PK], ':sk': 'SEALED' }),
    }),
  );
  const item = Items[0];
  return item === undefined ? '' : String(unmarshall(item).through ?? '');
}

/** The counters of one body-day summed over its shards (what a roll-up stores). */
export async function dayFromShards(
  bodyId: string,
  day: string,
): Promise<{ counts: Record<string, number>; read: number }> {
  const { Items = [] } = await dynamoClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: '#pk = :pk',
      ExpressionAttributeNames: { '#pk': PK },
      ExpressionAttributeValues: marshall({ ':pk': `AGG#${bodyId}#${day}` }),
      ConsistentRead: true,
    }),
  );
  return { counts: sumCounts(Items.map((item) => countersOf(unmarshall(item)))), read: Items.length };
}

/**
 * Writes a body-day's roll-up (its whole counters, recomputed from the shards: idempotent), even for a day with
 * nothing, so that a missing roll-up means "not rolled up yet". It replaces the item only while its stale mark is
 * still `staleMark` (none for a first roll-up): a count that landed meanwhile leaves it stale for the next run.
 */
export async function writeRollup(
  bodyId: string,
  day: string,
  counts: Record<string, number>,
  staleMark?: string,
): Promise<boolean> {
  const item: Record<string, unknown> = { ...rollupKey(bodyId, day), day };
  for (const [name, n] of Object.entries(counts)) item[`${COUNTER_PREFIX}${name}`] = n;
  try {
    await dynamoClient().send(
      new PutItemCommand({
        TableName: tableName(),
        Item: marshall(item),
        ConditionExpression: staleMark === undefined ? 'attribute_not_exists(#stale)' : '#stale = :mark',
        ExpressionAttributeNames: { '#stale': 'stale' },
        ...(staleMark === undefined ? {} : { ExpressionAttributeValues: marshall({ ':mark': staleMark }) }),
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export async function setSealedThrough(bodyId: string, day: string): Promise<void> {
  await dynamoClient().send(
    new PutItemCommand({ TableName: tableName(), Item: marshall({ ...sealedKey(bodyId), through: day }) }),
  );
}

/** The days of a body whose roll-up is stale (a late count landed), with their marks, at most `limit`. */
export async function staleDays(bodyId: string, limit = 100): Promise<{ day: string; mark: string }[]> {
  const { Items = [] } = await dynamoClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :d)',
      FilterExpression: 'attribute_exists(#stale)',
      ExpressionAttributeNames: { '#pk': PK, '#sk': SK, '#stale': 'stale' },
      ExpressionAttributeValues: marshall({ ':pk': `STATS#${bodyId}`, ':d': 'D#' }),
      Limit: 1000,
    }),
  );
  return Items.map((item) => unmarshall(item))
    .map((item) => ({ day: String(item.day ?? ''), mark: String(item.stale) }))
    .filter((stale) => stale.day !== '')
    .slice(0, limit);
}

export interface DailyCounts {
  readonly day: string;
  readonly counts: Record<string, number>;
}

/**
 * A body's counters for each day from `from` to `to` (yyyy-MM-dd) that has any: roll-ups for settled days, the
 * shards for the days after (and for a stale roll-up). Reads O(days) items, however many cases there are.
 */
export async function dailyCounts(
  bodyId: string,
  from: string,
  to: string,
): Promise<{ days: DailyCounts[]; itemsRead: number }> {
  const [sealed, rollups] = await Promise.all([
    sealedThrough(bodyId),
    (async () => {
      const found: Record<string, unknown>[] = [];
      let start: Record<string, AttributeValue> | undefined;
      do {
        const page = await dynamoClient().send(
          new QueryCommand({
            TableName: tableName(),
            KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
            ExpressionAttributeNames: { '#pk': PK, '#sk': SK },
            ExpressionAttributeValues: marshall({
              ':pk': `STATS#${bodyId}`,
              ':from': `D#${from}`,
              ':to': `D#${to}`,
            }),
            ...(start === undefined ? {} : { ExclusiveStartKey: start }),
          }),
        );
        found.push(...(page.Items ?? []).map((item) => unmarshall(item)));
        start = page.LastEvaluatedKey;
      } while (start !== undefined);
      return found;
    })(),
  ]);
  let itemsRead = rollups.length + 1;
  const days: DailyCounts[] = [];
  const rolledUp = new Set<string>();
  for (const rollup of rollups) {
    const day = String(rollup.day);
    if (rollup.stale !== undefined || day > sealed) continue;
    rolledUp.add(day);
    const counts = countersOf(rollup);
    if (Object.keys(counts).length > 0) days.push({ day, counts });
  }
  // Every other day of the period is read from its shards: the days after the last rolled up, and any whose roll-up
  // is stale or not written yet.
  const fromShards: string[] = [];
  for (let day = from; day <= to; day = nextDay(day)) if (!rolledUp.has(day)) fromShards.push(day);
  const shardDays = await Promise.all(
    fromShards.map(async (day) => ({ day, ...(await dayFromShards(bodyId, day)) })),
  );
  for (const { day, counts, read } of shardDays) {
    itemsRead += read;
    if (read > 0) days.push({ day, counts });
  }
  return { days: days.sort((a, b) => (a.day < b.day ? -1 : 1)), itemsRead };
}

export function nextDay(day: string): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** A shard as a rebuild writes it: its counters and the ids of the events counted, replacing what was there. */
export function shardItem(shard: ShardCounts): Record<string, unknown> {
  const item: Record<string, unknown> = { ...shardKey(shard.bodyId, shard.day, shard.shard) };
  for (const [name, n] of Object.entries(shard.counts)) item[`${COUNTER_PREFIX}${name}`] = n;
  if (shard.seen.size > 0) item.seen = shard.seen;
  return item;
}
