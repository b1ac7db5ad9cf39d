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
import { normaliseText } from '#domain/triage/normalise.ts';
import { caseTable, type IndexName } from '../catalog.ts';
import {
  assigneeKeyOfBody,
  findCases,
  findEventsOf,
  MANUAL_TRIAGE_KEY,
  officialKey,
  openingSortKey,
  personKeyOf,
  statusKeyOf,
} from './case-store.ts';
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
  /** Cases one person has (their open ones, by deadline), or those nobody has (`none`). */
  readonly assignee?: string | undefined;
  readonly unit?: string | undefined;
  /** Only cases with a supervision mark. */
  readonly supervised?: boolean | undefined;
  /** Only cases triage flagged for review. */
  readonly review?: boolean | undefined;
  /** Only cases whose reporter rated the outcome 不满意 and have not been answered. */
  readonly dissatisfied?: boolean | undefined;
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
  /** One partition whatever the scope (a person's cases): read once, and checked against the scope after. */
  readonly single?: boolean;
  /** The key range, before the cursor is applied. */
  readonly low?: string;
  readonly high?: string;
}

function planOf(request: ListRequest): Plan {
  const received = { low: request.from, high: request.to === undefined ? undefined : `${request.to}#~` };
  if (
    request.assignee !== undefined &&
    request.assignee !== 'none' &&
    request.status === undefined &&
    request.view === 'open'
  ) {
    // One person's open cases, by deadline: their own index partition, whatever body the scope covers.
    const person = request.assignee;
    const now = request.now.toISOString();
    const range = request.overdue === true ? { high: now } : request.overdue === false ? { low: now } : {};
    return {
      index: 'byPerson',
      partition: () => personKeyOf(person),
      ascending: true,
      single: true,
      ...range,
    };
  }
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
  for (const [field, attribute] of [
    ['category', 'category'],
    ['severity', 'severity'],
    ['channel', 'channel'],
    ['unit', 'unitId'],
  ] as const) {
    const value = request[field];
    if (value === undefined) continue;
    names[`#${field}`] = attribute;
    values[`:${field}`] = value;
    filters.push(`#${field} = :${field}`);
  }
  if (request.assignee !== undefined && plan.index !== 'byPerson') {
    names['#assignee'] = 'assigneeId';
    if (request.assignee === 'none') filters.push('attribute_not_exists(#assignee)');
    else {
      values[':assignee'] = request.assignee;
      filters.push('#assignee = :assignee');
    }
  }
  if (request.supervised === true) {
    names['#supervision'] = 'supervision';
    filters.push('attribute_exists(#supervision)');
  }
  if (request.review === true) {
    names['#review'] = 'needsReview';
    values[':true'] = true;
    filters.push('#review = :true');
  }
  if (request.dissatisfied === true) {
    names['#dissatisfied'] = 'dissatisfied';
    values[':true'] = true;
    filters.push('#dissatisfied = :true');
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
  const keys = plan.single === true ? ['-'] : request.keys;
  const budget = Math.max(request.limit + 1, Math.floor(MAX_ITEMS_READ / Math.max(1, keys.length)));
  for (const key of keys) {
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
  // The open lists' indexes carry the whole summary; the others carry only stable facts, so the heads are read.
  const summaries =
    plan.index === 'byOpen' || plan.index === 'byPerson'
      ? page.map((f) => summaryFrom(f.item))
      : (await findCases(page.map((f) => referenceOfItem(f.item)))).map((record) => summaryFrom(record));
  // A person's partition may hold a case since moved out of the caller's scope: never shown.
  const assignees = new Set(request.keys);
  const items =
    plan.single === true
      ? summaries.filter((c) =>
          assignees.has(c.bodyId === undefined ? MANUAL_TRIAGE_KEY : assigneeKeyOfBody(c.bodyId)),
        )
      : summaries;
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

/** At most this many cases are read for a search by an official's name or by words of the complaint. */
export const SEARCH_LIMIT = 300;

/** The cases naming an official (however the name is written), newest first, in the scope: the byOfficial index. */
export async function casesNamingOfficial(name: string, keys: readonly string[]): Promise<ListPage> {
  const key = officialKey(name);
  if (key === undefined) return { items: [], itemsRead: 0 };
  const { byOfficial } = caseTable.indexes;
  const page = await dynamoClient().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'byOfficial',
      KeyConditionExpression: '#key = :key',
      ExpressionAttributeNames: { '#key': byOfficial.partitionKey },
      ExpressionAttributeValues: marshall({ ':key': key }),
      ScanIndexForward: false,
      Limit: SEARCH_LIMIT,
    }),
  );
  const scope = new Set(keys);
  const found = (page.Items ?? []).map((item) => unmarshall(item));
  const mine = found.filter((item) =>
    scope.has(item.bodyId === undefined ? MANUAL_TRIAGE_KEY : assigneeKeyOfBody(String(item.bodyId))),
  );
  const heads = await findCases(mine.map((item) => referenceOfItem(item)));
  return { items: heads.map((head) => summaryFrom(head)), itemsRead: found.length + heads.length };
}

const SEARCHED_FIELDS = ['description', 'subjectUnit', 'officialName', 'location', 'amountDemanded'] as const;

/**
 * The cases whose complaint has these words, among the most recent SEARCH_LIMIT of the scope, newest first: a bounded
 * read of their opening events (the complaint is never on an index), said as such to whoever searches.
 */
export async function casesMentioning(words: string, keys: readonly string[], now: Date): Promise<ListPage> {
  // Both sides normalised as triage reads text (full-width, Traditional, case), so 趙 finds 赵.
  const needle = normaliseText(words);
  const recent = await listCases({ keys, view: 'all', limit: 100, now });
  let candidates = [...recent.items];
  let itemsRead = recent.itemsRead;
  let after = recent.next;
  while (after !== undefined && candidates.length < SEARCH_LIMIT) {
    const more = await listCases({ keys, view: 'all', limit: 100, now, after });
    candidates = [...candidates, ...more.items];
    itemsRead += more.itemsRead;
    after = more.next;
  }
  const openings = await findEventsOf(
    candidates
      .slice(0, SEARCH_LIMIT)
      .map((c) => ({ reference: c.reference, sk: openingSortKey(c.receivedAt) })),
  );
  itemsRead += openings.size;
  const items = candidates.filter((c) => {
    const complaint = (
      openings.get(c.reference)?.details as { complaint?: Record<string, unknown> } | undefined
    )?.complaint;
    // The complaint's own words only: what happened, where, about whom (never anything about the reporter).
    const haystack = normaliseText(
      SEARCHED_FIELDS.map((field) => complaint?.[field])
        .filter((v) => typeof v === 'string')
        .join('\n'),
    );
    return haystack.includes(needle);
  });
  return { items, itemsRead };
}
