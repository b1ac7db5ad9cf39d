// The shipped calendars and deadline rules, validated once when a Lambda loads this module: a broken holiday list
// or rule fails the function at start, never a deadline. A new calendar file is imported and listed here.
import { type Calendar, loadCalendar } from '#domain/deadlines/calendar.ts';
import { type DeadlineConfig, DeadlineConfigSchema } from '#domain/deadlines/config.ts';
import deadlines from '../deadlines.json' with { type: 'json' };
import cnMainland from './cn-mainland.json' with { type: 'json' };

export const calendars: ReadonlyMap<string, Calendar> = new Map(
  [cnMainland].map((raw) => {
    const calendar = loadCalendar(raw);
    return [calendar.id, calendar] as const;
  }),
);

export const deadlineConfig: DeadlineConfig = DeadlineConfigSchema.parse(deadlines);

function calendarNamed(id: string): Calendar {
  const calendar = calendars.get(id);
  if (calendar === undefined)
    throw new Error(`config/deadlines.json names calendar "${id}", which is not loaded`);
  return calendar;
}

/** The calendar the office's deadlines are counted on. */
export const deadlineCalendar: Calendar = calendarNamed(deadlineConfig.calendar);
