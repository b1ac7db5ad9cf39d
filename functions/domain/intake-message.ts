// The message an intake Lambda puts on the queue and the worker reads: the contract between them.
import * as z from 'zod';
import { CHANNELS, ComplaintDetailsSchema, LANGUAGES } from './complaint.ts';
import { REFERENCE_PATTERN } from './reference.ts';

export const INTAKE_MESSAGE_KIND = 'hotline.intake.v1';

export const IntakeMessageSchema = z.strictObject({
  kind: z.literal(INTAKE_MESSAGE_KIND),
  reference: z.string().regex(REFERENCE_PATTERN),
  channel: z.enum(CHANNELS),
  receivedAt: z.iso.datetime(),
  language: z.enum(LANGUAGES),
  anonymous: z.boolean(),
  complaint: ComplaintDetailsSchema,
  /** The reporter's contact details, already encrypted at intake: the queue never holds them in clear. */
  sealedContact: z.string().optional(),
});
export type IntakeMessage = z.infer<typeof IntakeMessageSchema>;
