// The case table: a case is an item collection under `CASE#<reference>`: a small head (where the case stands) and one
// item per event, transitions under `T#<at>#<version>` and everything else under `E#<at>#…`. Writes are single-item
// conditional writes only: a transition commits by moving the head's version on (UpdateItem of the attributes it
// changes, conditional on the version it read), its event is written beside it with a key that makes a retry write
// nothing new, and nothing ever rewrites an item another writer appended.
import { createHash } from 'node:crypto';
import {
  type AttributeValue,
  BatchGetItemCommand,
  type BatchGetItemCommandOutput,
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { type Case, CaseSchema, isOpen, RECENT_TRANSITIONS } from '#domain/case.ts';
import { relatedWindow, subjectKey } from '#domain/case-triage.ts';
import type { ComplaintDetails } from '#domain/complaint.ts';
import type { CaseEvent, SideEvent, StoredEvent, Transition, TransitionEvent } from '#domain/events.ts';
import { StoredEventSchema } from '#domain/events.ts';
import { runningDeadline } from '#domain/lifecycle/overdue.ts';
import { normaliseName } from '#domain/triage/normalise.ts';
import type { LinkableCase } from '#domain/triage/related.ts';
import { caseKey, caseTable } from '../catalog.ts';
import { dynamoClient } from './clients.ts';
import { putContact } from './contact-store.ts';
import { tableName } from './environment.ts';
import { assertWithin } from './item-size.ts';

/** The head never grows past this, whatever happens to the case (checked as DynamoDB counts it, on every write). */
export const HEAD_LIMIT_BYTES = 8 * 1024;
/** No event item may approach DynamoDB's 400 KB: notes, findings and sanctions have bounded lengths. */
export const EVENT_LIMIT_BYTES = 64 * 1024;

/** Due-index partitions: enough that a burst of deadlines is swept by many invocations at once. */
export const DUE_SHARDS = 16;

export function dueShard(reference: string): string {
  return `DUE#${createHash('sha256').update(reference).digest().readUInt8(0) % DUE_SHARDS}`;
}

const pad = (version: number) => String(version).padStart(6, '0');

/** The key of a transition's event: its time and the version it made (one transition per version). */
export const transitionSortKey = (at: string, version: number): string => `T#${at}#${pad(version)}`;

/** The opening event of a case: its complaint, sealed contact, call and triage reasons. */
export const openingSortKey = (receivedAt: string): string => transitionSortKey(receivedAt, 1);

/** The key of an event that moves nothing: its time and what makes it unique (a retry writes the same). */
export const sideSortKey = (at: string, unique: string): string => `E#${at}#${unique}`;

const itemKey = (reference: string, sk: string) => ({
  [caseTable.partitionKey]: `CASE#${reference}`,
  [caseTable.sortKey]: sk,
});

/**
 * Where a case sits in the due index: by its next milestone, while a clock runs. A case with nothing left to
 * notify (clocks stopped, closed, merged) or set aside after failing sweeps has no such attributes and so leaves
 * the sparse index.
 */
export function dueIndexAttributes(
  record: Pick<Case, 'reference' | 'status' | 'nextDueAt' | 'sweepSetAsideAt'>,
): Record<string, string> {
  const { byDue } = caseTable.indexes;
  if (record.nextDueAt === undefined || record.status === 'merged' || record.sweepSetAsideAt !== undefined)
    return {};
  return {
    [byDue.partitionKey]: dueShard(record.reference),
    [byDue.sortKey]: `${record.nextDueAt}#${record.reference}`,
  };
}

/** Cases that failed triage wait under this assignee key until a person routes them. */
export const MANUAL_TRIAGE_KEY = 'TRIAGE#manual';

/** The assignee key a body's cases are listed under. */
export const assigneeKeyOfBody = (bodyId: string): string => `BODY#${bodyId}`;

function assigneeKeyOf(record: Case): string | undefined {
  if (record.bodyId !== undefined) return assigneeKeyOfBody(record.bodyId);
  return record.needsManualTriage ? MANUAL_TRIAGE_KEY : undefined;
}

/** The status index's key of a body (or the manual-triage key) and a status. */
export const statusKeyOf = (assigneeKey: string, status: Case['status']): string =>
  `${assigneeKey}#${status}`;

/**
 * Where an open case sorts in its body's list: its running deadline, else (concluded, to be closed) its feedback
 * deadline, else at the end — where a closed case whose reporter is not satisfied waits for its supervisor.
 */
export const openOrderOf = (record: Case): string =>
  `${isOpen(record.status) ? (runningDeadline(record) ?? record.reporterFeedbackDueAt ?? '9999') : '9999'}#${record.reference}`;

/** The "my cases" index's key of a person. */
export const personKeyOf = (personId: string): string => `PERSON#${personId}`;

/** An official's name as the search index keys it: normalised (劉 = 刘, spacing, case) and hashed, never in clear. */
export function officialKey(name: string | undefined): string | undefined {
  const normalised = normaliseName(name ?? '');
  if (normalised === '') return undefined;
  return `OFFICIAL#${createHash('sha256').update(normalised).digest('base64url').slice(0, 22)}`;
}

/** Channels whose clients list the cases they filed (Open311): only their cases are in the byChannel index. */
const LISTED_CHANNELS: ReadonlySet<Case['channel']> = new Set(['open311']);

export const channelKey = (channel: Case['channel']): string => `CHANNEL#${channel}`;

/**
 * Where a case sits in the indexes follows from its head, so it is worked out on every write. No key holds anything
 * about the reporter; the subject index carries the named official for linking related cases.
 */
export function indexAttributes(record: Case): Record<string, string> {
  const { byAssignee, byStatus, byOpen, byPerson, bySubject, byOfficial, byChannel, byMerged } =
    caseTable.indexes;
  const newestFirst = `${record.receivedAt}#${record.reference}`;
  const attributes: Record<string, string> = { ...dueIndexAttributes(record) };
  const assignee = assigneeKeyOf(record);
  if (assignee !== undefined) {
    attributes[byAssignee.partitionKey] = assignee;
    attributes[byAssignee.sortKey] = newestFirst;
    attributes[byStatus.partitionKey] = statusKeyOf(assignee, record.status);
    attributes[byStatus.sortKey] = newestFirst;
    // Open cases, and a finished one whose reporter rated it 不满意 until a supervisor reopens it or answers.
    if (isOpen(record.status) || record.dissatisfied === true) {
      attributes[byOpen.partitionKey] = assignee;
      attributes[byOpen.sortKey] = openOrderOf(record);
      if (record.assigneeId !== undefined) {
        attributes[byPerson.partitionKey] = personKeyOf(record.assigneeId);
        attributes[byPerson.sortKey] = openOrderOf(record);
      }
    }
  }
  const official = officialKey(record.complaint.officialName);
  if (official !== undefined) {
    attributes[byOfficial.partitionKey] = official;
    attributes[byOfficial.sortKey] = newestFirst;
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
  if (record.mergedInto !== undefined && record.status === 'merged') {
    attributes[byMerged.partitionKey] = `MERGED#${record.mergedInto}`;
    attributes[byMerged.sortKey] = newestFirst;
  }
  return attributes;
}

/** The head as stored: the case, its keys and its index attributes, checked against the head's bound. */
function headItem(record: Case): Record<string, AttributeValue> {
  const item = marshall(
    { ...record, ...caseKey(record.reference), ...indexAttributes(record) },
    { removeUndefinedValues: true },
  );
  assertWithin(`the head of ${record.reference}`, item, HEAD_LIMIT_BYTES);
  return item;
}

/** The sort key of an event item. */
export function eventSortKey(event: CaseEvent, unique?: string): string {
  if ('version' in event) return transitionSortKey(event.at, event.version);
  if (unique === undefined) throw new Error('a side event needs what makes it unique');
  return sideSortKey(event.at, unique);
}

function eventItem(event: CaseEvent, sk: string): Record<string, AttributeValue> {
  const item = marshall({ ...event, ...itemKey(event.reference, sk) }, { removeUndefinedValues: true });
  assertWithin(`an event of ${event.reference}`, item, EVENT_LIMIT_BYTES);
  return item;
}

/**
 * Writes an event unless its key is already there: a retry, a redelivery or the projector writing what a crashed
 * writer did not, all write nothing new. Answers whether this call wrote it.
 */
export async function putEvent(event: CaseEvent, sk: string): Promise<boolean> {
  try {
    await dynamoClient().send(
      new PutItemCommand({
        TableName: tableName(),
        Item: eventItem(event, sk),
        ConditionExpression: 'attribute_not_exists(#sk)',
        ExpressionAttributeNames: { '#sk': caseTable.sortKey },
      }),
    );
    return true;
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return false;
    throw error;
  }
}

export type CreateOutcome = 'created' | 'duplicate';

/**
 * Creates the case unless it exists: its head first (the commit point: a second delivery of the same complaint
 * changes nothing), then its opening event and the reporter's sealed contact, which every delivery makes sure of, so
 * a crash in between is repaired by the redelivery.
 */
export async function createCase(opening: Transition, sealedContact?: string): Promise<CreateOutcome> {
  const head = {
    ...opening.next,
    transitions: [Date.parse(opening.event.at)],
  };
  let outcome: CreateOutcome = 'created';
  try {
    await dynamoClient().send(
      new PutItemCommand({
        TableName: tableName(),
        Item: headItem(head),
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': caseTable.partitionKey },
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    outcome = 'duplicate';
  }
  await putEvent(opening.event, eventSortKey(opening.event));
  // The contact in an item of its own, which can expire without touching the record (contact-store.ts).
  if (sealedContact !== undefined) await putContact(opening.event.reference, sealedContact);
  return outcome;
}

export async function findCase(reference: string): Promise<Case | undefined> {
  const { Item } = await dynamoClient().send(
    new GetItemCommand({ TableName: tableName(), Key: marshall(caseKey(reference)), ConsistentRead: true }),
  );
  return Item === undefined ? undefined : CaseSchema.parse(unmarshall(Item));
}

/** The heads of these cases, by key (a list page), in the order asked; missing ones are left out. */
export async function findCases(references: readonly string[]): Promise<Case[]> {
  const found = new Map<string, Case>();
  for (let i = 0; i < references.length; i += 100) {
    let keys: Record<string, AttributeValue>[] | undefined = references
      .slice(i, i + 100)
      .map((reference) => marshall(caseKey(reference)));
    for (let attempt = 0; keys !== undefined && keys.length > 0 && attempt < 8; attempt++) {
      const answer: BatchGetItemCommandOutput = await dynamoClient().send(
        new BatchGetItemCommand({ RequestItems: { [tableName()]: { Keys: keys } } }),
      );
      for (const item of answer.Responses?.[tableName()] ?? []) {
        const record = CaseSchema.parse(unmarshall(item));
        found.set(record.reference, record);
      }
      keys = answer.UnprocessedKeys?.[tableName()]?.Keys;
    }
  }
  return references.flatMap((reference) => {
    const record = found.get(reference);
    return record === undefined ? [] : [record];
  });
}

/** Several cases' events by key (a search reads the openings of a page of cases): by reference, as stored. */
export async function findEventsOf(
  wanted: readonly { reference: string; sk: string }[],
): Promise<Map<string, StoredEvent>> {
  const found = new Map<string, StoredEvent>();
  for (let i = 0; i < wanted.length; i += 100) {
    let keys: Record<string, AttributeValue>[] | undefined = wanted
      .slice(i, i + 100)
      .map((w) => marshall(itemKey(w.reference, w.sk)));
    for (let attempt = 0; keys !== undefined && keys.length > 0 && attempt < 8; attempt++) {
      const answer: BatchGetItemCommandOutput = await dynamoClient().send(
        new BatchGetItemCommand({ RequestItems: { [tableName()]: { Keys: keys } } }),
      );
      for (const item of answer.Responses?.[tableName()] ?? []) {
        const raw = unmarshall(item);
        found.set(String(raw.reference), StoredEventSchema.parse(raw));
      }
      keys = answer.UnprocessedKeys?.[tableName()]?.Keys;
    }
  }
  return found;
}

/** An event by its key, read as stored. */
export async function findEvent(reference: string, sk: string): Promise<StoredEvent | undefined> {
  const { Item } = await dynamoClient().send(
    new GetItemCommand({
      TableName: tableName(),
      Key: marshall(itemKey(reference, sk)),
      ConsistentRead: true,
    }),
  );
  return Item === undefined ? undefined : StoredEventSchema.parse(unmarshall(Item));
}

/**
 * What the opening event keeps besides the head: the complaint itself, the call and triage's reasons. The reporter's
 * sealed contact is not part of it: it lives in an item of its own that can expire (contact-store.ts).
 */
export interface Opening {
  readonly complaint: ComplaintDetails;
  readonly call?: Record<string, unknown>;
  readonly triageReasons?: readonly Record<string, unknown>[];
  readonly triageFailure?: string;
  readonly demand?: Record<string, unknown>;
  readonly incidentDate?: Record<string, unknown>;
  readonly delayDays?: number;
}

export async function openingOf(
  record: Pick<Case, 'reference' | 'receivedAt'>,
): Promise<Opening | undefined> {
  const event = await findEvent(record.reference, openingSortKey(record.receivedAt));
  return event?.details === undefined ? undefined : (event.details as unknown as Opening);
}

/**
 * The sealed contact a case opened before contacts had an item of their own keeps in its opening event (read only
 * when the contact item is missing and the head still says it has one; such a contact does not expire).
 */
export async function legacySealedContact(
  record: Pick<Case, 'reference' | 'receivedAt' | 'hasContact'>,
): Promise<string | undefined> {
  if (record.hasContact !== true) return undefined;
  const event = await findEvent(record.reference, openingSortKey(record.receivedAt));
  const sealed = event?.details?.sealedContact;
  return typeof sealed === 'string' ? sealed : undefined;
}

/** Field by field: which of the head's attributes a transition sets, and which it removes. */
function headChanges(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): { set: Record<string, unknown>; remove: string[] } {
  const set: Record<string, unknown> = {};
  const remove: string[] = [];
  for (const [name, value] of Object.entries(after)) {
    if (value === undefined) continue;
    if (JSON.stringify(before[name]) !== JSON.stringify(value)) set[name] = value;
  }
  for (const name of Object.keys(before))
    if (after[name] === undefined && before[name] !== undefined) remove.push(name);
  return { set, remove };
}

/**
 * An UpdateItem of exactly the head attributes that differ between `before` and `after` (with the index
 * attributes that follow from them), conditional on `condition`. Attributes another writer owns and this change
 * does not touch (the sweeper's claims, counters) are never rewritten.
 */
function headUpdate(
  reference: string,
  before: Case,
  after: Case,
  condition: { expression: string; names: Record<string, string>; values: Record<string, unknown> },
) {
  const { set, remove } = headChanges(
    { ...before, ...indexAttributes(before) },
    { ...after, ...indexAttributes(after) },
  );
  const names: Record<string, string> = { ...condition.names };
  const values: Record<string, unknown> = { ...condition.values };
  const sets: string[] = [];
  Object.entries(set).forEach(([name, value], i) => {
    names[`#s${i}`] = name;
    values[`:s${i}`] = value;
    sets.push(`#s${i} = :s${i}`);
  });
  const removes = remove.map((name, i) => {
    names[`#r${i}`] = name;
    return `#r${i}`;
  });
  // The whole head as it will be must stay within its bound.
  headItem(after);
  return new UpdateItemCommand({
    TableName: tableName(),
    Key: marshall(caseKey(reference)),
    UpdateExpression: [
      sets.length > 0 ? `SET ${sets.join(', ')}` : '',
      removes.length > 0 ? `REMOVE ${removes.join(', ')}` : '',
    ]
      .filter(Boolean)
      .join(' '),
    ConditionExpression: condition.expression,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: marshall(values, { removeUndefinedValues: true }),
  });
}

export type CommitOutcome = 'committed' | 'stale';

/**
 * Commits a transition: the head moves from `current.version` to the next, in one write conditional on the version
 * still being the one read (of two people acting on the same version, one succeeds and the other learns it is
 * stale), and remembers the event's key; then the event is written. A crash between the two leaves the event to
 * the projector, which received it (queued before the commit, see case-events.ts) and writes it if missing.
 */
export async function commitTransition(current: Case, transition: Transition): Promise<CommitOutcome> {
  const sk = eventSortKey(transition.event);
  const next: Case = {
    ...transition.next,
    transitions: [...(current.transitions ?? []), Date.parse(transition.event.at)].slice(-RECENT_TRANSITIONS),
  };
  try {
    await dynamoClient().send(
      headUpdate(current.reference, current, next, {
        expression: '#version = :expected',
        names: { '#version': 'version' },
        values: { ':expected': current.version },
      }),
    );
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'stale';
    throw error;
  }
  await putEvent(transition.event, sk);
  return 'committed';
}

/**
 * Updates head attributes that are not a transition (the sweeper's claims, a failure count): only the attributes
 * that differ, conditional on the version still being the one read, without moving it.
 */
export async function updateHead(current: Case, next: Case): Promise<'saved' | 'stale'> {
  try {
    await dynamoClient().send(
      headUpdate(current.reference, current, next, {
        expression: '#version = :expected',
        names: { '#version': 'version' },
        values: { ':expected': current.version },
      }),
    );
    return 'saved';
  } catch (error) {
    if (error instanceof ConditionalCheckFailedException) return 'stale';
    throw error;
  }
}

/**
 * Whether the transition whose event key is `sk` made the head's version `version`, as far as the head remembers
 * (undefined: too long ago to tell from the head).
 */
export function committedBy(head: Case, sk: string, version: number): boolean | undefined {
  if (head.version < version) return false;
  const known = head.transitions ?? [];
  const index = known.length - 1 - (head.version - version);
  if (index < 0) return undefined;
  const at = sk.split('#')[1] ?? '';
  return (
    known[index] === Date.parse(at) &&
    sk === transitionSortKey(new Date(known[index] ?? 0).toISOString(), version)
  );
}

export interface HistoryCursor {
  /** Where each key range goes on from (exclusive); '' when it has nothing more. */
  readonly transitions?: string;
  readonly others?: string;
}

export interface HistoryPage {
  /** Newest first. */
  readonly events: readonly (StoredEvent & { readonly sk: string })[];
  /** Where the next (older) page starts, when there is one. */
  readonly next?: HistoryCursor;
}

/** Up to `limit + 1` events of one key range strictly before `before`, newest first (one more tells "more"). */
async function eventsBefore(
  reference: string,
  prefix: 'T#' | 'E#',
  before: string | undefined,
  limit: number,
): Promise<(StoredEvent & { sk: string })[]> {
  const { Items = [] } = await dynamoClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
      ExpressionAttributeNames: { '#pk': caseTable.partitionKey, '#sk': caseTable.sortKey },
      ExpressionAttributeValues: marshall({
        ':pk': `CASE#${reference}`,
        ':from': prefix,
        ':to': before ?? `${prefix}~`,
      }),
      ScanIndexForward: false,
      // BETWEEN includes the cursor itself, which was on the previous page.
      Limit: limit + 2,
    }),
  );
  return Items.map((item) => {
    const raw = unmarshall(item);
    return { ...StoredEventSchema.parse(raw), sk: String(raw[caseTable.sortKey]) };
  })
    .filter((event) => event.sk !== before)
    .slice(0, limit + 1);
}

/**
 * One page of a case's history, newest first: transitions and other events merged by time, each read from its own
 * key range a page at a time, so a case with ten thousand events costs the same per page as one with ten.
 */
export async function historyPage(
  reference: string,
  limit: number,
  cursor: HistoryCursor = {},
): Promise<HistoryPage> {
  const read = (prefix: 'T#' | 'E#', from: string | undefined) =>
    from === '' ? Promise.resolve([]) : eventsBefore(reference, prefix, from, limit);
  const [transitions, others] = await Promise.all([
    read('T#', cursor.transitions),
    read('E#', cursor.others),
  ]);
  const byTime = (a: { at: string; sk: string }, b: { at: string; sk: string }) =>
    a.at < b.at ? 1 : a.at > b.at ? -1 : a.sk < b.sk ? 1 : -1;
  const page = [...transitions, ...others].sort(byTime).slice(0, limit);
  const taken = new Set(page.map((e) => e.sk));
  /** Where a range goes on: '' when everything it has was taken, else after its last event taken. */
  const goOn = (range: readonly { sk: string }[], from: string | undefined): string | undefined => {
    if (from === '') return '';
    if (range.length <= limit && range.every((e) => taken.has(e.sk))) return '';
    return range.filter((e) => taken.has(e.sk)).at(-1)?.sk ?? from;
  };
  const next = { transitions: goOn(transitions, cursor.transitions), others: goOn(others, cursor.others) };
  if (next.transitions === '' && next.others === '') return { events: page };
  return {
    events: page,
    next: {
      ...(next.transitions === undefined ? {} : { transitions: next.transitions }),
      ...(next.others === undefined ? {} : { others: next.others }),
    },
  };
}

/** A case's transitions, oldest first, at most `limit` of them (the reporter's page, a rebuild). */
export async function transitionsOf(reference: string, limit = 200): Promise<StoredEvent[]> {
  const { Items = [] } = await dynamoClient().send(
    new QueryCommand({
      TableName: tableName(),
      KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :t)',
      ExpressionAttributeNames: { '#pk': caseTable.partitionKey, '#sk': caseTable.sortKey },
      ExpressionAttributeValues: marshall({ ':pk': `CASE#${reference}`, ':t': 'T#' }),
      Limit: limit,
    }),
  );
  return Items.map((item) => StoredEventSchema.parse(unmarshall(item)));
}

/** Appends an event that moves nothing (a contact view, a send): its own item, never a rewrite of another's. */
export async function appendEvent(event: SideEvent, unique: string): Promise<boolean> {
  return putEvent(event, sideSortKey(event.at, unique));
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
): Promise<(LinkableCase & { bodyId?: string })[]> {
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
    const { reference, unitId, officialName, receivedAt, bodyId } = unmarshall(item);
    return {
      reference,
      unitId,
      officialName: officialName ?? null,
      receivedAt,
      ...(bodyId ? { bodyId } : {}),
    };
  });
}

export interface RelatedCases {
  /** References of related cases the reader may see, earlier and later, newest first. */
  readonly references: readonly string[];
  /** Related cases held by bodies outside the reader's scope: counted, never named. */
  readonly elsewhere: number;
  /** There are more than were asked for. */
  readonly more: boolean;
}

/**
 * The cases related to this one, earlier or later, newest first: read from the subject index when a person
 * looks, so a later complaint never has to write onto the earlier ones (a flood costs O(1) writes per case). Only
 * cases of the bodies `visible` names are listed; the others are counted.
 */
export async function relatedCasesOf(
  record: Case,
  visible: (bodyId: string | undefined) => boolean,
  limit = 50,
): Promise<RelatedCases> {
  const subject = subjectKey(record.unitId, record.complaint.officialName);
  if (subject === undefined) return { references: [], elsewhere: 0, more: false };
  const window = relatedWindow(record.receivedAt);
  // One more than asked for, plus the case itself, tells whether there are more.
  const found = await casesAbout(subject, window.since, window.until, limit + 2);
  const others = found.filter((c) => c.reference !== record.reference);
  const mine = others.filter((c) => visible(c.bodyId));
  return {
    references: mine.slice(0, limit).map((c) => c.reference),
    elsewhere: others.length - mine.length,
    more: others.length > limit,
  };
}

/** The duplicates merged into this case, as committed: read from the merge index, never a list a write could lose. */
export async function mergedInto(
  reference: string,
  limit = 100,
): Promise<{ reference: string; status: string; bodyId?: string }[]> {
  const { byMerged } = caseTable.indexes;
  const { Items = [] } = await dynamoClient().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'byMerged',
      KeyConditionExpression: '#key = :key',
      ExpressionAttributeNames: { '#key': byMerged.partitionKey },
      ExpressionAttributeValues: marshall({ ':key': `MERGED#${reference}` }),
      Limit: limit,
    }),
  );
  return Items.map((item) => {
    const { reference: ref, status, bodyId } = unmarshall(item);
    return {
      reference: String(ref),
      status: String(status),
      ...(bodyId === undefined ? {} : { bodyId: String(bodyId) }),
    };
  });
}

export type { TransitionEvent };
