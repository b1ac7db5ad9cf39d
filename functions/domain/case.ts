// The case record and its lifecycle rules: how a complaint becomes a case, and what the public may see of it.
import * as z from 'zod/mini';
import './zod-locale.ts';
import { CHANNELS, ComplaintDetailsSchema, LANGUAGES } from './complaint.ts';
import { verificationDueAt } from './deadlines/clocks.ts';
import { CallDetailsSchema, type IntakeMessage } from './intake-message.ts';
import { CategorySchema, SeveritySchema } from './triage/model.ts';

/**
 * A case's life: received → triaged → acknowledged → verifying → substantiated | unfounded → closed; a duplicate
 * ends as `merged` into the case that carries on.
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

export const HistoryEntrySchema = /* @__PURE__ */ (() =>
  z.object({
    at: z.iso.datetime(),
    actor: z.string(),
    action: z.string(),
    note: z.optional(z.string()),
  }))();
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

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

/**
 * A triage reason as stored: an object with a rule, its other fields kept as written. The worker writes
 * TriageReason values (triage/model.ts); readers show them and never act on them.
 */
const StoredReasonSchema = /* @__PURE__ */ (() =>
  z.looseObject({ rule: z.string().check(z.minLength(1), z.maxLength(80)) }))();
export type StoredReason = z.infer<typeof StoredReasonSchema>;

/**
 * The schemas of the fields a case summary holds (lifecycle/summary.ts: what the byAssignee index projects), built
 * on their own so that the functions reading only summaries (the list, the statistics) never build the whole case
 * schema — its complaint, call and triage reasons are most of its ~300 zod nodes. The case schema uses the same ones.
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
  closedAt: z.optional(z.iso.datetime()),
  nextDueAt: z.optional(z.iso.datetime()),
  updatedAt: z.iso.datetime(),
  category: z.optional(CategorySchema),
  severity: z.optional(SeveritySchema),
  unitId: z.optional(z.nullable(z.string())),
  bodyId: z.optional(z.string()),
  needsReview: z.optional(z.boolean()),
  needsManualTriage: z.optional(z.boolean()),
  outcome: z.optional(z.enum(OUTCOMES)),
  sanctions: z.optional(z.array(SanctionSchema)),
  mergedInto: z.optional(z.string()),
}))();

export const CaseSchema = /* @__PURE__ */ (() =>
  z.object({
    reference: CaseSummaryShape.reference,
    channel: CaseSummaryShape.channel,
    status: CaseSummaryShape.status,
    language: z.enum(LANGUAGES),
    anonymous: z.boolean(),
    complaint: ComplaintDetailsSchema,
    sealedContact: z.optional(z.string()),
    /** A caller asked to be called back: their number is the sealed contact. */
    callbackRequested: z.optional(z.boolean()),
    /** The call a hotline complaint came in on. */
    call: z.optional(CallDetailsSchema),
    /** Only on cases made before numbers were kept for call backs alone; never written now, never answered. */
    sealedCallerNumber: z.optional(z.string()),
    receivedAt: CaseSummaryShape.receivedAt,
    // The clocks of a case (deadline engine) and the times that stop them (lifecycle).
    acknowledgeDueAt: CaseSummaryShape.acknowledgeDueAt,
    verificationDueAt: CaseSummaryShape.verificationDueAt,
    reporterFeedbackDueAt: z.optional(z.iso.datetime()),
    acknowledgedAt: CaseSummaryShape.acknowledgedAt,
    /** When the verification concluded (substantiated or unfounded): stops the verification clock. */
    concludedAt: CaseSummaryShape.concludedAt,
    closedAt: CaseSummaryShape.closedAt,
    /** The next deadline milestone still to be notified; absent once nothing is due (the case leaves byDue). */
    nextDueAt: CaseSummaryShape.nextDueAt,
    createdAt: z.iso.datetime(),
    updatedAt: CaseSummaryShape.updatedAt,
    version: z.number().check(z.int(), z.positive()),
    history: z.array(HistoryEntrySchema),
    milestonesNotified: z.array(z.string()),
    /** Notifications already sent, `<milestone>|<recipient>|<channel>`: a redelivered job sends none twice. */
    notificationsSent: z.optional(z.array(z.string())),
    // Set by triage; absent while a case waits for it or for a person to triage it.
    category: CaseSummaryShape.category,
    severity: CaseSummaryShape.severity,
    unitId: CaseSummaryShape.unitId,
    bodyId: CaseSummaryShape.bodyId,
    /**
     * Why triage decided as it did, as the worker wrote it (TriageReason values). Read tolerantly — an object
     * with a rule, its other fields kept as written: a reason of a rule a newer worker added must not make the case
     * unreadable to a function of the version before during a deployment, and no function acts on a reason. Checking
     * each of its 33 kinds at every read would also build ~100 zod nodes in every function that reads a case.
     */
    triageReasons: z.optional(z.array(StoredReasonSchema)),
    /** Triage's confidence in its decision, 0–1; below the threshold the case is also `needsReview`. */
    triageConfidence: z.optional(z.number().check(z.gte(0), z.lte(1))),
    /** Routed, but triage was unsure: a supervisor should check the category and the unit. */
    needsReview: CaseSummaryShape.needsReview,
    /** Earlier (and, by back-links, later) cases about the same unit and official within 30 days. */
    relatedCases: z.optional(z.array(z.string())),
    /** Triage failed; the case waits, unassigned, for a person to route it. */
    needsManualTriage: CaseSummaryShape.needsManualTriage,
    // Set by the lifecycle (functions/domain/lifecycle).
    /** How the verification concluded; cleared when a supervisor reopens the case. */
    outcome: CaseSummaryShape.outcome,
    /** What the verification found, in the investigator's words. */
    findings: z.optional(z.string()),
    sanctions: CaseSummaryShape.sanctions,
    /** This case was a duplicate and goes on as that one. */
    mergedInto: CaseSummaryShape.mergedInto,
    /** Duplicates merged into this case. */
    mergedCases: z.optional(z.array(z.string())),
    /** Present on cases of channel `inspection`. */
    inspection: z.optional(InspectionSchema),
  }))();
export type Case = z.infer<typeof CaseSchema>;

export const SYSTEM_ACTOR = 'system';

/** A new case from an accepted complaint. The deadline runs from when the citizen was answered, not from when the worker ran. */
export function openCase(message: IntakeMessage, now: Date): Case {
  const at = now.toISOString();
  return {
    reference: message.reference,
    channel: message.channel,
    status: 'received',
    language: message.language,
    anonymous: message.anonymous,
    complaint: message.complaint,
    ...(message.sealedContact === undefined ? {} : { sealedContact: message.sealedContact }),
    // A message queued by the version before carries the request inside its call.
    ...((message.callbackRequested ?? message.call?.callbackRequested) === true
      ? { callbackRequested: true }
      : {}),
    ...(message.call === undefined ? {} : { call: message.call }),
    // A caller's number queued without a request to call back (by the version before) is not kept.
    ...(message.inspection === undefined ? {} : { inspection: message.inspection }),
    receivedAt: message.receivedAt,
    verificationDueAt: verificationDueAt(new Date(message.receivedAt)).toISOString(),
    createdAt: at,
    updatedAt: at,
    version: 1,
    history: [{ at: message.receivedAt, actor: SYSTEM_ACTOR, action: 'received' }],
    milestonesNotified: [],
  };
}

/** Cases that are still being worked carry deadlines; closed ones leave the due index. */
export function isOpen(status: CaseStatus): boolean {
  return !['closed', 'merged'].includes(status);
}

/** History actions a reporter may see, worded for them; internal notes and actors stay inside. */
const PUBLIC_MILESTONES: Record<string, string> = {
  received: 'received',
  triaged: 'assigned',
  'verification-started': 'under-verification',
  verified: 'verified',
  unfounded: 'closed-unfounded',
  sanctioned: 'closed-with-sanction',
  closed: 'closed',
  // The lifecycle's own actions, worded as the milestones above.
  substantiated: 'verified',
  'manually-triaged': 'assigned',
  reopened: 'under-verification',
};

/** What a reporter is told of each status: the inside steps (acknowledged, merged) read as the public one they are part of. */
export type PublicCaseStatus =
  | 'received'
  | 'triaged'
  | 'verifying'
  | 'verified'
  | 'unfounded'
  | 'sanctioned'
  | 'closed';

function publicStatusOf(record: Case): PublicCaseStatus {
  switch (record.status) {
    case 'received':
      return 'received';
    case 'triaged':
    case 'acknowledged':
    case 'merged':
      return 'triaged';
    case 'verifying':
      return 'verifying';
    case 'substantiated':
      return 'verified';
    case 'unfounded':
      return 'unfounded';
    case 'closed':
      return record.outcome === 'substantiated' && (record.sanctions?.length ?? 0) > 0
        ? 'sanctioned'
        : 'closed';
  }
}

export interface PublicStatus {
  readonly reference: string;
  readonly status: PublicCaseStatus;
  readonly receivedAt: string;
  readonly verificationDueAt: string;
  readonly milestones: readonly { readonly at: string; readonly milestone: string }[];
}

export function publicStatus(record: Case): PublicStatus {
  return {
    reference: record.reference,
    status: publicStatusOf(record),
    receivedAt: record.receivedAt,
    verificationDueAt: record.verificationDueAt,
    milestones: record.history.flatMap((entry) => {
      const milestone = PUBLIC_MILESTONES[entry.action];
      return milestone === undefined ? [] : [{ at: entry.at, milestone }];
    }),
  };
}
