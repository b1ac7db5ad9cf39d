// A notification job on the notify queue: which case, which milestone, how far up the tree. It carries no
// personal data at all; the notifier reads the case and the directory to find recipients and words.
import * as z from 'zod/mini';
import '../zod-locale.ts';
import { CLOCKS } from '../deadlines/clock-names.ts';
import { REFERENCE_PATTERN } from '../reference.ts';

export const NOTIFICATION_KINDS = [
  'reminder',
  'overdue',
  'escalation',
  'announcement',
  'reporter-acknowledgement',
  'reporter-conclusion',
  // The reporter's side (reporter/notices.ts): a question waits for the reporter; the office answered their rating;
  // the reporter answered or added information (to whoever has the case); the reporter is not satisfied (supervisors).
  'reporter-question',
  'reporter-reply',
  'reporter-message-arrived',
  'reporter-dissatisfied',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** The kinds told to the reporter, through the contact they left: never anything they wrote, never the receipt code. */
export const TO_REPORTER: ReadonlySet<NotificationKind> = new Set([
  'reporter-acknowledgement',
  'reporter-conclusion',
  'reporter-question',
  'reporter-reply',
]);

export const NotifyJobSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    reference: z.string().check(z.regex(REFERENCE_PATTERN)),
    /** The milestone's stable id: with the recipient and channel, the idempotency key of each send. */
    milestone: z.string().check(z.regex(/^[a-zA-Z0-9:-]{1,64}$/)),
    kind: z.enum(NOTIFICATION_KINDS),
    clock: z.optional(z.enum(CLOCKS)),
    level: z.number().check(z.int(), z.gte(0), z.lte(60)),
    dueAt: z.optional(z.iso.datetime()),
    /**
     * When the milestone fell due (or the notice was decided): with the milestone, recipient and channel it keys each
     * send's record, so a job queued twice (a sweep that crashed before its claim) finds the records of the first.
     */
    at: z.iso.datetime(),
    /** The outcome a conclusion notice tells (a merged case's reporter hears the outcome of the case it follows). */
    outcome: z.optional(z.enum(['substantiated', 'unfounded'])),
  }))();
export type NotifyJob = z.infer<typeof NotifyJobSchema>;

/** The milestone ids of the notices queued at intake rather than by the sweeper. */
export const ANNOUNCEMENT_MILESTONE = 'announce:serious';
export const REPORTER_ACKNOWLEDGEMENT_MILESTONE = 'reporter:acknowledgement';
