// A calendar file (config/calendars/*.json) as people write it, validated whole: a typo in a holiday list fails
// `npm run compile:config`, its test and `cdk synth`, and never reaches a deadline. Functions never load this
// module: they get the calendars already validated, in the compiled configuration (calendar.ts's CalendarData).
import * as z from 'zod/mini';
import '../zod-locale.ts';
import { type Calendar, calendarFromData } from './calendar.ts';

const isoDay = /* @__PURE__ */ (() => z.iso.date())();

const DayOffRangeSchema = /* @__PURE__ */ (() =>
  z
    .object({ from: isoDay, to: isoDay, name: z.string().check(z.minLength(1), z.maxLength(80)) })
    .check(z.refine((range) => range.from <= range.to, { message: '`from` must not be after `to`' })))();

const YearSchema = /* @__PURE__ */ (() =>
  z.object({
    /** Where the dates come from (the notice's title), for the auditor. */
    source: z.string().check(z.minLength(1), z.maxLength(300)),
    daysOff: z.array(DayOffRangeSchema),
    /** Weekend days that are working days this year (调休). */
    makeUpWorkdays: z.array(isoDay),
  }))();

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

export const CalendarFileSchema = /* @__PURE__ */ (() =>
  z
    .object({
      id: z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,39}$/)),
      name: z.string().check(z.minLength(1), z.maxLength(80)),
      timeZone: z
        ._default(z.string(), 'Asia/Shanghai')
        .check(z.refine(validTimeZone, 'not an IANA time zone')),
      /**
       * The zone's offset from UTC, for a zone whose offset never changes within the calendar's years (Asia/Shanghai
       * has had no daylight saving since 1991): days are then counted by arithmetic, without the time-zone database,
       * which saves each function that counts deadlines ~25 ms of its cold start. A test checks it against the zone.
       */
      utcOffset: z.optional(z.string().check(z.regex(/^[+-](0\d|1[0-4]):[0-5]\d$/, 'like +08:00'))),
      /** Days of the week that are not worked: 0 = Sunday … 6 = Saturday. */
      weekend: z._default(
        z.array(z.number().check(z.int(), z.gte(0), z.lte(6))).check(z.maxLength(6)),
        [6, 0],
      ),
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
    ))();
export type CalendarFile = z.infer<typeof CalendarFileSchema>;

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

/** Validates a calendar file and makes it ready for lookups; throws on any problem, naming it. */
export function loadCalendar(raw: unknown): Calendar {
  const file = CalendarFileSchema.parse(raw);
  const daysOff: string[] = [];
  const makeUpWorkdays: string[] = [];
  for (const days of Object.values(file.years)) {
    for (const range of days.daysOff) daysOff.push(...daysFrom(range.from, range.to));
    makeUpWorkdays.push(...days.makeUpWorkdays);
  }
  return calendarFromData({
    id: file.id,
    timeZone: file.timeZone,
    ...(file.utcOffset === undefined ? {} : { utcOffsetMinutes: offsetMinutes(file.utcOffset) }),
    weekend: file.weekend,
    years: Object.keys(file.years).map(Number),
    daysOff,
    makeUpWorkdays,
  });
}
