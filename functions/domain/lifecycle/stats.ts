// The figures a discipline office reports for a period, per body and in total: cases received (by channel and
// category), acknowledged and verified on time, overdue now, outcomes, people held accountable and sanctions by
// kind; and the units complained about most, flagged for a directed undercover inspection past a threshold.
import { SANCTION_KINDS, type SanctionKind } from '../case.ts';
import { CHANNELS, type Channel } from '../complaint.ts';
import { CATEGORIES, type Category } from '../triage/model.ts';
import { normaliseName } from '../triage/normalise.ts';
import { isOverdue } from './overdue.ts';
import type { CaseSummary } from './summary.ts';

/** Units with at least this many complaints in a period are flagged for a directed inspection (以群众举报为导向暗访). */
export const DEFAULT_HOTSPOT_THRESHOLD = 3;
/** How many units the hotspot list shows at most. */
export const HOTSPOT_LIMIT = 10;

export interface Figures {
  readonly received: {
    readonly total: number;
    readonly byChannel: Record<Channel, number>;
    readonly byCategory: Record<Category | 'untriaged', number>;
  };
  /** Acknowledged cases; on time when no acknowledgement deadline had passed. */
  readonly acknowledged: { readonly total: number; readonly onTime: number };
  /** Concluded (substantiated or unfounded) cases; on time when concluded by the verification deadline. */
  readonly verified: { readonly total: number; readonly onTime: number; readonly onTimeRate: number | null };
  readonly overdueNow: number;
  readonly outcomes: {
    readonly substantiated: number;
    readonly unfounded: number;
    readonly merged: number;
    readonly open: number;
  };
  /** Distinct people held accountable (names or posts as written, compared normalised). */
  readonly peopleHeldAccountable: number;
  readonly sanctions: Record<SanctionKind, number>;
}

export interface Hotspot {
  readonly unitId: string;
  readonly complaints: number;
  readonly flaggedForInspection: boolean;
}

export interface Statistics {
  readonly from: string;
  readonly to: string;
  readonly generatedAt: string;
  readonly total: Figures;
  readonly byBody: readonly (Figures & { readonly bodyId: string })[];
  readonly hotspotThreshold: number;
  readonly hotspots: readonly Hotspot[];
}

const counts = <K extends string>(keys: readonly K[]): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

function figuresOf(cases: readonly CaseSummary[], now: Date): Figures {
  const byChannel = counts(CHANNELS);
  const byCategory = counts([...CATEGORIES, 'untriaged'] as const);
  const sanctions = counts(SANCTION_KINDS);
  const outcomes = { substantiated: 0, unfounded: 0, merged: 0, open: 0 };
  const people = new Set<string>();
  let acknowledged = 0;
  let acknowledgedOnTime = 0;
  let verified = 0;
  let verifiedOnTime = 0;
  let overdueNow = 0;
  for (const c of cases) {
    byChannel[c.channel] += 1;
    byCategory[c.category ?? 'untriaged'] += 1;
    if (c.acknowledgedAt !== undefined) {
      acknowledged += 1;
      if (c.acknowledgeDueAt === undefined || c.acknowledgedAt <= c.acknowledgeDueAt) acknowledgedOnTime += 1;
    }
    if (c.concludedAt !== undefined && c.outcome !== undefined) {
      verified += 1;
      if (c.concludedAt <= c.verificationDueAt) verifiedOnTime += 1;
    }
    if (isOverdue(c, now)) overdueNow += 1;
    if (c.status === 'merged') outcomes.merged += 1;
    else if (c.outcome !== undefined) outcomes[c.outcome] += 1;
    else outcomes.open += 1;
    if (c.outcome === 'substantiated') {
      for (const sanction of c.sanctions ?? []) {
        people.add(normaliseName(sanction.person) || sanction.person);
        for (const kind of sanction.kinds) sanctions[kind] += 1;
      }
    }
  }
  return {
    received: { total: cases.length, byChannel, byCategory },
    acknowledged: { total: acknowledged, onTime: acknowledgedOnTime },
    verified: {
      total: verified,
      onTime: verifiedOnTime,
      onTimeRate: verified === 0 ? null : verifiedOnTime / verified,
    },
    overdueNow,
    outcomes,
    peopleHeldAccountable: people.size,
    sanctions,
  };
}

function hotspotsOf(cases: readonly CaseSummary[], threshold: number): Hotspot[] {
  const byUnit = new Map<string, number>();
  // An inspector's own finding is not a complaint from the public: hotspots follow the public's complaints.
  for (const c of cases) {
    if (c.unitId && c.channel !== 'inspection' && c.status !== 'merged')
      byUnit.set(c.unitId, (byUnit.get(c.unitId) ?? 0) + 1);
  }
  return [...byUnit]
    .sort(([a, m], [b, n]) => n - m || (a < b ? -1 : 1))
    .slice(0, HOTSPOT_LIMIT)
    .map(([unitId, complaints]) => ({ unitId, complaints, flaggedForInspection: complaints >= threshold }));
}

/**
 * The figures for the cases received from `from` to `to` (the period's cohort: what became of the complaints of
 * that period), per body in `bodyIds` and in total.
 */
export function officeStatistics(
  cases: readonly CaseSummary[],
  period: { from: string; to: string },
  bodyIds: readonly string[],
  now: Date,
  hotspotThreshold: number = DEFAULT_HOTSPOT_THRESHOLD,
): Statistics {
  const inPeriod = cases.filter((c) => c.receivedAt >= period.from && c.receivedAt <= period.to);
  return {
    from: period.from,
    to: period.to,
    generatedAt: now.toISOString(),
    total: figuresOf(inPeriod, now),
    byBody: bodyIds.map((bodyId) => ({
      bodyId,
      ...figuresOf(
        inPeriod.filter((c) => c.bodyId === bodyId),
        now,
      ),
    })),
    hotspotThreshold,
    hotspots: hotspotsOf(inPeriod, hotspotThreshold),
  };
}
