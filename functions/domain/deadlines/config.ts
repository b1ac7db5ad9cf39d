// How long each clock of a case runs, by category and severity, and what happens around its deadline
// (reminders, overdue, repeat escalations): the office's rules as data (config/deadlines.json), checked when the
// configuration is compiled (`npm run compile:config`); functions get them validated, in the compiled form.
import * as z from 'zod/mini';
import '../zod-locale.ts';
import { LANGUAGES } from '../complaint.ts';
import { CategorySchema, SeveritySchema } from '../triage/model.ts';

export { CLOCKS, type ClockName } from './clock-names.ts';

export const DurationSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    amount: z.number().check(z.positive(), z.lte(366)),
    /** `hours` and `calendarDays` are elapsed time; `workingDays` ends at the end of the last working day. */
    unit: z.enum(['hours', 'calendarDays', 'workingDays']),
  }))();
export type Duration = z.infer<typeof DurationSchema>;

const ChannelsSchema = /* @__PURE__ */ (() => z.array(z.enum(['email', 'sms'])).check(z.maxLength(2)))();

export const DeadlineConfigSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    /** The id of the calendar in config/calendars/ that working days are counted on. */
    calendar: z.string().check(z.minLength(1)),
    clocks: z.strictObject({
      acknowledge: DurationSchema,
      verification: DurationSchema,
      reporterFeedback: DurationSchema,
    }),
    /** Overrides, most specific first: the first rule that matches a case and names a clock sets that clock. */
    rules: z._default(
      z.array(
        z.strictObject({
          when: z
            .strictObject({ category: z.optional(CategorySchema), severity: z.optional(SeveritySchema) })
            .check(
              z.refine(
                (when) => when.category !== undefined || when.severity !== undefined,
                'name a category or a severity',
              ),
            ),
          acknowledge: z.optional(DurationSchema),
          verification: z.optional(DurationSchema),
          reporterFeedback: z.optional(DurationSchema),
        }),
      ),
      [],
    ),
    /** Reminders this many hours before each deadline; one that would fall before its clock started is dropped. */
    remindHoursBefore: z.array(z.number().check(z.positive(), z.lte(24 * 30))).check(z.maxLength(5)),
    escalation: z.strictObject({
      /** While overdue, a repeat escalation opens every this many working days. */
      everyWorkingDays: z.number().check(z.int(), z.gte(1), z.lte(30)),
      /** The first repeats go to the same supervisors as `overdue`; each one after these climbs one body up. */
      climbAfter: z.number().check(z.int(), z.gte(0), z.lte(30)),
      /** Repeats stop after this many, so a forgotten case cannot send without end. */
      maxRepeats: z.number().check(z.int(), z.gte(0), z.lte(60)),
    }),
    channels: z.strictObject({
      reminder: ChannelsSchema,
      overdue: ChannelsSchema,
      escalation: ChannelsSchema,
      announcement: ChannelsSchema,
      reporter: ChannelsSchema,
    }),
    /** New cases of these severities are announced to their body at once. */
    announceSeverities: z.array(SeveritySchema),
    /** Investigators' and supervisors' notifications are written in this language. */
    staffLanguage: z.enum(LANGUAGES),
    /** SMS to one person (or one case's reporter) a day at most; past it, email alone. */
    smsCap: z.strictObject({
      perRecipientPerDay: z.number().check(z.int(), z.gte(0)),
    }),
    /**
     * What is sent at once; everything else reaches staff in their morning digest. An overdue notice goes at once; an
     * escalation at once only from this level up (1: the body above), below it in the digest.
     */
    immediate: z.strictObject({
      reminders: z.boolean(),
      escalationsFromLevel: z.number().check(z.int(), z.gte(0), z.lte(60)),
    }),
    /** Each working morning, at this local time, one email per person: due today, overdue, newly theirs. */
    digest: z.strictObject({
      localTime: z.string().check(z.regex(/^([01][0-9]|2[0-3]):[0-5][0-9]$/)),
    }),
  }))();
export type DeadlineConfig = z.infer<typeof DeadlineConfigSchema>;
