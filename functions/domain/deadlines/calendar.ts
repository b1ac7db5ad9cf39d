// Working-day calendars: a time zone, the weekend, and per year the days off and make-up working days (调休) a
// government publishes, ready for lookups. The files they come from are validated by calendar-file.ts when the
// configuration is compiled (`npm run compile:config`), so a typo in a holiday list never reaches a deadline and
// no function validates them again at each cold start.
import { TZDate, tzOffset } from '@date-fns/tz';

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

/** A calendar as JSON data (the compiled configuration's form): its sets as sorted lists. */
export interface CalendarData {
  readonly id: string;
  readonly timeZone: string;
  readonly utcOffsetMinutes?: number;
  readonly weekend: readonly number[];
  readonly years: readonly number[];
  readonly daysOff: readonly string[];
  readonly makeUpWorkdays: readonly string[];
}

/** The data form of a calendar (the inverse of `calendarFromData`). */
export function calendarData(calendar: Calendar): CalendarData {
  const sorted = <T extends string | number>(values: ReadonlySet<T>) =>
    [...values].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  return {
    id: calendar.id,
    timeZone: calendar.timeZone,
    ...(calendar.utcOffsetMinutes === undefined ? {} : { utcOffsetMinutes: calendar.utcOffsetMinutes }),
    weekend: sorted(calendar.weekend),
    years: sorted(calendar.years),
    daysOff: sorted(calendar.daysOff),
    makeUpWorkdays: sorted(calendar.makeUpWorkdays),
  };
}

/** A calendar from its data form: compiled configuration, already validated when it was compiled. */
export function calendarFromData(data: CalendarData): Calendar {
  return {
    id: data.id,
    timeZone: data.timeZone,
    ...(data.utcOffsetMinutes === undefined ? {} : { utcOffsetMinutes: data.utcOffsetMinutes }),
    weekend: new Set(data.weekend),
    years: new Set(data.years),
    daysOff: new Set(data.daysOff),
    makeUpWorkdays: new Set(data.makeUpWorkdays),
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
 * The starts (00:00 local) of the first `count` working days after the day in which `at` falls, in one pass over
 * the days: a case's escalations open consecutive working days, and a sweep works them out for every due case.
 */
export function startsOfWorkingDaysAfter(
  at: Date,
  count: number,
  calendar: Calendar,
  missing = new YearsMissing(),
): Date[] {
  const starts: Date[] = [];
  let day = civilDayOf(at, calendar);
  for (let scanned = 0; starts.length < count; scanned++) {
    if (scanned > MAX_DAYS_SCANNED * Math.max(1, count))
      throw new Error(`no working day in calendar ${calendar.id}`);
    day++;
    if (isWorkingCivil(day, calendar, missing)) starts.push(startOfCivilDay(day, calendar));
  }
  return starts;
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
