// The office's shared configuration as functions load it: the directory, the deadline rules and the calendars,
// compiled ahead of time into config/compiled/office.json (`npm run compile:config`; office-compile.ts). They were
// validated there, and by `cdk synth` and a test, so a cold start builds no schema and parses nothing with zod:
// validating them here cost each function that counts deadlines or reads the directory ~10–20 ms per cold start.
import type { Calendar } from '#domain/deadlines/calendar.ts';
import type { DeadlineConfig } from '#domain/deadlines/config.ts';
import type { Directory } from '#domain/triage/directory.ts';
import compiled from './compiled/office.json' with { type: 'json' };
import { type CompiledOffice, officeFromData } from './office-data.ts';

// The JSON module's inferred type is its literal shape; office-compile.ts typed it when it wrote the file.
const office = officeFromData(compiled as unknown as CompiledOffice);

/** The routing directory: bodies, their people and the units complaints may be about. */
export const directory: Directory = office.directory;
/** How long each clock runs, and what happens around its deadlines (config/deadlines.json). */
export const deadlineConfig: DeadlineConfig = office.deadlineConfig;
/** Every shipped calendar, by id. */
export const calendars: ReadonlyMap<string, Calendar> = office.calendars;
/** The calendar the office's deadlines are counted on. */
export const deadlineCalendar: Calendar = office.deadlineCalendar;
