// The call a hotline's own call-centre software posts to POST /webhooks/telephony, parsed once at the edge, and
// the complaint it becomes.
import * as z from 'zod/mini';
import '../zod-locale.ts';
import { type ComplaintDetails, ComplaintDetailsSchema, LANGUAGES } from '../complaint.ts';
import type { CallDetails } from '../intake-message.ts';
import { wellFormedText } from '../unicode.ts';
import { callerNumberOf, defined, isCallerNumberField } from './call.ts';

/** The office's three numbers; a sender may name another line in its own words. */
export const HOTLINE_LINES = ['service-hotline', 'reporting-line', 'complaint-phone'] as const;

const text = (max: number) =>
  z.pipe(
    z.transform((v) => (typeof v === 'string' ? wellFormedText(v) : v)),
    z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(max))),
  );

/** A call id is the sender's own: it becomes part of a key, so it is short and plain. */
export const CALL_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;

export const HotlineCallSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      callId: z
        .string({ error: 'give the call id' })
        .check(z.regex(CALL_ID_PATTERN, 'must be 1 to 128 letters, digits or . _ : -')),
      line: text(64),
      operatorId: text(64),
      startedAt: z.optional(z.iso.datetime({ offset: true, error: 'must be an ISO 8601 time' })),
      durationSeconds: z.optional(z.number().check(z.int(), z.gte(0), z.lte(86_400))),
      /** Read only to call back a caller who asked for it; otherwise never kept. */
      callerNumber: z.optional(
        z
          .string()
          .check(z.maxLength(64), z.refine(isCallerNumberField, 'must be a phone number, or "withheld"')),
      ),
      anonymous: z._default(z.boolean(), true),
      language: z._default(z.enum(LANGUAGES), 'zh-CN'),
      summary: text(4000),
      transcript: text(4000),
      recordingUrl: z.optional(
        z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).check(z.maxLength(2048)),
      ),
      subjectUnit: text(200),
      officialName: text(100),
      amountDemanded: text(50),
      callbackRequested: z._default(z.boolean(), false),
    })
    .check(
      z.superRefine((call, ctx) => {
        if (call.summary === undefined && call.transcript === undefined) {
          ctx.addIssue({
            code: 'custom',
            path: ['summary'],
            message: 'give the summary, the transcript, or both',
          });
        }
        if (call.callbackRequested && (call.anonymous || callerNumberOf(call.callerNumber) === undefined)) {
          ctx.addIssue({
            code: 'custom',
            path: ['callbackRequested'],
            message: 'a call back needs anonymous: false and the caller’s number',
          });
        }
      }),
    ))();
export type HotlineCall = z.infer<typeof HotlineCallSchema>;

/** The complaint an investigator reads: the operator's summary, or what the caller said. */
export function hotlineComplaint(call: HotlineCall): ComplaintDetails {
  return ComplaintDetailsSchema.parse(
    defined({
      description: call.summary ?? call.transcript,
      subjectUnit: call.subjectUnit,
      officialName: call.officialName,
      amountDemanded: call.amountDemanded,
    }),
  );
}

export function hotlineCallDetails(call: HotlineCall): CallDetails {
  return defined({
    platform: 'webhook' as const,
    callId: call.callId,
    line: call.line,
    operatorId: call.operatorId,
    startedAt: call.startedAt,
    durationSeconds: call.durationSeconds,
    recordingUrl: call.recordingUrl,
    // The summary is the description; the transcript is kept beside it for the investigator.
    transcript: call.summary === undefined ? undefined : call.transcript,
  });
}
