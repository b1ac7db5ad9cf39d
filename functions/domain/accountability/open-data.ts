// The accountability figures as open data: one document per month (the month and its year to date, per body and for
// the office, and the month's bulletin), as JSON and as CSV, with the schema documented in docs/open-data.md. Built
// from the office's statistics (the same daily aggregates as `GET /stats`), never from case items; bodies are named,
// never given by id.
import { SANCTION_KINDS } from '../case.ts';
import { CHANNELS } from '../complaint.ts';
import type { Statistics } from '../lifecycle/stats.ts';
import { CATEGORIES } from '../triage/model.ts';
import { bulletin } from './bulletin.ts';
import {
  type PublicCount,
  type PublicFigures,
  publicFigures,
  SMALL_COUNT_THRESHOLD,
} from './public-figures.ts';
import type { PageLanguage } from './words.ts';

export const OPEN_DATA_SCHEMA = 'sunshine-hotline/accountability/v1';

export interface NamedBody {
  readonly id: string;
  readonly names: Readonly<Record<PageLanguage, string>>;
}

export interface PublicPeriod {
  readonly from: string;
  readonly to: string;
  readonly total: PublicFigures;
  readonly bodies: readonly {
    readonly name: Readonly<Record<PageLanguage, string>>;
    readonly figures: PublicFigures;
  }[];
}

export interface AccountabilityDocument {
  readonly schema: typeof OPEN_DATA_SCHEMA;
  /** `yyyy-MM` */
  readonly month: string;
  readonly generatedAt: string;
  /** Counts below it (and above zero) are published as "<3". */
  readonly threshold: number;
  readonly periods: { readonly month: PublicPeriod; readonly year: PublicPeriod };
  readonly bulletin: Readonly<Record<PageLanguage, string>>;
}

function periodOf(stats: Statistics, bodies: readonly NamedBody[]): PublicPeriod {
  const named = bodies.flatMap((body) => {
    const figures = stats.byBody.find((row) => row.bodyId === body.id);
    return figures === undefined ? [] : [{ body, figures }];
  });
  const published = publicFigures(
    stats.total,
    named.map(({ body, figures }) => ({ key: body.id, figures })),
  );
  return {
    from: stats.from,
    to: stats.to,
    total: published.total,
    bodies: named.map(({ body }) => ({
      name: body.names,
      figures: published.bodies.get(body.id) as PublicFigures,
    })),
  };
}

export function accountabilityDocument(input: {
  readonly month: string;
  readonly monthStats: Statistics;
  readonly yearStats: Statistics;
  readonly bodies: readonly NamedBody[];
  readonly now: Date;
}): AccountabilityDocument {
  const month = periodOf(input.monthStats, input.bodies);
  return {
    schema: OPEN_DATA_SCHEMA,
    month: input.month,
    generatedAt: input.now.toISOString(),
    threshold: SMALL_COUNT_THRESHOLD,
    periods: { month, year: periodOf(input.yearStats, input.bodies) },
    bulletin: bulletin({ month: input.month, total: month.total, bodies: month.bodies }),
  };
}

/** The CSV's columns, in order, each with how it is read from a row's figures. */
export const CSV_COLUMNS: readonly (readonly [string, (f: PublicFigures) => PublicCount | number | null])[] =
  [
    ['received', (f) => f.received.total],
    ...[...CATEGORIES, 'untriaged' as const].map(
      (c) => [`received_${c}`, (f: PublicFigures) => f.received.byCategory[c]] as const,
    ),
    ...CHANNELS.map((c) => [`received_${c}`, (f: PublicFigures) => f.received.byChannel[c]] as const),
    ['verified', (f) => f.verified.total],
    ['verified_on_time', (f) => f.verified.onTime],
    ['verified_on_time_share', (f) => f.verified.onTimeShare],
    ['substantiated', (f) => f.outcomes.substantiated],
    ['unfounded', (f) => f.outcomes.unfounded],
    ['people_held_accountable', (f) => f.peopleHeldAccountable],
    ...SANCTION_KINDS.map((k) => [`sanction_${k}`, (f: PublicFigures) => f.sanctions[k]] as const),
    ['average_days_to_conclusion', (f) => f.averageDaysToConclusion],
    ['rated', (f) => f.satisfaction.rated],
    ['satisfied', (f) => f.satisfaction.satisfied],
    ['basically_satisfied', (f) => f.satisfaction.basicallySatisfied],
    ['dissatisfied', (f) => f.satisfaction.dissatisfied],
    ['satisfied_share', (f) => f.satisfaction.satisfiedShare],
  ];

/** RFC 4180, and never a cell a spreadsheet would run as a formula. */
function cell(value: unknown): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** One row per period and body, then the office's; UTF-8 with a byte-order mark so spreadsheets read the Chinese. */
export function accountabilityCsv(document: AccountabilityDocument): string {
  const header = ['period', 'from', 'to', 'body_zh', 'body_en', ...CSV_COLUMNS.map(([name]) => name)];
  const rows: string[][] = [];
  for (const [period, data] of [
    ['month', document.periods.month],
    ['year', document.periods.year],
  ] as const) {
    const row = (zh: string, en: string, figures: PublicFigures) => [
      period,
      data.from,
      data.to,
      zh,
      en,
      ...CSV_COLUMNS.map(([, read]) => {
        const value = read(figures);
        return value === null ? '' : String(value);
      }),
    ];
    for (const body of data.bodies) rows.push(row(body.name.zh, body.name.en, body.figures));
    rows.push(row(OFFICE_NAMES.zh, OFFICE_NAMES.en, data.total));
  }
  return `\uFEFF${[header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
}

/** How the office's own row is named (every body together, and cases no body has yet). */
export const OFFICE_NAMES: Readonly<Record<PageLanguage, string>> = { zh: '全部机关合计', en: 'All bodies' };
