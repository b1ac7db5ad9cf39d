// The compiled office configuration's data form (office-compile.ts writes it, office.ts loads it): kept apart
// from both so that compiling never needs an existing compiled file, and loading never needs a schema.
import { type Calendar, type CalendarData, calendarFromData } from '#domain/deadlines/calendar.ts';
import type { DeadlineConfig } from '#domain/deadlines/config.ts';
import type { Directory } from '#domain/triage/directory.ts';

/** Bumped whenever the shape below changes, so old data is refused rather than misread. */
export const COMPILED_OFFICE_FORMAT = 1;

export interface CompiledOffice {
  readonly format: typeof COMPILED_OFFICE_FORMAT;
  /** A digest of the source files, for people; the test recompiles them and compares. */
  readonly sources: string;
  readonly directory: Directory;
  readonly deadlines: DeadlineConfig;
  readonly calendars: readonly CalendarData[];
}

/** Reads compiled office data, refusing another format. */
export function officeFromData(data: CompiledOffice): {
  directory: Directory;
  deadlineConfig: DeadlineConfig;
  calendars: ReadonlyMap<string, Calendar>;
  deadlineCalendar: Calendar;
} {
  if (data.format !== COMPILED_OFFICE_FORMAT) {
    throw new Error(
      `compiled office data has format ${data.format}; this code reads ${COMPILED_OFFICE_FORMAT}`,
    );
  }
  const calendars = new Map(data.calendars.map((calendar) => [calendar.id, calendarFromData(calendar)]));
  const deadlineCalendar = calendars.get(data.deadlines.calendar);
  if (deadlineCalendar === undefined) {
    throw new Error(`the deadline rules name calendar "${data.deadlines.calendar}", which is not compiled`);
  }
  return { directory: data.directory, deadlineConfig: data.deadlines, calendars, deadlineCalendar };
}
