// The public's figures of a period (GET /accountability): what the office's statistics say (lifecycle/stats.ts, from
// the same daily aggregates), cut to what may be published. A count of 1 or 2 could single out a reporter or an
// official, so it is shown as "<3"; and where such a count could be worked out from the others on the page (a row
// that adds up to its total, a column that adds up to the office's total), one more figure of that sum is withheld
// ("*") until none can. Shares and averages are given only over three or more, and only from figures shown exactly.
// No id and no reference is ever part of them: bodies go by their names.
import { SANCTION_KINDS, type SanctionKind } from '../case.ts';
import { CHANNELS, type Channel } from '../complaint.ts';
import type { Figures } from '../lifecycle/stats.ts';
import { CATEGORIES, type Category } from '../triage/model.ts';

/** Counts below this (and above zero) are never published as they are. */
export const SMALL_COUNT_THRESHOLD = 3;
export const SMALL = '<3';
/** Withheld so that a "<3" next to it cannot be worked out by subtraction. */
export const WITHHELD = '*';
/** A published count: exact (0, or 3 and more), "<3" (1 or 2), or "*" (withheld). */
export type PublicCount = number | typeof SMALL | typeof WITHHELD;

export interface PublicFigures {
  readonly received: {
    readonly total: PublicCount;
    readonly byCategory: Record<Category | 'untriaged', PublicCount>;
    readonly byChannel: Record<Channel, PublicCount>;
  };
  /** Conclusions of the period, those by their verification deadline (three days unless extended), and the share. */
  readonly verified: {
    readonly total: PublicCount;
    readonly onTime: PublicCount;
    readonly onTimeShare: number | null;
  };
  readonly outcomes: { readonly substantiated: PublicCount; readonly unfounded: PublicCount };
  readonly peopleHeldAccountable: PublicCount;
  readonly sanctions: Record<SanctionKind, PublicCount>;
  readonly averageDaysToConclusion: number | null;
  readonly satisfaction: {
    readonly rated: PublicCount;
    readonly satisfied: PublicCount;
    readonly basicallySatisfied: PublicCount;
    readonly dissatisfied: PublicCount;
    /** 满意 + 基本满意 over all ratings. */
    readonly satisfiedShare: number | null;
  };
}

/** The counts of one row (a body, or the office) by their path in PublicFigures, e.g. `received.byCategory.other`. */
type Counts = Map<string, number>;

function countsOf(figures: Figures): Counts {
  const counts: Counts = new Map();
  counts.set('received.total', figures.received.total);
  for (const c of [...CATEGORIES, 'untriaged'] as const)
    counts.set(`received.byCategory.${c}`, figures.received.byCategory[c]);
  for (const c of CHANNELS) counts.set(`received.byChannel.${c}`, figures.received.byChannel[c]);
  counts.set('verified.total', figures.verified.total);
  counts.set('verified.onTime', figures.verified.onTime);
  counts.set('outcomes.substantiated', figures.outcomes.substantiated);
  counts.set('outcomes.unfounded', figures.outcomes.unfounded);
  counts.set('peopleHeldAccountable', figures.peopleHeldAccountable);
  for (const k of SANCTION_KINDS) counts.set(`sanctions.${k}`, figures.sanctions[k]);
  counts.set('satisfaction.rated', figures.satisfaction.rated);
  counts.set('satisfaction.satisfied', figures.satisfaction.satisfied);
  counts.set('satisfaction.basicallySatisfied', figures.satisfaction.basicallySatisfied);
  counts.set('satisfaction.dissatisfied', figures.satisfaction.dissatisfied);
  return counts;
}

/** Sums within a row: a total and the parts that add up to it. */
const ROW_SUMS: readonly (readonly [string, readonly string[]])[] = [
  ['received.total', [...CATEGORIES, 'untriaged'].map((c) => `received.byCategory.${c}`)],
  ['received.total', CHANNELS.map((c) => `received.byChannel.${c}`)],
  ['verified.total', ['outcomes.substantiated', 'outcomes.unfounded']],
  [
    'satisfaction.rated',
    ['satisfaction.satisfied', 'satisfaction.basicallySatisfied', 'satisfaction.dissatisfied'],
  ],
];

export type State = 'shown' | 'small' | 'withheld';
export interface Cell {
  readonly value: number;
  state: State;
}
/** total = offset + Σ parts, where the offset is known to whoever reads the page (or assumed so, to be safe). */
export interface Sum {
  readonly total: Cell;
  readonly parts: readonly Cell[];
  readonly offset: number;
}

const hidden = (cell: Cell) => cell.state !== 'shown';
const bounds = (cell: Cell): [number, number] =>
  cell.state === 'small'
    ? [1, SMALL_COUNT_THRESHOLD - 1]
    : cell.state === 'withheld'
      ? [0, Infinity]
      : [cell.value, cell.value];

/** Whether a reader could work out a hidden figure of this sum from the rest: one unknown, or all pinned to a bound. */
function disclosed(sum: Sum): boolean {
  const unknowns = [sum.total, ...sum.parts].filter(hidden);
  if (unknowns.length === 0) return false;
  if (unknowns.length === 1) return true;
  // Σ hidden parts − (hidden total) = (shown total) − offset − Σ shown parts.
  const known =
    (hidden(sum.total) ? 0 : sum.total.value) -
    sum.offset -
    sum.parts.filter((c) => !hidden(c)).reduce((n, c) => n + c.value, 0);
  let low = 0;
  let high = 0;
  for (const part of sum.parts.filter(hidden)) {
    const [min, max] = bounds(part);
    low += min;
    high += max;
  }
  if (hidden(sum.total)) {
    const [min, max] = bounds(sum.total);
    low -= max;
    high -= min;
  }
  return known === low || known === high;
}

/**
 * Marks counts of 1 and 2 small, then withholds, sum by sum, the smallest figure still shown (a non-zero one first)
 * until no hidden figure can be worked out from the sums it is part of. Deterministic: the same figures always
 * publish the same way.
 */
export function suppress(cells: readonly Cell[], sums: readonly Sum[]): void {
  for (const cell of cells) {
    if (cell.value > 0 && cell.value < SMALL_COUNT_THRESHOLD) cell.state = 'small';
  }
  for (let changed = true; changed; ) {
    changed = false;
    for (const sum of sums) {
      if (!disclosed(sum)) continue;
      const candidates = [...sum.parts, sum.total].filter((c) => !hidden(c));
      const next =
        candidates.filter((c) => c.value > 0).sort((a, b) => a.value - b.value)[0] ??
        candidates.sort((a, b) => a.value - b.value)[0];
      if (next === undefined) continue;
      next.state = 'withheld';
      changed = true;
    }
  }
}

const publish = (cell: Cell): PublicCount =>
  cell.state === 'small' ? SMALL : cell.state === 'withheld' ? WITHHELD : cell.value;

/** A share or an average only over enough, and only from figures published exactly. */
const exactAtLeast = (cell: Cell | undefined): cell is Cell =>
  cell !== undefined && cell.state === 'shown' && cell.value >= SMALL_COUNT_THRESHOLD;

function publicFiguresOf(row: Map<string, Cell>, figures: Figures): PublicFigures {
  const get = (path: string): PublicCount => publish(row.get(path) as Cell);
  const each = <K extends string>(keys: readonly K[], prefix: string) =>
    Object.fromEntries(keys.map((k) => [k, get(`${prefix}.${k}`)])) as Record<K, PublicCount>;
  const verified = row.get('verified.total');
  const onTime = row.get('verified.onTime');
  const rated = row.get('satisfaction.rated');
  const dissatisfied = row.get('satisfaction.dissatisfied');
  return {
    received: {
      total: get('received.total'),
      byCategory: each([...CATEGORIES, 'untriaged'] as const, 'received.byCategory'),
      byChannel: each(CHANNELS, 'received.byChannel'),
    },
    verified: {
      total: get('verified.total'),
      onTime: get('verified.onTime'),
      onTimeShare:
        exactAtLeast(verified) && onTime?.state === 'shown' ? (figures.verified.onTimeRate ?? null) : null,
    },
    outcomes: { substantiated: get('outcomes.substantiated'), unfounded: get('outcomes.unfounded') },
    peopleHeldAccountable: get('peopleHeldAccountable'),
    sanctions: each(SANCTION_KINDS, 'sanctions'),
    averageDaysToConclusion: exactAtLeast(verified) ? figures.verified.averageDays : null,
    satisfaction: {
      rated: get('satisfaction.rated'),
      satisfied: get('satisfaction.satisfied'),
      basicallySatisfied: get('satisfaction.basicallySatisfied'),
      dissatisfied: get('satisfaction.dissatisfied'),
      // The satisfied are the rated less the dissatisfied: both must be shown.
      satisfiedShare:
        exactAtLeast(rated) && dissatisfied?.state === 'shown' ? figures.satisfaction.satisfiedShare : null,
    },
  };
}

/**
 * The published figures of the office (every body, and cases no body has yet, as `GET /stats` counts them) and of
 * each listed body, from the statistics of one period.
 */
export function publicFigures(
  total: Figures,
  bodies: readonly { readonly key: string; readonly figures: Figures }[],
): { total: PublicFigures; bodies: Map<string, PublicFigures> } {
  const rows = new Map<string, Map<string, Cell>>();
  const rowOf = (figures: Figures) =>
    new Map([...countsOf(figures)].map(([path, value]) => [path, { value, state: 'shown' as State }]));
  const totalRow = rowOf(total);
  for (const body of bodies) rows.set(body.key, rowOf(body.figures));
  const sums: Sum[] = [];
  for (const row of [totalRow, ...rows.values()]) {
    for (const [totalPath, parts] of ROW_SUMS) {
      sums.push({
        total: row.get(totalPath) as Cell,
        parts: parts.map((p) => row.get(p) as Cell),
        offset: 0,
      });
    }
  }
  // Columns: the office's figure is its bodies' plus what no body has yet (not shown; taken as known, to be safe).
  for (const [path, cell] of totalRow) {
    const parts = [...rows.values()].map((row) => row.get(path) as Cell);
    const offset = cell.value - parts.reduce((n, c) => n + c.value, 0);
    sums.push({ total: cell, parts, offset });
  }
  suppress([...totalRow.values(), ...[...rows.values()].flatMap((row) => [...row.values()])], sums);
  return {
    total: publicFiguresOf(totalRow, total),
    bodies: new Map(
      bodies.map((body) => [
        body.key,
        publicFiguresOf(rows.get(body.key) as Map<string, Cell>, body.figures),
      ]),
    ),
  };
}
