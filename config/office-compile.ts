// Compiles the office's shared configuration — the directory (config/directory.json), the deadline rules
// (config/deadlines.json) and the working-day calendars (config/calendars/*.json) — into the data form functions
// load (office.ts): validated with zod and with defaults filled in here, once, instead of at every cold start.
// Used by `npm run compile:config`, by `cdk synth` (a broken file stops the deployment) and by the test that keeps
// config/compiled/office.json in step with the sources.
import { createHash } from 'node:crypto';
import { calendarData } from '#domain/deadlines/calendar.ts';
import { loadCalendar } from '#domain/deadlines/calendar-file.ts';
import { DeadlineConfigSchema } from '#domain/deadlines/config.ts';
import { e164, PHONE_NUMBER_ERROR } from '#domain/phone.ts';
import { DirectorySchema } from '#domain/triage/directory.ts';
import cnMainland from './calendars/cn-mainland.json' with { type: 'json' };
import deadlines from './deadlines.json' with { type: 'json' };
import directory from './directory.json' with { type: 'json' };
import { COMPILED_OFFICE_FORMAT, type CompiledOffice } from './office-data.ts';

/** Every calendar file shipped; `deadlines.json`'s `calendar` names the one deadlines are counted on. */
export const CALENDAR_FILES: readonly unknown[] = [cnMainland];

/** Where `npm run compile:config` writes the compiled office configuration, from the repository root. */
export const OFFICE_FILE = 'config/compiled/office.json';

/** The office configuration compiled from the given sources; throws, naming the problem, when one is invalid. */
export function compileOffice(
  sources: { directory: unknown; deadlines: unknown; calendars: readonly unknown[] } = {
    directory,
    deadlines,
    calendars: CALENDAR_FILES,
  },
): CompiledOffice {
  const calendars = sources.calendars.map((file) => calendarData(loadCalendar(file)));
  const deadlineConfig = DeadlineConfigSchema.parse(sources.deadlines);
  if (!calendars.some((calendar) => calendar.id === deadlineConfig.calendar)) {
    throw new Error(
      `config/deadlines.json names calendar "${deadlineConfig.calendar}", which is not shipped`,
    );
  }
  const checkedDirectory = DirectorySchema.parse(sources.directory);
  // SMS goes to these numbers: each must be one the notifier can send to (functions/domain/phone.ts).
  for (const person of checkedDirectory.bodies.flatMap((body) => body.people)) {
    if (e164(person.phone) === undefined) {
      throw new Error(
        `config/directory.json: ${person.id}'s phone is not a valid number (${PHONE_NUMBER_ERROR})`,
      );
    }
  }
  return {
    format: COMPILED_OFFICE_FORMAT,
    sources: createHash('sha256')
      .update(JSON.stringify([sources.directory, sources.deadlines, sources.calendars]))
      .digest('hex')
      .slice(0, 16),
    directory: checkedDirectory,
    deadlines: deadlineConfig,
    calendars,
  };
}

/** The file's text, as `npm run compile:config` writes it. */
export const officeFileText = (office: CompiledOffice): string => `${JSON.stringify(office)}\n`;
