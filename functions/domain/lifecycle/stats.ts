// The figures a discipline office reports for a period, per body and in total, from the daily aggregates (never case
// items): complaints received (by channel, category and severity), acknowledged and verified on time, the average
// time to a conclusion, outcomes, people held accountable and sanctions by kind, what is overdue now, and the units
// complained about most, flagged for a directed undercover inspection past a threshold.
import { SANCTION_KINDS, type SanctionKind } from '../case.ts';
import { CHANNELS, type Channel } from '../complaint.ts';
import { CATEGORIES, type Category, SEVERITIES, type Severity } from '../triage/model.ts';

/** Units with at least this many complaints in a period are flagged for a directed inspection (以群众举报为导向暗访). */
export const DEFAULT_HOTSPOT_THRESHOLD = 3;
/** How many units the hotspot list shows at most. */
export const HOTSPOT_LIMIT = 10;

export interface Figures {
  readonly received: {
    readonly total: number;
    readonly byChannel: Record<Channel, number>;
    readonly byCategory: Record<Category | 'untriaged', number>;
    readonly bySeverity: Record<Severity, number>;
  };
  /** Acknowledged in the period; on time when by the acknowledgement deadline. */
  readonly acknowledged: { readonly total: number; readonly onTime: number };
  /**
   * Concluded (substantiated or unfounded) in the period; on time when by the verification deadline. `onTimeRate`
   * and `averageDays` are null when nothing was concluded: "no cases", never 0%.
   */
  readonly verified: {
    readonly total: number;
    readonly onTime: number;
    readonly onTimeRate: number | null;
    readonly averageDays: number | null;
  };
  /** Open cases past a running deadline now (not a figure of the period). */
  readonly overdueNow: number;
  readonly outcomes: { readonly substantiated: number; readonly unfounded: number; readonly merged: number };
  /** People held accountable by the conclusions of the period (one per sanction entry of each conclusion). */
  readonly peopleHeldAccountable: number;
  readonly sanctions: Record<SanctionKind, number>;
  readonly closed: number;
  readonly reopened: number;
  readonly transferredIn: number;
  readonly transferredOut: number;
  /** Returned to be routed again (退单). */
  readonly returned: number;
  readonly extensions: { readonly requested: number; readonly granted: number; readonly refused: number };
  /** Supervision marks (督办) set. */
  readonly supervised: number;
  /**
   * The reporters' ratings given in the period (满意, 基本满意, 不满意), the share satisfied or basically satisfied
   * (`null` when nobody rated: "no ratings", never 0%), and the answers a supervisor gave to a 不满意.
   */
  readonly satisfaction: {
    readonly rated: number;
    readonly satisfied: number;
    readonly basicallySatisfied: number;
    readonly dissatisfied: number;
    readonly satisfiedShare: number | null;
    readonly answered: number;
  };
  /** Questions put to reporters through the receipt code, their answers, and what reporters added on their own. */
  readonly followUp: { readonly questions: number; readonly answers: number; readonly additions: number };
}

function satisfactionOf(counts: Readonly<Record<string, number>>): Figures['satisfaction'] {
  const satisfied = of(counts, 'rating.satisfied');
  const basicallySatisfied = of(counts, 'rating.basically-satisfied');
  const dissatisfied = of(counts, 'rating.dissatisfied');
  const rated = satisfied + basicallySatisfied + dissatisfied;
  return {
    rated,
    satisfied,
    basicallySatisfied,
    dissatisfied,
    satisfiedShare: rated <= 0 ? null : (satisfied + basicallySatisfied) / rated,
    answered: of(counts, 'rating.answered'),
  };
}

export interface Hotspot {
  readonly unitId: string;
  readonly complaints: number;
  readonly flaggedForInspection: boolean;
}

export interface Statistics {
  /** The first and last day of the period, in the office's calendar. */
  readonly from: string;
  readonly to: string;
  readonly generatedAt: string;
  readonly total: Figures;
  readonly byBody: readonly (Figures & { readonly bodyId: string })[];
  /** Received and verified (on time) per day of the period, over every body: the trend. */
  readonly byDay: readonly {
    readonly day: string;
    readonly received: number;
    readonly verified: number;
    readonly verifiedOnTime: number;
  }[];
  readonly hotspotThreshold: number;
  readonly hotspots: readonly Hotspot[];
}

const of = (counts: Readonly<Record<string, number>>, name: string) => counts[name] ?? 0;

const each = <K extends string>(keys: readonly K[], count: (key: K) => number): Record<K, number> =>
  Object.fromEntries(keys.map((key) => [key, count(key)])) as Record<K, number>;

/** The figures of summed counters. */
export function figuresOf(counts: Readonly<Record<string, number>>, overdueNow: number): Figures {
  const verified = of(counts, 'verified');
  const onTime = of(counts, 'verified.onTime');
  return {
    received: {
      total: of(counts, 'received'),
      byChannel: each(CHANNELS, (c) => of(counts, `received.channel.${c}`)),
      byCategory: each([...CATEGORIES, 'untriaged'] as const, (c) => of(counts, `received.category.${c}`)),
      bySeverity: each(SEVERITIES, (s) => of(counts, `received.severity.${s}`)),
    },
    acknowledged: { total: of(counts, 'acknowledged'), onTime: of(counts, 'acknowledged.onTime') },
    verified: {
      total: verified,
      onTime,
      onTimeRate: verified <= 0 ? null : onTime / verified,
      averageDays:
        verified <= 0 ? null : Math.round((of(counts, 'verified.hours') / verified / 24) * 10) / 10,
    },
    overdueNow,
    outcomes: {
      substantiated: of(counts, 'outcome.substantiated'),
      unfounded: of(counts, 'outcome.unfounded'),
      merged: of(counts, 'merged') - of(counts, 'unmerged'),
    },
    peopleHeldAccountable: of(counts, 'people'),
    sanctions: each(SANCTION_KINDS, (k) => of(counts, `sanction.${k}`)),
    closed: of(counts, 'closed'),
    reopened: of(counts, 'reopened'),
    transferredIn: of(counts, 'transferred.in'),
    transferredOut: of(counts, 'transferred.out'),
    returned: of(counts, 'returned'),
    extensions: {
      requested: of(counts, 'extension.requested'),
      granted: of(counts, 'extension.granted'),
      refused: of(counts, 'extension.refused'),
    },
    supervised: of(counts, 'supervised'),
    satisfaction: satisfactionOf(counts),
    followUp: {
      questions: of(counts, 'reporter.questions'),
      answers: of(counts, 'reporter.answers'),
      additions: of(counts, 'reporter.additions'),
    },
  };
}

export interface BodyPeriod {
  readonly bodyId: string;
  readonly days: readonly { readonly day: string; readonly counts: Readonly<Record<string, number>> }[];
  readonly overdueNow: number;
}

function sum(all: readonly Readonly<Record<string, number>>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const counts of all)
    for (const [name, n] of Object.entries(counts)) total[name] = (total[name] ?? 0) + n;
  return total;
}

/**
 * The figures of a period, per body and in total, from each body's daily counters. `unlisted` bodies (the cases
 * waiting for manual triage) count in the total and the trend but have no row of their own.
 */
export function officeStatistics(
  period: { readonly from: string; readonly to: string },
  bodies: readonly BodyPeriod[],
  listed: readonly string[],
  now: Date,
  hotspotThreshold: number = DEFAULT_HOTSPOT_THRESHOLD,
): Statistics {
  const inPeriod = (day: string) => day >= period.from && day <= period.to;
  const perBody = bodies.map((body) => ({
    bodyId: body.bodyId,
    counts: sum(body.days.filter((d) => inPeriod(d.day)).map((d) => d.counts)),
    overdueNow: body.overdueNow,
  }));
  const total = sum(perBody.map((b) => b.counts));
  const trend = new Map<string, { received: number; verified: number; verifiedOnTime: number }>();
  for (const body of bodies) {
    for (const { day, counts } of body.days) {
      if (!inPeriod(day)) continue;
      const entry = trend.get(day) ?? { received: 0, verified: 0, verifiedOnTime: 0 };
      entry.received += of(counts, 'received');
      entry.verified += of(counts, 'verified');
      entry.verifiedOnTime += of(counts, 'verified.onTime');
      trend.set(day, entry);
    }
  }
  const units = Object.entries(total)
    .filter(([name, n]) => name.startsWith('received.unit.') && n > 0)
    .map(([name, n]) => ({ unitId: name.slice('received.unit.'.length), complaints: n }));
  return {
    from: period.from,
    to: period.to,
    generatedAt: now.toISOString(),
    total: figuresOf(
      total,
      perBody.reduce((n, b) => n + b.overdueNow, 0),
    ),
    byBody: perBody
      .filter((b) => listed.includes(b.bodyId))
      .map((b) => ({ bodyId: b.bodyId, ...figuresOf(b.counts, b.overdueNow) })),
    byDay: [...trend].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, entry]) => ({ day, ...entry })),
    hotspotThreshold,
    hotspots: units
      .sort((a, b) => b.complaints - a.complaints || (a.unitId < b.unitId ? -1 : 1))
      .slice(0, HOTSPOT_LIMIT)
      .map((u) => ({ ...u, flaggedForInspection: u.complaints >= hotspotThreshold })),
  };
}
