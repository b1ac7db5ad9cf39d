// The message an intake Lambda puts on the queue and the worker reads: the contract between them.
import * as z from 'zod/mini';
import './zod-locale.ts';
import { CHANNELS, ComplaintDetailsSchema, LANGUAGES } from './complaint.ts';
import { REFERENCE_PATTERN } from './reference.ts';

/** An inspection finding's origin: the inspector (a directory person) and when they observed it. */
export const IntakeInspectionSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    inspectorId: z.string().check(z.minLength(1), z.maxLength(80)),
    inspectorBodyId: z.string().check(z.minLength(1), z.maxLength(80)),
    observedAt: z.iso.datetime(),
  }))();

export const INTAKE_MESSAGE_KIND = 'hotline.intake.v1';

/** Who carried a call to us: the hotline's own software (signed webhook), Twilio, or Amazon Connect. */
export const CALL_PLATFORMS = ['webhook', 'twilio', 'connect'] as const;

/**
 * What an investigator needs to know about the call a complaint came in on. Nothing here identifies the caller: their
 * number is kept only when they asked to be called back, and then sealed as their contact (`sealedContact`).
 */
export const CallDetailsSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    platform: z.enum(CALL_PLATFORMS),
    /** The platform's id of the call (callId, CallSid, ContactId): how a recording or a log is found again. */
    callId: z.string().check(z.maxLength(128)),
    /** Which number was called: `service-hotline`, `reporting-line`, `complaint-phone`, or what the sender says. */
    line: z.optional(z.string().check(z.maxLength(64))),
    operatorId: z.optional(z.string().check(z.maxLength(64))),
    startedAt: z.optional(z.iso.datetime({ offset: true })),
    durationSeconds: z.optional(z.number().check(z.int(), z.nonnegative())),
    recordingUrl: z.optional(z.string().check(z.maxLength(2048))),
    /** The verbatim transcript, when the operator's written summary is the description. */
    transcript: z.optional(z.string().check(z.maxLength(4000))),
    /** Speech recognition's confidence (0–1) when the description is a transcript. */
    speechConfidence: z.optional(z.number().check(z.gte(0), z.lte(1))),
    /** Written here by an earlier version; read only from messages queued before the top-level field. */
    callbackRequested: z.optional(z.boolean()),
  }))();
export type CallDetails = z.infer<typeof CallDetailsSchema>;

export const IntakeMessageSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    kind: z.literal(INTAKE_MESSAGE_KIND),
    reference: z.string().check(z.regex(REFERENCE_PATTERN)),
    channel: z.enum(CHANNELS),
    receivedAt: z.iso.datetime(),
    language: z.enum(LANGUAGES),
    anonymous: z.boolean(),
    complaint: ComplaintDetailsSchema,
    /**
     * The reporter's contact details, already encrypted at intake: the queue never holds them in clear. For a call,
     * the caller's number ({phone}), present only when they asked to be called back.
     */
    sealedContact: z.optional(z.string()),
    /** The caller asked to be called back on the number sealed in `sealedContact` (hotline channels only). */
    callbackRequested: z.optional(z.boolean()),
    /** The call this complaint came in on (hotline channels only). */
    call: z.optional(CallDetailsSchema),
    /**
     * Every caller's number, as an earlier version queued it whether they asked for a call back or not. Accepted so
     * that such a message still makes its case; the worker does not keep it.
     */
    sealedCallerNumber: z.optional(z.string()),
    /** Only on channel `inspection`: who filed the finding and when they observed it. */
    inspection: z.optional(IntakeInspectionSchema),
  }))();
export type IntakeMessage = z.infer<typeof IntakeMessageSchema>;
