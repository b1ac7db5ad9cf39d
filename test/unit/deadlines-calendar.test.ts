// Working days on the shipped mainland calendar: weekends, a holiday week, make-up Saturdays, the year end and a
// year the calendar does not have yet.
import { tzOffset } from '@date-fns/tz';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import cnMainland from '#config/calendars/cn-mainland.json' with { type: 'json' };
import { calendars, deadlineCalendar } from '#config/office.ts';
import {
  endOfWorkingDays,
  isWorkingDay,
  localDay,
  offsetAt,
  startOfWorkingDayAfter,
  YearsMissing,
} from '#domain/deadlines/calendar.ts';
import { CalendarFileSchema, loadCalendar } from '#domain/deadlines/calendar-file.ts';

const cn = deadlineCalendar;
/** 00:00 in Beijing of a calendar day, as an instant. */
const beijing = (day: string, time = '00:00') => new Date(`${day}T${time}:00+08:00`);

describe('mainland China 2026', () => {
  it('is the calendar the deadlines use, in Asia/Shanghai', () => {
    expect(cn.id).toBe('cn-mainland');
    expect(cn.timeZone).toBe('Asia/Shanghai');
    expect(calendars.get('cn-mainland')).toBe(cn);
  });

  it.each([
    ['2026-01-01', false, 'New Year holiday'],
    ['2026-01-03', false, 'New Year holiday, a Saturday'],
    ['2026-01-04', true, 'make-up Sunday'],
    ['2026-01-05', true, 'plain Monday'],
    ['2026-01-10', false, 'plain Saturday'],
    ['2026-02-14', true, 'make-up Saturday before the Spring Festival'],
    ['2026-02-16', false, 'Spring Festival, a Monday'],
    ['2026-02-23', false, 'last day of the Spring Festival'],
    ['2026-02-24', true, 'first day back'],
    ['2026-02-28', true, 'make-up Saturday'],
    ['2026-04-06', false, 'Qingming Monday'],
    ['2026-05-05', false, 'Labour Day Tuesday'],
    ['2026-05-09', true, 'make-up Saturday'],
    ['2026-06-19', false, 'Dragon Boat Friday'],
    ['2026-09-20', true, 'make-up Sunday'],
    ['2026-09-25', false, 'Mid-Autumn Friday'],
    ['2026-10-07', false, 'National Day'],
    ['2026-10-08', true, 'back after National Day'],
    ['2026-10-10', true, 'make-up Saturday'],
  ])('%s is a working day: %s (%s)', (day, working) => {
    expect(isWorkingDay(beijing(day, '12:00'), cn)).toBe(working);
  });

  it('judges the day in Beijing, not in UTC', () => {
    // 2026-01-04 20:00 UTC is already Monday the 5th in Beijing; 2026-01-03 17:00 UTC is the make-up Sunday.
    expect(isWorkingDay(new Date('2026-01-03T17:00:00Z'), cn)).toBe(true);
    expect(isWorkingDay(new Date('2026-01-03T15:00:00Z'), cn)).toBe(false);
  });
});

describe('end of N working days', () => {
  it('does not count the day of receipt, and ends at 24:00 of the last working day', () => {
    // Received Tuesday 2026-03-10 at 15:00: one working day ends Wednesday 24:00.
    expect(endOfWorkingDays(beijing('2026-03-10', '15:00'), 1, cn)).toEqual(beijing('2026-03-12'));
  });

  it('skips a weekend', () => {
    // Friday 2026-03-13 → Monday the 16th ends the first working day.
    expect(endOfWorkingDays(beijing('2026-03-13', '09:00'), 1, cn)).toEqual(beijing('2026-03-17'));
    expect(endOfWorkingDays(beijing('2026-03-14', '09:00'), 1, cn)).toEqual(beijing('2026-03-17'));
  });

  it('skips the National Day week and counts the make-up Saturday', () => {
    // Received Wednesday 30 September: 1 Oct–7 Oct are off, 8 and 9 Oct are worked, Saturday 10 Oct is worked.
    expect(endOfWorkingDays(beijing('2026-09-30', '10:00'), 1, cn)).toEqual(beijing('2026-10-09'));
    expect(endOfWorkingDays(beijing('2026-09-30', '10:00'), 3, cn)).toEqual(beijing('2026-10-11'));
    expect(endOfWorkingDays(beijing('2026-09-30', '10:00'), 4, cn)).toEqual(beijing('2026-10-13'));
  });

  it('counts the make-up Saturday before the Spring Festival, then skips the festival', () => {
    // Friday 13 Feb: Saturday 14 Feb is worked; 15–23 Feb are off; 24 Feb is worked.
    expect(endOfWorkingDays(beijing('2026-02-13', '10:00'), 1, cn)).toEqual(beijing('2026-02-15'));
    expect(endOfWorkingDays(beijing('2026-02-13', '10:00'), 2, cn)).toEqual(beijing('2026-02-25'));
  });

  it('crosses the year end into the New Year holiday and its make-up Sunday', () => {
    const missing = new YearsMissing();
    // Wednesday 31 December 2025 is outside the calendar (weekends alone), 1–3 Jan 2026 are off, Sunday 4 Jan is worked.
    expect(endOfWorkingDays(beijing('2025-12-31', '16:00'), 1, cn, missing)).toEqual(beijing('2026-01-05'));
    expect(missing.missingYears.size).toBe(0);
  });

  it('falls back to weekends alone in a year the calendar lacks, and says so', () => {
    const missing = new YearsMissing();
    // 2027-01-01 is a Friday: without the 2027 notice it counts as a working day.
    const due = endOfWorkingDays(beijing('2026-12-31', '10:00'), 1, cn, missing);
    expect(due).toEqual(beijing('2027-01-02'));
    expect([...missing.missingYears]).toEqual([2027]);
    // Friday 31 Dec 2027 → Monday 3 Jan 2028, both years unknown.
    const later = new YearsMissing();
    expect(endOfWorkingDays(beijing('2027-12-31', '10:00'), 1, cn, later)).toEqual(beijing('2028-01-04'));
    expect([...later.missingYears].sort()).toEqual([2028]);
  });
});

describe('repeat escalations open working days', () => {
  it('a deadline at the end of Friday escalates on Monday, then Tuesday', () => {
    const endOfFriday = beijing('2026-03-14');
    expect(startOfWorkingDayAfter(endOfFriday, 1, cn)).toEqual(beijing('2026-03-16'));
    expect(startOfWorkingDayAfter(endOfFriday, 2, cn)).toEqual(beijing('2026-03-17'));
  });

  it('never at the deadline itself: the end of Wednesday first escalates on Friday', () => {
    expect(startOfWorkingDayAfter(beijing('2026-03-12'), 1, cn)).toEqual(beijing('2026-03-13'));
  });

  it('never on a holiday', () => {
    const endOf30September = beijing('2026-10-01');
    expect(startOfWorkingDayAfter(endOf30September, 1, cn)).toEqual(beijing('2026-10-08'));
  });
});

describe('calendar files are checked at load', () => {
  it('refuses a make-up working day that is not a weekend day', () => {
    const broken = structuredClone(cnMainland);
    broken.years['2026'].makeUpWorkdays.push('2026-03-11');
    expect(() => loadCalendar(broken)).toThrow(/not a weekend day/);
  });

  it('refuses a day that is both off and worked, a date of another year and an unknown time zone', () => {
    const both = structuredClone(cnMainland);
    both.years['2026'].daysOff.push({ from: '2026-03-07', to: '2026-03-07', name: 'x' });
    both.years['2026'].makeUpWorkdays.push('2026-03-07');
    expect(() => loadCalendar(both)).toThrow(/both a day off and a working day/);
    const elsewhere = structuredClone(cnMainland);
    elsewhere.years['2026'].daysOff.push({ from: '2027-01-01', to: '2027-01-01', name: 'x' });
    expect(() => loadCalendar(elsewhere)).toThrow(/not in 2026/);
    expect(CalendarFileSchema.safeParse({ ...cnMainland, timeZone: 'Mars/Olympus' }).success).toBe(false);
  });

  it('refuses a range that runs backwards', () => {
    const backwards = structuredClone(cnMainland);
    backwards.years['2026'].daysOff.push({ from: '2026-03-09', to: '2026-03-08', name: 'x' });
    expect(() => loadCalendar(backwards)).toThrow(/must not be after/);
  });
});

describe('a calendar with a fixed UTC offset', () => {
  const zoned = loadCalendar({ ...cnMainland, utcOffset: undefined });
  const instant = fc.date({
    min: new Date('1992-01-01T00:00:00Z'),
    max: new Date('2040-12-31T23:59:59Z'),
    noInvalidDate: true,
  });

  it('declares the offset its zone really has, every day from 1992 to 2040 (checked with the time-zone database)', () => {
    for (const calendar of calendars.values()) {
      if (calendar.utcOffsetMinutes === undefined) continue;
      for (let at = Date.UTC(1992, 0, 1, 12); at < Date.UTC(2041, 0, 1); at += 86_400_000) {
        expect(tzOffset(calendar.timeZone, new Date(at)), new Date(at).toISOString()).toBe(
          calendar.utcOffsetMinutes,
        );
      }
    }
    expect(cn.utcOffsetMinutes).toBe(480);
  });

  it('counts days, deadlines and escalations exactly as the zone does', () => {
    expect(zoned.utcOffsetMinutes).toBeUndefined();
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 20 }), (at, n) => {
        expect(offsetAt(at, cn)).toBe(offsetAt(at, zoned));
        expect(localDay(at, cn)).toBe(localDay(at, zoned));
        expect(isWorkingDay(at, cn)).toBe(isWorkingDay(at, zoned));
        expect(endOfWorkingDays(at, n, cn)).toEqual(endOfWorkingDays(at, n, zoned));
        expect(startOfWorkingDayAfter(at, n, cn)).toEqual(startOfWorkingDayAfter(at, n, zoned));
      }),
      { numRuns: 1000 },
    );
  });

  it('refuses an offset that is not ±hh:mm', () => {
    for (const utcOffset of ['8', '+8:00', '+08', '+15:00', '+08:60', 'UTC+8']) {
      expect(CalendarFileSchema.safeParse({ ...cnMainland, utcOffset }).success, utcOffset).toBe(false);
    }
    expect(CalendarFileSchema.safeParse({ ...cnMainland, utcOffset: '-03:30' }).success).toBe(true);
  });
});
