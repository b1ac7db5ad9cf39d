// The message an intake Lambda puts on the queue and the worker reads: the contract between them.
import * as z from 'zod';
import { CHANNELS, ComplaintDetailsSchema, LANGUAGES } from './complaint.ts';
import { REFERENCE_PATTERN } from './reference.ts';

/** An inspection finding's origin: the inspector (a directory person) and when they observed it. */
export const IntakeInspectionSchema = z.strictObject({
  inspectorId: z.string().min(1).max(80),
  inspectorBodyId: z.string().min(1).max(80),
  observedAt: z.iso.datetime(),
});

export const INTAKE_MESSAGE_KIND = 'hotline.intake.v1';

/** Who carried a call to us: the hotline's own software (signed webhook), Twilio, or Amazon Connect. */
export const CALL_PLATFORMS = ['webhook', 'twilio', 'connect'] as const;

/**
 * What an investigator needs to know about the call a complaint came in on. Nothing here identifies the caller:
 * their number travels only sealed (`sealedCallerNumber`).
 */
export const CallDetailsSchema = z.strictObject({
  platform: z.enum(CALL_PLATFORMS),
  /** The platform's id of the call (callId, CallSid, ContactId): how a recording or a log is found again. */
  callId: z.string().max(128),
  /** Which number was called: `service-hotline`, `reporting-line`, `complaint-phone`, or what the sender says. */
  line: z.string().max(64).optional(),
  operatorId: z.string().max(64).optional(),
  startedAt: z.iso.datetime({ offset: true }).optional(),
  durationSeconds: z.number().int().nonnegative().optional(),
  recordingUrl: z.string().max(2048).optional(),
  /** The verbatim transcript, when the operator's written summary is the description. */
  transcript: z.string().max(4000).optional(),
  /** Speech recognition's confidence (0–1) when the description is a transcript. */
  speechConfidence: z.number().min(0).max(1).optional(),
  callbackRequested: z.boolean().optional(),
});
export type CallDetails = z.infer<typeof CallDetailsSchema>;

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
  /** The call this complaint came in on (hotline channels only). */
  call: CallDetailsSchema.optional(),
  /** The caller's number, encrypted at intake exactly like contact details; never in a log, key or answer. */
  sealedCallerNumber: z.string().optional(),
  /** Only on channel `inspection`: who filed the finding and when they observed it. */
  inspection: IntakeInspectionSchema.optional(),
});
export type IntakeMessage = z.infer<typeof IntakeMessageSchema>;
