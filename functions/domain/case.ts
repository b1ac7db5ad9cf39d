// The case record's head: the small item that says where a case stands now (status, assignment, clocks, index
// attributes, counters), and the rules of what the public may see of it. Everything that happened to the case is
// an event of its own (events.ts); the head only ever holds what has a stated bound, whatever the case lives through.
import * as z from 'zod/mini';
import './zod-locale.ts';
import { CHANNELS, ComplaintDetailsSchema, LANGUAGES } from './complaint.ts';
import { verificationDueAt } from './deadlines/clocks.ts';
import { CallDetailsSchema, type IntakeMessage } from './intake-message.ts';
import { CategorySchema, SeveritySchema } from './triage/model.ts';

/**
 * A case's life: received → triaged → acknowledged → verifying → substantiated | unfounded → closed; a duplicate
 * ends as `merged` into the case that carries on (and a supervisor may unmerge it).
 */
export const CASE_STATUSES = [
  'received',
  'triaged',
  'acknowledged',
  'verifying',
  'substantiated',
  'unfounded',
  'closed',
  'merged',
] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** What a discipline office may decide about an official once a complaint is substantiated. */
export const SANCTION_KINDS = [
  'admonition_talk', // 诫勉谈话
  'notified_criticism', // 通报批评
  'removal_from_post', // 免职
  'party_warning', // 党内警告
  'case_filed', // 立案调查
  'other',
] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

/** At most this many people held accountable in one conclusion: a stated bound of the conclusion's event. */
export const MAX_SANCTIONS = 20;

/** One person held accountable: an official (name or post as written), never a reporter. */
export const SanctionSchema = /* @__PURE__ */ (() =>
  z
    .strictObject({
      person: z.string().check(z.trim(), z.minLength(1), z.maxLength(100)),
      kinds: z.array(z.enum(SANCTION_KINDS)).check(
        z.minLength(1),
        z.maxLength(SANCTION_KINDS.length),
        z.refine((kinds) => new Set(kinds).size === kinds.length, 'each kind once'),
      ),
      /** What `other` was, in words; required with it. */
      other: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(200))),
    })
    .check(
      z.refine((s) => !s.kinds.includes('other') || s.other !== undefined, {
        message: 'describe the other sanction',
        path: ['other'],
      }),
    ))();
export type Sanction = z.infer<typeof SanctionSchema>;

/** How many people a conclusion held accountable and how many of each sanction: what the head keeps of them. */
export const SanctionSummarySchema = /* @__PURE__ */ (() =>
  z.object({
    people: z.number().check(z.int(), z.nonnegative()),
    kinds: z.partialRecord(z.enum(SANCTION_KINDS), z.number().check(z.int(), z.nonnegative())),
  }))();
export type SanctionSummary = z.infer<typeof SanctionSummarySchema>;

export function summariseSanctions(sanctions: readonly Sanction[]): SanctionSummary {
  const kinds: Partial<Record<SanctionKind, number>> = {};
  for (const sanction of sanctions) for (const kind of sanction.kinds) kinds[kind] = (kinds[kind] ?? 0) + 1;
  return { people: sanctions.length, kinds: kinds as Record<SanctionKind, number> };
}

export const OUTCOMES = ['substantiated', 'unfounded'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Who filed an inspection finding and when the inspector saw what they report (channel `inspection`). */
export const InspectionSchema = /* @__PURE__ */ (() =>
  z.strictObject({
    inspectorId: z.string().check(z.minLength(1), z.maxLength(80)),
    inspectorBodyId: z.string().check(z.minLength(1), z.maxLength(80)),
    observedAt: z.iso.datetime(),
  }))();
export type Inspection = z.infer<typeof InspectionSchema>;

/** The complaint's short facts, kept on the head for lists and links; the description lives in the opening event. */
export const ComplaintFactsSchema = /* @__PURE__ */ (() =>
  z.omit(ComplaintDetailsSchema, { description: true }))();
export type ComplaintFacts = z.infer<typeof ComplaintFactsSchema>;

/** The call a complaint came in on, as the head keeps it: no transcript and no recording address (opening event). */
export const CallSummarySchema = /* @__PURE__ */ (() =>
  z.omit(CallDetailsSchema, { transcript: true, recordingUrl: true }))();
export type CallSummary = z.infer<typeof CallSummarySchema>;

/** How many transitions the head remembers: enough to tell a committed transition from one that lost its race. */
export const RECENT_TRANSITIONS = 5;

/**
 * The schemas of the fields a case summary holds (lifecycle/summary.ts: what a list shows, projected whole into the
 * open-cases indexes), built on their own so that the functions reading only summaries (the list) never build the
 * whole head schema. The head schema uses the same ones.
 */
export const CaseSummaryShape = /* @__PURE__ */ (() => ({
  reference: z.string(),
  channel: z.enum(CHANNELS),
  status: z.enum(CASE_STATUSES),
  receivedAt: z.iso.datetime(),
  acknowledgeDueAt: z.optional(z.iso.datetime()),
  verificationDueAt: z.iso.datetime(),
  acknowledgedAt: z.optional(z.iso.datetime()),
  concludedAt: z.optional(z.iso.datetime()),
  nextDueAt: z.optional(z.iso.datetime()),
  updatedAt: z.iso.datetime(),
  category: z.optional(CategorySchema),
  severity: z.optional(SeveritySchema),
  unitId: z.optional(z.nullable(z.string())),
  bodyId: z.optional(z.string()),
  needsReview: z.optional(z.boolean()),
  needsManualTriage: z.optional(z.boolean()),
  outcome: z.optional(z.enum(OUTCOMES)),
  assigneeId: z.optional(z.string()),
  extension: z.optional(
    z.object({ until: z.iso.datetime(), requestedBy: z.string(), requestedAt: z.iso.datetime() }),
  ),
  supervision: z.optional(z.object({ by: z.string(), at: z.iso.datetime(), dueAt: z.iso.datetime() })),
  /** The reporter rated the outcome 不满意: the case waits for a supervisor to reopen it or answer. */
  dissatisfied: z.optional(z.boolean()),
}))();

/** The ratings a reporter may give an outcome (满意 / 基本满意 / 不满意). */
export const RATINGS = ['satisfied', 'basically-satisfied', 'dissatisfied'] as const;
export type Rating = (typeof RATINGS)[number];

/** At most this many questions wait for the reporter at once: the head keeps their ids (a stated bound). */
export const MAX_OPEN_QUESTIONS = 5;

/** The head item: where a case stands. Its size is bounded (case-store.ts checks it as DynamoDB counts it). */
export const CaseSchema = /* @__PURE__ */ (() =>
  z.object({
    reference: CaseSummaryShape.reference,
    channel: CaseSummaryShape.channel,
    status: CaseSummaryShape.status,
    language: z.enum(LANGUAGES),
    anonymous: z.boolean(),
    complaint: ComplaintFactsSchema,
    /** The reporter left contact details (sealed in the opening event, never on the head). */
    hasContact: z.optional(z.boolean()),
    /** A caller asked to be called back: their number is the sealed contact (opening event). */
    callbackRequested: z.optional(z.boolean()),
    /** The call a hotline complaint came in on, without its transcript or recording address (opening event). */
    call: z.optional(CallSummarySchema),
    receivedAt: CaseSummaryShape.receivedAt,
    // The clocks of a case (deadline engine) and the times that stop them (lifecycle).
    acknowledgeDueAt: CaseSummaryShape.acknowledgeDueAt,
    verificationDueAt: CaseSummaryShape.verificationDueAt,
    reporterFeedbackDueAt: z.optional(z.iso.datetime()),
    acknowledgedAt: CaseSummaryShape.acknowledgedAt,
    /** When the verification concluded (substantiated or unfounded): stops the verification clock. */
    concludedAt: CaseSummaryShape.concludedAt,
    closedAt: z.optional(z.iso.datetime()),
    /** The next deadline milestone still to be notified; absent once nothing is due (the case leaves byDue). */
    nextDueAt: CaseSummaryShape.nextDueAt,
    createdAt: z.iso.datetime(),
    updatedAt: CaseSummaryShape.updatedAt,
    /** The number of transitions committed; a transition commits by moving it on by one, conditionally. */
    version: z.number().check(z.int(), z.positive()),
    /**
     * When each of the last few transitions happened (epoch ms), newest last, the last one having made `version`:
     * with the version it made, the key of the transition's event. Numbers, not keys: the head stays under 1 KB.
     */
    transitions: z.optional(z.array(z.number()).check(z.maxLength(RECENT_TRANSITIONS))),
    /** Milestones claimed by the sweeper (bounded: a few per clock, three clocks). */
    milestonesNotified: z.array(z.string()).check(z.maxLength(100)),
    /** Sweeps of this case that failed in a row; past a limit it is set aside for a person (with an alarm). */
    sweepFailures: z.optional(z.number().check(z.int(), z.nonnegative())),
    sweepSetAsideAt: z.optional(z.iso.datetime()),
    // Set by triage; absent while a case waits for it or for a person to triage it.
    category: CaseSummaryShape.category,
    severity: CaseSummaryShape.severity,
    unitId: CaseSummaryShape.unitId,
    bodyId: CaseSummaryShape.bodyId,
    /** Triage's confidence in its decision, 0–1 (shown; its review flags, not this number, set `needsReview`). */
    triageConfidence: z.optional(z.number().check(z.gte(0), z.lte(1))),
    /** Routed, but triage was unsure: a supervisor should check the category and the unit. */
    needsReview: CaseSummaryShape.needsReview,
    /** The most recent earlier cases about the same unit and official (bounded; readers find the rest by index). */
    relatedCases: z.optional(z.array(z.string()).check(z.maxLength(10))),
    /** Triage failed; the case waits, unassigned, for a person to route it. */
    needsManualTriage: CaseSummaryShape.needsManualTriage,
    // Set by the lifecycle (functions/domain/lifecycle).
    /** How the verification concluded; cleared when a supervisor reopens the case. */
    outcome: CaseSummaryShape.outcome,
    /** What the conclusion held people accountable for (the people and findings are in its event). */
    sanctions: z.optional(SanctionSummarySchema),
    /** The version the conclusion made: with `concludedAt`, the key of its event (findings and sanctions). */
    conclusionVersion: z.optional(z.number().check(z.int(), z.positive())),
    /** This case was a duplicate and goes on as that one. */
    mergedInto: z.optional(z.string()),
    /** The status a merged case had before, to which an unmerge returns it. */
    statusBeforeMerge: z.optional(z.enum(CASE_STATUSES)),
    /** The person of the body who has the case (signed for it, or was given it by a supervisor). */
    assigneeId: CaseSummaryShape.assigneeId,
    /** An extension of the verification deadline asked for and not yet decided. */
    extension: CaseSummaryShape.extension,
    /** The verification deadline as extended (granted extensions move it; the clock runs to it). */
    extendedUntil: z.optional(z.iso.datetime()),
    /** Extensions granted so far: each starts the verification's milestones afresh. */
    extensionsGranted: z.optional(z.number().check(z.int(), z.nonnegative())),
    /** A supervision mark (督办): a supervisor or the body above wants it done by a date. */
    supervision: CaseSummaryShape.supervision,
    /** The body that returned the case to be routed again (退单), while it waits for that. */
    returnedFrom: z.optional(z.string()),
    /** Present on cases of channel `inspection`. */
    inspection: z.optional(InspectionSchema),
    // The reporter's side (reporter/follow-up.ts).
    /** The questions waiting for the reporter's answer: each the version its question made (its id). */
    openQuestions: z.optional(
      z.array(z.number().check(z.int(), z.positive())).check(z.maxLength(MAX_OPEN_QUESTIONS)),
    ),
    /** The reporter's rating of the present conclusion (one per conclusion: `conclusionVersion` says which). */
    rating: z.optional(
      z.object({
        value: z.enum(RATINGS),
        at: z.iso.datetime(),
        conclusionVersion: z.number().check(z.int(), z.positive()),
      }),
    ),
    dissatisfied: CaseSummaryShape.dissatisfied,
    /** The reporter's contact details were deleted under the retention policy (reporter/retention.ts). */
    contactDeletedAt: z.optional(z.iso.datetime()),
  }))();
export type Case = z.infer<typeof CaseSchema>;

export const SYSTEM_ACTOR = 'system';

/** The complaint's facts without its description: what the head keeps. */
export function complaintFacts(complaint: z.infer<typeof ComplaintDetailsSchema>): ComplaintFacts {
  const { description: _description, ...facts } = complaint;
  return facts;
}

/** A new case from an accepted complaint. The deadline runs from when the citizen was answered, not from when the worker ran. */
export function openCase(message: IntakeMessage, now: Date): Case {
  const at = now.toISOString();
  let call: CallSummary | undefined;
  if (message.call !== undefined) {
    const { transcript: _transcript, recordingUrl: _recording, ...summary } = message.call;
    call = summary;
  }
  return {
    reference: message.reference,
    channel: message.channel,
    status: 'received',
    language: message.language,
    anonymous: message.anonymous,
    complaint: complaintFacts(message.complaint),
    ...(message.sealedContact === undefined ? {} : { hasContact: true }),
    // A message queued by the version before carries the request inside its call.
    ...((message.callbackRequested ?? message.call?.callbackRequested) === true
      ? { callbackRequested: true }
      : {}),
    ...(call === undefined ? {} : { call }),
    ...(message.inspection === undefined ? {} : { inspection: message.inspection }),
    receivedAt: message.receivedAt,
    verificationDueAt: verificationDueAt(new Date(message.receivedAt)).toISOString(),
    createdAt: at,
    updatedAt: at,
    version: 1,
    milestonesNotified: [],
  };
}

/** Cases that are still being worked carry deadlines; closed ones leave the due index. */
export function isOpen(status: CaseStatus): boolean {
  return !['closed', 'merged'].includes(status);
}

/** What a reporter is told of each status: the inside steps (acknowledged) read as the public one they are part of. */
export type PublicCaseStatus =
  | 'received'
  | 'triaged'
  | 'verifying'
  | 'verified'
  | 'unfounded'
  | 'sanctioned'
  | 'closed'
  | 'merged';

export function publicStatusOf(record: Pick<Case, 'status' | 'outcome' | 'sanctions'>): PublicCaseStatus {
  switch (record.status) {
    case 'received':
      return 'received';
    case 'triaged':
    case 'acknowledged':
      return 'triaged';
    case 'merged':
      return 'merged';
    case 'verifying':
      return 'verifying';
    case 'substantiated':
      return 'verified';
    case 'unfounded':
      return 'unfounded';
    case 'closed':
      return record.outcome === 'substantiated' && (record.sanctions?.people ?? 0) > 0
        ? 'sanctioned'
        : 'closed';
  }
}
