// The console's lists, each filter answered by an index: open cases by their next deadline (byOpen: the default list,
// "overdue" is a key range below now), a status (byStatus) or everything (byAssignee) by date received, with
// category, severity and channel filtered on what the index projects. A request reads a bounded number of index
// items and answers with a cursor; it never pages through a body's whole history.
import { type AttributeValue, QueryCommand, Select } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import type { CaseStatus } from '#domain/case.ts';
import type { Channel } from '#domain/complaint.ts';
import { type CaseSummary, CaseSummarySchema, SUMMARY_FIELDS } from '#domain/lifecycle/summary.ts';
import type { Category, Severity } from '#domain/triage/model.ts';
import { caseTable, type IndexName } from '../catalog.ts';
import { findCases, statusKeyOf } from './case-store.ts';
import { dynamoClient } from './clients.ts';
import { tableName } from './environment.ts';

/** Index items one request may read at most, over all the partitions of the caller's scope. */
export const MAX_ITEMS_READ = 1000;

export interface ListRequest {
  /** The index partitions of the caller's scope (bodies, manual triage). */
  readonly keys: readonly string[];
  /** Open cases by deadline (default), or every case by date received. */
  readonly view: 'open' | 'all';
  readonly status?: CaseStatus | undefined;
  readonly overdue?: boolean | undefined;
  readonly category?: Category | undefined;
  readonly severity?: Severity | undefined;
  readonly channel?: Channel | undefined;
  /** Received from / up to (ISO instants), for the lists by date. */
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly limit: number;
  /** The sort position the page starts after. */
  readonly after?: string | undefined;
  readonly now: Date;
}

export interface ListPage {
  readonly items: CaseSummary[];
  /** The sort position of the last item returned, when more may follow. */
  readonly next?: string;
  /** Index items read for this page (what it cost). */
  readonly itemsRead: number;
}

interface Plan {
  readonly index: IndexName;
  readonly partition: (key: string) => string;
  readonly ascending: boolean;
  /** The key range, before the cursor is applied. */
  readonly low?: string;
  readonly high?: string;
}

function planOf(request: ListRequest): Plan {
  const received = { low: request.from, high: request.to === undefined ? undefined : `${request.to}#~` };
  if (request.status !== undefined) {
    const status = request.status;
    return { index: 'byStatus', partition: (key) => statusKeyOf(key, status), ascending: false, ...received };
  }
  if (request.view === 'all')
    return { index: 'byAssignee', partition: (key) => key, ascending: false, ...received };
  const now = request.now.toISOString();
  if (request.overdue === true)
    return { index: 'byOpen', partition: (key) => key, ascending: true, high: now };
  if (request.overdue === false)
    return { index: 'byOpen', partition: (key) => key, ascending: true, low: now };
  return { index: 'byOpen', partition: (key) => key, ascending: true };
}

/** An index item carries the table key, `CASE#<reference>`, whatever it projects. */
const referenceOfItem = (item: Record<string, unknown>): string =>
  String(item.reference ?? String(item[caseTable.partitionKey]).slice('CASE#'.length));

function summaryFrom(item: Record<string, unknown>): CaseSummary {
  const summary: Record<string, unknown> = { reference: referenceOfItem(item) };
  for (const field of SUMMARY_FIELDS) if (item[field] !== undefined) summary[field] = item[field];
  return CaseSummarySchema.parse(summary) as CaseSummary;
}

/** One page of a list: each partition read in order from the cursor, merged by the index's order. */
export async function listCases(request: ListRequest): Promise<ListPage> {
  const plan = planOf(request);
  const spec = caseTable.indexes[plan.index];
  // The cursor narrows the range: strictly after it in the index's order.
  let low = plan.low;
  let high = plan.high;
  if (request.after !== undefined) {
    if (plan.ascending) low = low === undefined || request.after > low ? request.after : low;
    else high = high === undefined || request.after < high ? request.after : high;
  }
  const names: Record<string, string> = { '#key': spec.partitionKey };
  const values: Record<string, unknown> = {};
  const filters: string[] = [];
  for (const field of ['category', 'severity', 'channel'] as const) {
    const value = request[field];
    if (value === undefined) continue;
    names[`#${field}`] = field;
    values[`:${field}`] = value;
    filters.push(`#${field} = :${field}`);
  }
  const range =
    low !== undefined && high !== undefined
      ? '#order BETWEEN :low AND :high'
      : low !== undefined
        ? '#order >= :low'
        : high !== undefined
          ? '#order <= :high'
          : undefined;
  if (low !== undefined) values[':low'] = low;
  if (high !== undefined) values[':high'] = high;
  // DynamoDB refuses a name the expressions do not use.
  if (range !== undefined) names['#order'] = spec.sortKey;
  const found: { order: string; item: Record<string, unknown> }[] = [];
  let itemsRead = 0;
  let more = false;
  const budget = Math.max(request.limit + 1, Math.floor(MAX_ITEMS_READ / Math.max(1, request.keys.length)));
  for (const key of request.keys) {
    let kept = 0;
    let read = 0;
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await dynamoClient().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: plan.index,
          KeyConditionExpression: range === undefined ? '#key = :key' : `#key = :key AND ${range}`,
          ...(filters.length === 0 ? {} : { FilterExpression: filters.join(' AND ') }),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: marshall({ ...values, ':key': plan.partition(key) }),
          ScanIndexForward: plan.ascending,
          Limit: Math.min(budget - read, Math.max(request.limit + 1, 100)),
          ...(start === undefined ? {} : { ExclusiveStartKey: start }),
        }),
      );
      read += page.ScannedCount ?? 0;
      for (const raw of page.Items ?? []) {
        const item = unmarshall(raw);
        const order = String(item[spec.sortKey]);
        // The cursor itself was on the previous page (the key range includes it).
        if (order === request.after) continue;
        found.push({ order, item });
        kept++;
      }
      start = page.LastEvaluatedKey;
    } while (start !== undefined && kept <= request.limit && read < budget);
    itemsRead += read;
    if (start !== undefined) more = true;
  }
  found.sort((a, b) => (a.order < b.order ? -1 : a.order > b.order ? 1 : 0) * (plan.ascending ? 1 : -1));
  const page = found.slice(0, request.limit);
  // The open list's index carries the whole summary; the others carry only stable facts, so the heads are read.
  const items =
    plan.index === 'byOpen'
      ? page.map((f) => summaryFrom(f.item))
      : (await findCases(page.map((f) => referenceOfItem(f.item)))).map((record) => summaryFrom(record));
  const last = page.at(-1);
  return {
    items,
    itemsRead,
    ...((more || found.length > request.limit) && last !== undefined ? { next: last.order } : {}),
  };
}

/** How many open cases of one partition are past their running deadline now: a count over the overdue range only. */
export async function countOverdue(key: string, now: Date): Promise<{ count: number; read: number }> {
  const { byOpen } = caseTable.indexes;
  let count = 0;
  let read = 0;
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await dynamoClient().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'byOpen',
        KeyConditionExpression: '#key = :key AND #order < :now',
        ExpressionAttributeNames: { '#key': byOpen.partitionKey, '#order': byOpen.sortKey },
        ExpressionAttributeValues: marshall({ ':key': key, ':now': now.toISOString() }),
        Select: Select.COUNT,
        ...(start === undefined ? {} : { ExclusiveStartKey: start }),
      }),
    );
    count += page.Count ?? 0;
    read += page.ScannedCount ?? 0;
    start = page.LastEvaluatedKey;
  } while (start !== undefined);
  return { count, read };
}
