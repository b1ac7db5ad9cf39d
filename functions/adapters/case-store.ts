// The case table: one item per case, written with single-item conditional writes (no transactions needed).
import { createHash } from 'node:crypto';
import {
  type AttributeValue,
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { type Case, CaseSchema } from '#domain/case.ts';
import { relatedWindow, subjectKey } from '#domain/case-triage.ts';
import { type CaseSummary, CaseSummarySchema, SUMMARY_FIELDS } from '#domain/lifecycle/summary.ts';
import type { LinkableCase } from '#domain/triage/related.ts';
import { caseKey, caseTable } from '../catalog.ts';
import { dynamoClient } from './clients.ts';
import { tableName } from './environment.ts';

/** Due-index partitions: enough that a burst of deadlines does not make one partition hot. */
export const DUE_SHARDS = 4;

export function dueShard(reference: string): string {
  return `DUE#${createHash('sha256').update(reference).digest().readUInt8(0) % DUE_SHARDS}`;
}

/**
 * Where a case sits in the due index: by its next milestone, while a clock runs. A case with nothing left to
 * notify (clocks stopped, closed, merged) has no such attributes and so leaves the sparse index. A writer that
 * changes `nextDueAt` (clocksAfter) sets these too, or REMOVEs them when this returns nothing.
 */
export function dueIndexAttributes(
  record: Pick<Case, 'reference' | 'status' | 'nextDueAt'>,
): Record<string, string> {
  const { byDue } = caseTable.indexes;
  if (record.nextDueAt === undefined || record.status === 'merged') return {};
  return {
    [byDue.partitionKey]: dueShard(record.reference),
    [byDue.sortKey]: `${record.nextDueAt}#${record.reference}`,
  };
}

/** Cases that failed triage wait under this assignee key until a person routes them. */
export const MANUAL_TRIAGE_KEY = 'TRIAGE#manual';

/**
 * Where a case sits in the indexes follows from the case itself, so it is computed on every write. No key
 * holds anything about the reporter; the subject index carries the named official for linking related cases.
 */
function indexAttributes(record: Case): Record<string, string> {
  const { byAssignee, bySubject, byChannel } = caseTable.indexes;
  const newestFirst = `${record.receivedAt}#${record.reference}`;
  const attributes: Record<string, string> = {};
  Object.assign(attributes, dueIndexAttributes(record));
  if (record.bodyId !== undefined) {
    attributes[byAssignee.partitionKey] = `BODY#${record.bodyId}`;
    attributes[byAssignee.sortKey] = newestFirst;
  } else if (record.needsManualTriage) {
    attributes[byAssignee.partitionKey] = MANUAL_TRIAGE_KEY;
    attributes[byAssignee.sortKey] = newestFirst;
  }
  if (LISTED_CHANNELS.has(record.channel)) {
    attributes[byChannel.partitionKey] = channelKey(record.channel);
    attributes[byChannel.sortKey] = newestFirst;
  }
  const subject = subjectKey(record.unitId, record.complaint.officialName);
  if (subject !== undefined) {
    attributes[bySubject.partitionKey] = subject;
    attributes[bySubject.sortKey] = newestFirst;
    attributes.officialName = record.complaint.officialName ?? '';
  }
  return attributes;
}

/** Channels whose clients list the cases they filed (Open311): only their cases are in the byChannel index. */
const LISTED_CHANNELS: ReadonlySet<Case['channel']> = new Set(['open311']);

export const channelKey = (channel: Case['channel']): string => `CHANNEL#${channel}`;

export type CreateOutcome = 'created' | 'duplicate';

/** Creates the case unless it exists: a second delivery of the same complaint changes nothing. */
export async function createCase(record: Case): Promise<CreateOutcome> {
  try {
    await dynamoClient().send(
      new PutItemCommand({
        TableName: tableName(),
        Item: marshall(
          { ...record, ...caseKey(record.reference), ...indexAttributes(record) },
          { removeUndefinedValues: true },
        ),
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': caseTable.partitionKey },
      }),
    );
    return 'created';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'duplicate';
    throw error;
  }
}

export async function findCase(reference: string): Promise<Case | undefined> {
  const { Item } = await dynamoClient().send(
    new GetItemCommand({ TableName: tableName(), Key: marshall(caseKey(reference)), ConsistentRead: true }),
  );
  return Item === undefined ? undefined : CaseSchema.parse(unmarshall(Item));
}

/**
 * The most recent cases with this subject key received from `since` up to `until` (ISO times), newest first,
 * at most `limit` of them: one bounded query, however many complaints name the same official.
 */
export async function casesAbout(
  subject: string,
  since: string,
  until: string,
  limit: number,
): Promise<LinkableCase[]> {
  const { bySubject } = caseTable.indexes;
  const page = await dynamoClient().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'bySubject',
      KeyConditionExpression: '#subject = :subject AND #order BETWEEN :since AND :until',
      ExpressionAttributeNames: { '#subject': bySubject.partitionKey, '#order': bySubject.sortKey },
      ExpressionAttributeValues: marshall({ ':subject': subject, ':since': since, ':until': `${until}#~` }),
      ScanIndexForward: false,
      Limit: limit,
    }),
  );
  return (page.Items ?? []).map((item) => {
    const { reference, unitId, officialName, receivedAt } = unmarshall(item);
    return { reference, unitId, officialName: officialName ?? null, receivedAt };
  });
}

export interface RelatedCases {
  /** References of related cases, earlier and later, newest first. */
  readonly references: readonly string[];
  /** There are more than were asked for. */
  readonly more: boolean;
}

/**
 * The cases related to this one, earlier or later, newest first: read from the subject index when a person
 * looks, so a later complaint never has to write onto the earlier ones (a flood costs O(1) writes per case).
 */
export async function relatedCasesOf(record: Case, limit = 50): Promise<RelatedCases> {
  const subject = subjectKey(record.unitId, record.complaint.officialName);
  if (subject === undefined) return { references: [], more: false };
  const window = relatedWindow(record.receivedAt);
  // One more than asked for, plus the case itself, tells whether there are more.
  const found = await casesAbout(subject, window.since, window.until, limit + 2);
  const others = found.filter((c) => c.reference !== record.reference).map((c) => c.reference);
  return { references: others.slice(0, limit), more: others.length > limit };
}

/** The assignee key a body's cases are listed under in the byAssignee index. */
export const assigneeKeyOfBody = (bodyId: string): string => `BODY#${bodyId}`;

/**
 * Writes the next version of a case only if the stored one is still `expectedVersion`: of two people acting on the
 * same version, one succeeds and the other learns it is stale, and nothing is lost in between.
 */
export async function saveTransition(next: Case, expectedVersion: number): Promise<'saved' | 'stale'> {
  try {
    await dynamoClient().send(
      new PutItemCommand({
        TableName: tableName(),
        Item: marshall(
          { ...next, ...caseKey(next.reference), ...indexAttributes(next) },
          { removeUndefinedValues: true },
        ),
        ConditionExpression: '#version = :expected',
        ExpressionAttributeNames: { '#version': 'version' },
        ExpressionAttributeValues: marshall({ ':expected': expectedVersion }),
      }),
    );
    return 'saved';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'stale';
    throw error;
  }
}

export interface AssigneePage {
  readonly items: CaseSummary[];
  /** The sort position of the last item returned, when more may follow. */
  readonly next?: string;
}

/**
 * One page of the cases under these assignee keys, newest first, that pass `keep`: each key is one Query of the
 * byAssignee index (never a scan) starting below `before`, read until it has `limit` kept items or ends; the
 * partitions are then merged by their common order, the received time followed by the reference.
 */
export async function listAssigned(
  assigneeKeys: readonly string[],
  options: { before?: string; limit: number; keep: (summary: CaseSummary) => boolean },
): Promise<AssigneePage> {
  const { byAssignee } = caseTable.indexes;
  const found: { order: string; summary: CaseSummary }[] = [];
  let more = false;
  for (const key of assigneeKeys) {
    let kept = 0;
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await dynamoClient().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'byAssignee',
          KeyConditionExpression:
            options.before === undefined ? '#key = :key' : '#key = :key AND #order < :before',
          ExpressionAttributeNames: {
            '#key': byAssignee.partitionKey,
            ...(options.before === undefined ? {} : { '#order': byAssignee.sortKey }),
          },
          ExpressionAttributeValues: marshall({
            ':key': key,
            ...(options.before === undefined ? {} : { ':before': options.before }),
          }),
          ScanIndexForward: false,
          Limit: options.limit + 1,
          ...(start === undefined ? {} : { ExclusiveStartKey: start }),
        }),
      );
      for (const item of page.Items ?? []) {
        const record = unmarshall(item);
        const summary = summaryFromIndex(record);
        if (!options.keep(summary)) continue;
        found.push({ order: String(record[byAssignee.sortKey]), summary });
        kept += 1;
      }
      start = page.LastEvaluatedKey;
    } while (start !== undefined && kept <= options.limit);
    if (start !== undefined) more = true;
  }
  found.sort((a, b) => (a.order < b.order ? 1 : a.order > b.order ? -1 : 0));
  const page = found.slice(0, options.limit);
  const last = page.at(-1);
  return {
    items: page.map((f) => f.summary),
    ...((more || found.length > options.limit) && last !== undefined ? { next: last.order } : {}),
  };
}

/** Every case under these assignee keys received from `from` to `to` (ISO times): the statistics' cohort. */
export async function casesReceivedBetween(
  assigneeKeys: readonly string[],
  from: string,
  to: string,
): Promise<CaseSummary[]> {
  const { byAssignee } = caseTable.indexes;
  const cases: CaseSummary[] = [];
  for (const key of assigneeKeys) {
    let start: Record<string, AttributeValue> | undefined;
    do {
      const page = await dynamoClient().send(
        new QueryCommand({
          TableName: tableName(),
          IndexName: 'byAssignee',
          KeyConditionExpression: '#key = :key AND #order BETWEEN :from AND :to',
          ExpressionAttributeNames: { '#key': byAssignee.partitionKey, '#order': byAssignee.sortKey },
          ExpressionAttributeValues: marshall({ ':key': key, ':from': from, ':to': `${to}#~` }),
          ...(start === undefined ? {} : { ExclusiveStartKey: start }),
        }),
      );
      for (const item of page.Items ?? []) cases.push(summaryFromIndex(unmarshall(item)));
      start = page.LastEvaluatedKey;
    } while (start !== undefined);
  }
  return cases;
}

/** What the index holds of a case, checked as the case schema would: the index keys themselves are dropped. */
function summaryFromIndex(item: Record<string, unknown>): CaseSummary {
  const summary: Record<string, unknown> = {};
  for (const field of SUMMARY_FIELDS) if (item[field] !== undefined) summary[field] = item[field];
  return CaseSummarySchema.parse(summary);
}
