// Working-day calendars as data: a time zone, the weekend, and per year the days off and make-up working days
// (调休) a government publishes. Validated whole at load, so a typo in a holiday list never reaches a deadline.
import { TZDate, tzOffset } from '@date-fns/tz';
import * as z from 'zod/mini';
import '../zod-locale.ts';

const isoDay = z.iso.date();

const DayOffRangeSchema = z
  .object({ from: isoDay, to: isoDay, name: z.string().check(z.minLength(1), z.maxLength(80)) })
  .check(z.refine((range) => range.from <= range.to, { message: '`from` must not be after `to`' }));

const YearSchema = z.object({
  /** Where the dates come from (the notice's title), for the auditor. */
  source: z.string().check(z.minLength(1), z.maxLength(300)),
  daysOff: z.array(DayOffRangeSchema),
  /** Weekend days that are working days this year (调休). */
  makeUpWorkdays: z.array(isoDay),
});

/**
 * Whether `zone` is a time zone this runtime knows. The list of canonical zones costs ~2 ms; building a formatter
 * (the fallback, for aliases such as `UTC`) costs ~25 ms of a cold start, so it is asked only for names off the list.
 */
function validTimeZone(zone: string): boolean {
  if (Intl.supportedValuesOf('timeZone').includes(zone)) return true;
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** `+08:00` → 480 minutes east of UTC. */
function offsetMinutes(offset: string): number {
  const sign = offset.startsWith('-') ? -1 : 1;
  const [hours, minutes] = offset.slice(1).split(':').map(Number);
  return sign * ((hours ?? 0) * 60 + (minutes ?? 0));
}

export const CalendarFileSchema = z
  .object({
    id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/)),
    name: z.string().check(z.minLength(1), z.maxLength(80)),
    timeZone: z._default(z.string(), 'Asia/Shanghai').check(z.refine(validTimeZone, 'not an IANA time zone')),
    /**
     * The zone's offset from UTC, for a zone whose offset never changes within the calendar's years (Asia/Shanghai
     * has had no daylight saving since 1991): days are then counted by arithmetic, without the time-zone database,
     * which saves each function that counts deadlines ~25 ms of its cold start. A test checks it against the zone.
     */
    utcOffset: z.optional(z.string().check(z.regex(/^[+-](0\d|1[0-4]):[0-5]\d$/, 'like +08:00'))),
    /** Days of the week that are not worked: 0 = Sunday … 6 = Saturday. */
    weekend: z._default(z.array(z.number().check(z.int(), z.gte(0), z.lte(6))).check(z.maxLength(6)), [6, 0]),
    years: z.record(z.string().check(z.regex(/^\d{4}$/)), YearSchema),
  })
  .check(
    z.superRefine((file, ctx) => {
      const problem = (message: string, path: (string | number)[]) =>
        ctx.addIssue({ code: 'custom', message, path });
      const weekend = new Set(file.weekend);
      for (const [year, days] of Object.entries(file.years)) {
        const off = new Set<string>();
        days.daysOff.forEach((range, i) => {
          for (const day of [range.from, range.to]) {
            if (!day.startsWith(`${year}-`))
              problem(`${day} is not in ${year}`, ['years', year, 'daysOff', i]);
          }
          for (const day of daysFrom(range.from, range.to)) off.add(day);
        });
        days.makeUpWorkdays.forEach((day, i) => {
          const path = ['years', year, 'makeUpWorkdays', i];
          if (!day.startsWith(`${year}-`)) problem(`${day} is not in ${year}`, path);
          // A make-up working day only means something on a weekend day.
          if (!weekend.has(weekdayOf(day))) problem(`${day} is not a weekend day`, path);
          if (off.has(day)) problem(`${day} is both a day off and a working day`, path);
        });
      }
    }),
  );
export type CalendarFile = z.infer<typeof CalendarFileSchema>;

/** A calendar ready for lookups. */
export interface Calendar {
  readonly id: string;
  readonly timeZone: string;
  /** Minutes east of UTC when the zone's offset is fixed (`utcOffset`); otherwise the zone decides, DST included. */
  readonly utcOffsetMinutes?: number;
  readonly weekend: ReadonlySet<number>;
  readonly years: ReadonlySet<number>;
  readonly daysOff: ReadonlySet<string>;
  readonly makeUpWorkdays: ReadonlySet<string>;
}

/** Day of the week of a calendar day, whatever the zone: a date has one weekday everywhere. */
function weekdayOf(day: string): number {
  return new Date(`${day}T00:00:00Z`).getUTCDay();
}

function* daysFrom(from: string, to: string): Generator<string> {
  for (let at = new Date(`${from}T00:00:00Z`); at.toISOString().slice(0, 10) <= to; ) {
    yield at.toISOString().slice(0, 10);
    at = new Date(at.getTime() + 86_400_000);
  }
}

export function loadCalendar(raw: unknown): Calendar {
  const file = CalendarFileSchema.parse(raw);
  const daysOff = new Set<string>();
  const makeUpWorkdays = new Set<string>();
  for (const days of Object.values(file.years)) {
    for (const range of days.daysOff) for (const day of daysFrom(range.from, range.to)) daysOff.add(day);
    for (const day of days.makeUpWorkdays) makeUpWorkdays.add(day);
  }
  return {
    id: file.id,
    timeZone: file.timeZone,
    ...(file.utcOffset === undefined ? {} : { utcOffsetMinutes: offsetMinutes(file.utcOffset) }),
    weekend: new Set(file.weekend),
    years: new Set(Object.keys(file.years).map(Number)),
    daysOff,
    makeUpWorkdays,
  };
}

/** What a computation had to assume: years the calendar lacks were counted on weekends alone. */
export interface Assumptions {
  readonly missingYears: ReadonlySet<number>;
}

/** Collects the years a computation touched that the calendar does not know. */
export class YearsMissing implements Assumptions {
  readonly missingYears = new Set<number>();
}

const DAY_MS = 86_400_000;

/**
 * Days are counted as civil dates (days since 1970-01-01, no zone) and only turned back into instants at the end:
 * one time-zone lookup per deadline instead of one per day keeps a sweep over thousands of cases cheap.
 */
function civilDayOf(at: Date, calendar: Calendar): number {
  return Math.floor((at.getTime() + offsetAt(at, calendar) * 60_000) / DAY_MS);
}

/** Minutes east of UTC at an instant: the fixed offset when the calendar has one, else the zone's. */
export function offsetAt(at: Date, calendar: Calendar): number {
  return calendar.utcOffsetMinutes ?? tzOffset(calendar.timeZone, at);
}

/** Midnights already resolved, per calendar: a sweep asks for the same few days over and over. */
const midnights = new WeakMap<Calendar, Map<number, number>>();

/** 00:00 of a civil day in the calendar's zone, as an instant (the library resolves the offset, DST included). */
function startOfCivilDay(civil: number, calendar: Calendar): Date {
  if (calendar.utcOffsetMinutes !== undefined) {
    return new Date(civil * DAY_MS - calendar.utcOffsetMinutes * 60_000);
  }
  let known = midnights.get(calendar);
  if (known === undefined) {
    known = new Map();
    midnights.set(calendar, known);
  }
  let instant = known.get(civil);
  if (instant === undefined) {
    const day = new Date(civil * DAY_MS);
    instant = new TZDate(
      day.getUTCFullYear(),
      day.getUTCMonth(),
      day.getUTCDate(),
      calendar.timeZone,
    ).getTime();
    // Bounded: a few years of days at most, whatever the process lives through.
    if (known.size > 20_000) known.clear();
    known.set(civil, instant);
  }
  return new Date(instant);
}

/** The calendar day (yyyy-MM-dd) of an instant in the calendar's zone. */
export function localDay(at: Date, calendar: Calendar): string {
  return new Date(civilDayOf(at, calendar) * DAY_MS).toISOString().slice(0, 10);
}

function isWorkingCivil(civil: number, calendar: Calendar, missing: YearsMissing): boolean {
  const day = new Date(civil * DAY_MS);
  const weekday = day.getUTCDay();
  const year = day.getUTCFullYear();
  if (!calendar.years.has(year)) {
    missing.missingYears.add(year);
    return !calendar.weekend.has(weekday);
  }
  const key = day.toISOString().slice(0, 10);
  if (calendar.makeUpWorkdays.has(key)) return true;
  if (calendar.daysOff.has(key)) return false;
  return !calendar.weekend.has(weekday);
}

export function isWorkingDay(at: Date, calendar: Calendar, missing = new YearsMissing()): boolean {
  return isWorkingCivil(civilDayOf(at, calendar), calendar, missing);
}

/** Working days are never more than this far apart (the longest Chinese break is 9 days); a guard, not a rule. */
const MAX_DAYS_SCANNED = 400;

/** The civil day of the `n`th working day after the day of `start`. */
function nthWorkingDayAfter(start: Date, n: number, calendar: Calendar, missing: YearsMissing): number {
  let day = civilDayOf(start, calendar);
  let counted = 0;
  for (let scanned = 0; counted < n; scanned++) {
    if (scanned > MAX_DAYS_SCANNED * Math.max(1, n))
      throw new Error(`no working day in calendar ${calendar.id}`);
    day++;
    if (isWorkingCivil(day, calendar, missing)) counted++;
  }
  return day;
}

/**
 * The end of the `n`th working day after the day of `start` (24:00 local, i.e. the start of the next day), as
 * Chinese administrative law counts periods: the day an act happens is not counted, and a period ends at the end
 * of its last day.
 */
export function endOfWorkingDays(
  start: Date,
  n: number,
  calendar: Calendar,
  missing = new YearsMissing(),
): Date {
  return startOfCivilDay(nthWorkingDayAfter(start, n, calendar, missing) + 1, calendar);
}

/**
 * The start (00:00 local) of the `n`th working day after the day in which `at` falls (a deadline at 24:00 falls
 * in the next day). Repeat escalations open working days this way, never a holiday, and never with the deadline.
 */
export function startOfWorkingDayAfter(
  at: Date,
  n: number,
  calendar: Calendar,
  missing = new YearsMissing(),
): Date {
  return startOfCivilDay(nthWorkingDayAfter(at, n, calendar, missing), calendar);
}
