// `npm run rebuild:aggregates`: the daily aggregates made again from the events, after a counting rule changed
// (functions/domain/aggregates.ts). Reads every transition event, counts each once with today's rule, replaces every
// aggregate shard, and clears the roll-ups so the next roll-up (stats-rollup) redoes every settled day.
//
// Runs against the table named by HOTLINE_TABLE_NAME on the endpoint the SDK is configured for
// (AWS_ENDPOINT_URL_DYNAMODB for `npm start`'s dynalite, printed at start; your AWS credentials for a deployment).
// Idempotent; run it when the office is quiet, as counts landing during the rebuild are counted again only if their
// events are re-projected.
import {
  type AttributeValue,
  BatchWriteItemCommand,
  DynamoDBClient,
  ScanCommand,
  type WriteRequest,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { shardItem } from '#adapters/aggregates.ts';
import { caseTable } from '#catalog';
import { deadlineCalendar } from '#config/office.ts';
import { aggregatesOf, type CountableEvent } from '#domain/aggregates.ts';
import { isTransitionKind } from '#domain/events.ts';

const table = process.env.HOTLINE_TABLE_NAME;
if (!table) {
  console.error('Set HOTLINE_TABLE_NAME (and AWS_ENDPOINT_URL_DYNAMODB for the local runtime).');
  process.exit(2);
}
const dynamo = new DynamoDBClient({});
const PK = caseTable.partitionKey;
const SK = caseTable.sortKey;

/** Every item a filter keeps, a page at a time (an administrator's tool may scan; no function ever does). */
async function* scan(
  filter: string,
  values: Record<string, unknown>,
): AsyncGenerator<Record<string, unknown>> {
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamo.send(
      new ScanCommand({
        TableName: table,
        FilterExpression: filter,
        // Only the names the filter uses: DynamoDB refuses any other.
        ExpressionAttributeNames: Object.fromEntries(
          Object.entries({ '#pk': PK, '#sk': SK }).filter(([name]) => filter.includes(name)),
        ),
        ExpressionAttributeValues: marshall(values),
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      }),
    );
    for (const item of page.Items ?? []) yield unmarshall(item);
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
}

async function write(requests: WriteRequest[]): Promise<void> {
  for (let i = 0; i < requests.length; i += 25) {
    let pending: Record<string, WriteRequest[]> | undefined = {
      [table as string]: requests.slice(i, i + 25),
    };
    while (pending !== undefined && Object.keys(pending).length > 0) {
      const answer: { UnprocessedItems?: Record<string, WriteRequest[]> } = await dynamo.send(
        new BatchWriteItemCommand({ RequestItems: pending }),
      );
      pending = answer.UnprocessedItems;
    }
  }
}

const events: (CountableEvent & { reference: string; version: number })[] = [];
for await (const item of scan('begins_with(#sk, :t) AND begins_with(#pk, :case)', {
  ':t': 'T#',
  ':case': 'CASE#',
})) {
  if (!isTransitionKind(String(item.kind)) || typeof item.version !== 'number') continue;
  events.push(item as unknown as CountableEvent & { reference: string; version: number });
}
const shards = aggregatesOf(events, deadlineCalendar);

// Everything counted or rolled up before goes; the new shards come in its place.
const old: WriteRequest[] = [];
for await (const item of scan('begins_with(#pk, :agg) OR begins_with(#pk, :stats)', {
  ':agg': 'AGG#',
  ':stats': 'STATS#',
})) {
  old.push({ DeleteRequest: { Key: marshall({ [PK]: item[PK], [SK]: item[SK] }) } });
}
await write(old);
await write(
  [...shards.values()].map((shard) => ({
    PutRequest: { Item: marshall(shardItem(shard), { removeUndefinedValues: true }) },
  })),
);
console.log(
  `${events.length} transition events counted into ${shards.size} aggregate shards; ${old.length} old items removed. ` +
    'The next roll-up (stats-rollup, hourly) rolls every settled day up again.',
);
dynamo.destroy();
