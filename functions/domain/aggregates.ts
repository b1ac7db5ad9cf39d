// Daily aggregates: what each committed transition adds to the counters of a body and a day (the day it happened
// in the office's calendar). Statistics and the public page read only these, never case items. The rule is a pure
// function of the event, so a changed rule is applied to every event again by `npm run rebuild:aggregates`.
import { createHash } from 'node:crypto';
import { RATINGS, SANCTION_KINDS } from './case.ts';
import { CHANNELS } from './complaint.ts';
import { type Calendar, localDay } from './deadlines/calendar.ts';
import type { Snapshot, TransitionKind } from './events.ts';
import { CATEGORIES, SEVERITIES } from './triage/model.ts';

/** Counters of cases still waiting for a person to triage them, which belong to no body yet. */
export const UNASSIGNED = 'unassigned';

/** The counters every body-day has; `received.unit.<unitId>` (hotspots) come on top, one per unit complained of. */
export const COUNTERS = [
  'received',
  ...CHANNELS.map((c) => `received.channel.${c}`),
  ...CATEGORIES.map((c) => `received.category.${c}`),
  'received.category.untriaged',
  ...SEVERITIES.map((s) => `received.severity.${s}`),
  'acknowledged',
  'acknowledged.onTime',
  'verified',
  'verified.onTime',
  /** Hours from receipt to conclusion, summed: with `verified`, the average time to a conclusion. */
  'verified.hours',
  'outcome.substantiated',
  'outcome.unfounded',
  'people',
  ...SANCTION_KINDS.map((k) => `sanction.${k}`),
  'closed',
  'reopened',
  'transferred.in',
  'transferred.out',
  'merged',
  'unmerged',
  'triagedByHand',
  'assigned',
  'returned',
  'extension.requested',
  'extension.granted',
  'extension.refused',
  'supervised',
  // The reporter's side (reporter/follow-up.ts): questions asked and answered, information added, each rating of an
  // outcome by what it said (on the day it was given, for the body that had the case), answers to a 不满意.
  'reporter.questions',
  'reporter.answers',
  'reporter.additions',
  ...RATINGS.map((r) => `rating.${r}` as const),
  'rating.answered',
] as const;
export type Counter = (typeof COUNTERS)[number] | `received.unit.${string}`;

/** What one event adds to one body's counters of one day. */
export interface Contribution {
  readonly bodyId: string;
  readonly day: string;
  readonly counts: Readonly<Partial<Record<Counter, number>>>;
}

/** The event fields the rule reads. */
export interface CountableEvent {
  readonly kind: TransitionKind;
  readonly at: string;
  readonly before?: Snapshot;
  readonly after: Snapshot;
  /** A rating's value is in its details. */
  readonly details?: Readonly<Record<string, unknown>>;
}

const bodyOf = (snapshot: Snapshot | undefined): string => snapshot?.bodyId ?? UNASSIGNED;

function add(counts: Partial<Record<Counter, number>>, counter: Counter, n = 1): void {
  if (n !== 0) counts[counter] = (counts[counter] ?? 0) + n;
}

/** What a complaint adds as received (or, with sign -1, takes back when triage by hand moves it). */
function receipt(snapshot: Snapshot, sign: 1 | -1): Partial<Record<Counter, number>> {
  const counts: Partial<Record<Counter, number>> = {};
  add(counts, 'received', sign);
  add(counts, `received.channel.${snapshot.channel}`, sign);
  add(counts, `received.category.${snapshot.category ?? 'untriaged'}`, sign);
  if (snapshot.severity !== undefined) add(counts, `received.severity.${snapshot.severity}`, sign);
  // Hotspots follow the public's complaints, not an inspector's own findings.
  if (snapshot.unitId && snapshot.channel !== 'inspection')
    add(counts, `received.unit.${snapshot.unitId}`, sign);
  return counts;
}

/** What a conclusion adds (or, with sign -1, a reopening takes back: the case is concluded again later). */
function conclusion(snapshot: Snapshot, at: string, sign: 1 | -1): Partial<Record<Counter, number>> {
  const counts: Partial<Record<Counter, number>> = {};
  add(counts, 'verified', sign);
  if (at <= snapshot.verificationDueAt) add(counts, 'verified.onTime', sign);
  add(
    counts,
    'verified.hours',
    sign * Math.round((Date.parse(at) - Date.parse(snapshot.receivedAt)) / 3_600_000),
  );
  if (snapshot.outcome !== undefined) add(counts, `outcome.${snapshot.outcome}`, sign);
  if (snapshot.outcome === 'substantiated' && snapshot.sanctions !== undefined) {
    add(counts, 'people', sign * snapshot.sanctions.people);
    for (const kind of SANCTION_KINDS)
      add(counts, `sanction.${kind}`, sign * (snapshot.sanctions.kinds[kind] ?? 0));
  }
  return counts;
}

/** What an event adds to the aggregates: nothing, or the counts of one or two body-days. */
export function contributionsOf(event: CountableEvent, calendar: Calendar): Contribution[] {
  const day = localDay(new Date(event.at), calendar);
  const one = (bodyId: string, counts: Partial<Record<Counter, number>>): Contribution[] =>
    Object.keys(counts).length === 0 ? [] : [{ bodyId, day, counts }];
  const { before, after } = event;
  switch (event.kind) {
    case 'opened':
      return one(bodyOf(after), receipt(after, 1));
    case 'acknowledged': {
      const counts: Partial<Record<Counter, number>> = { acknowledged: 1 };
      const due = before?.acknowledgeDueAt;
      if (due === undefined || event.at <= due) counts['acknowledged.onTime'] = 1;
      return one(bodyOf(after), counts);
    }
    case 'substantiated':
    case 'unfounded':
      return one(bodyOf(after), conclusion({ ...after, concludedAt: event.at }, event.at, 1));
    case 'reopened': {
      // The conclusion it takes back was counted when it was made; the case will be concluded again.
      const counts = before?.concludedAt === undefined ? {} : conclusion(before, before.concludedAt, -1);
      add(counts, 'reopened');
      return one(bodyOf(after), counts);
    }
    case 'closed':
      return one(bodyOf(after), { closed: 1 });
    case 'transferred':
      return [
        ...one(bodyOf(before), { 'transferred.out': 1 }),
        ...one(bodyOf(after), { 'transferred.in': 1 }),
      ];
    case 'merged': {
      // A duplicate is not another complaint about its unit.
      const counts: Partial<Record<Counter, number>> = { merged: 1 };
      if (after.unitId && after.channel !== 'inspection') add(counts, `received.unit.${after.unitId}`, -1);
      return one(bodyOf(after), counts);
    }
    case 'unmerged': {
      const counts: Partial<Record<Counter, number>> = { unmerged: 1 };
      if (after.unitId && after.channel !== 'inspection') add(counts, `received.unit.${after.unitId}`, 1);
      return one(bodyOf(after), counts);
    }
    case 'manually-triaged': {
      // The complaint is received by the body a person routed it to, with the category and severity they gave.
      if (before === undefined) return [];
      const moved = one(bodyOf(before), receipt(before, -1));
      const counts = receipt(after, 1);
      add(counts, 'triagedByHand');
      return [...moved, ...one(bodyOf(after), counts)];
    }
    case 'returned': {
      // Back to be routed again: received by no body until a person routes it (which counts it at the new one).
      if (before === undefined) return [];
      const counts = receipt(before, -1);
      add(counts, 'returned');
      return [...one(bodyOf(before), counts), ...one(bodyOf(after), receipt(after, 1))];
    }
    case 'assigned':
      return one(bodyOf(after), { assigned: 1 });
    case 'extension-requested':
      return one(bodyOf(after), { 'extension.requested': 1 });
    case 'extension-granted':
      return one(bodyOf(after), { 'extension.granted': 1 });
    case 'extension-refused':
      return one(bodyOf(after), { 'extension.refused': 1 });
    case 'supervised':
      return one(bodyOf(after), { supervised: 1 });
    case 'verification-started':
      return [];
    case 'question-asked':
      return one(bodyOf(after), { 'reporter.questions': 1 });
    case 'question-answered':
      return one(bodyOf(after), { 'reporter.answers': 1 });
    case 'information-added':
      return one(bodyOf(after), { 'reporter.additions': 1 });
    case 'rated': {
      const rating = RATINGS.find((r) => r === event.details?.rating);
      return rating === undefined ? [] : one(bodyOf(after), { [`rating.${rating}`]: 1 });
    }
    case 'rating-answered':
      return one(bodyOf(after), { 'rating.answered': 1 });
  }
}

/** The counters of several contributions, summed. */
export function sumCounts(all: readonly Readonly<Partial<Record<string, number>>>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const counts of all) {
    for (const [name, n] of Object.entries(counts)) if (n !== undefined) total[name] = (total[name] ?? 0) + n;
  }
  return total;
}

/** Shards of one body-day: each holds the ids of the events it counted, so more shards keep each small. */
export const AGGREGATE_SHARDS = 4;

/** The shard of a body-day a case's events count into. */
export const aggregateShardOf = (reference: string): number =>
  createHash('sha256').update(reference).digest().readUInt8(0) % AGGREGATE_SHARDS;

/** The id an event is counted under, once: the case and the version its transition made. */
export const countedId = (reference: string, version: number): string => `${reference}#${version}`;

export interface ShardCounts {
  readonly bodyId: string;
  readonly day: string;
  readonly shard: number;
  readonly counts: Record<string, number>;
  readonly seen: Set<string>;
}

/**
 * Every aggregate shard as the events make it, from scratch: what `npm run rebuild:aggregates` writes after a
 * rule changed. Each event counted once, whatever order the events come in.
 */
export function aggregatesOf(
  events: Iterable<CountableEvent & { readonly reference: string; readonly version: number }>,
  calendar: Calendar,
): Map<string, ShardCounts> {
  const shards = new Map<string, ShardCounts>();
  for (const event of events) {
    const id = countedId(event.reference, event.version);
    for (const contribution of contributionsOf(event, calendar)) {
      const shard = aggregateShardOf(event.reference);
      const key = `${contribution.bodyId}|${contribution.day}|${shard}`;
      const found = shards.get(key) ?? {
        bodyId: contribution.bodyId,
        day: contribution.day,
        shard,
        counts: {},
        seen: new Set<string>(),
      };
      if (found.seen.has(id)) continue;
      found.seen.add(id);
      for (const [name, n] of Object.entries(contribution.counts)) {
        if (n !== undefined) found.counts[name] = (found.counts[name] ?? 0) + n;
      }
      shards.set(key, found);
    }
  }
  return shards;
}
