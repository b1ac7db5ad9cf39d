// The cases one channel filed, read from the sparse byChannel index: a bounded query, never a scan.
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { ListedCase } from '#domain/channels/open311.ts';
import type { Channel } from '#domain/complaint.ts';
import { caseTable } from '../catalog.ts';
import { channelKey } from './case-store.ts';
import { dynamoClient } from './clients.ts';
import { tableName } from './environment.ts';

const MAX_PAGES = 5;

export interface ChannelListing {
  readonly since: string;
  readonly until: string;
  /** Only cases in these statuses (a filter on the index's projection); all when absent. */
  readonly statuses?: readonly string[];
  /** Only cases of these categories; all when absent. */
  readonly categories?: readonly string[];
  readonly limit: number;
}

/** Newest first, received between `since` and `until` (ISO times), at most `limit` of them. */
export async function casesFiledThrough(channel: Channel, listing: ChannelListing): Promise<ListedCase[]> {
  const { byChannel } = caseTable.indexes;
  const names: Record<string, string> = { '#channel': byChannel.partitionKey, '#order': byChannel.sortKey };
  const values: Record<string, unknown> = {
    ':channel': channelKey(channel),
    ':since': listing.since,
    ':until': `${listing.until}#~`,
  };
  const filters: string[] = [];
  const inList = (attribute: string, prefix: string, items: readonly string[] | undefined) => {
    if (items === undefined) return;
    names[`#${prefix}`] = attribute;
    const placeholders = items.map((item, i) => {
      values[`:${prefix}${i}`] = item;
      return `:${prefix}${i}`;
    });
    filters.push(`#${prefix} IN (${placeholders.join(', ')})`);
  };
  inList('status', 'status', listing.statuses);
  inList('category', 'category', listing.categories);

  const found: ListedCase[] = [];
  let start: Record<string, unknown> | undefined;
  let pages = 0;
  // A filter is applied after each page is read; pages continue until enough are found, the range ends, or a
  // bound on the reads (what one request may cost) is reached.
  do {
    pages++;
    const page = await dynamoClient().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'byChannel',
        KeyConditionExpression: '#channel = :channel AND #order BETWEEN :since AND :until',
        ...(filters.length === 0 ? {} : { FilterExpression: filters.join(' AND ') }),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: marshall(values),
        ScanIndexForward: false,
        Limit: listing.limit,
        ...(start === undefined ? {} : { ExclusiveStartKey: marshall(start) }),
      }),
    );
    for (const item of page.Items ?? []) found.push(unmarshall(item) as ListedCase);
    start = page.LastEvaluatedKey === undefined ? undefined : unmarshall(page.LastEvaluatedKey);
  } while (start !== undefined && found.length < listing.limit && pages < MAX_PAGES);
  return found.slice(0, listing.limit);
}
