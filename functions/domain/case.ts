// The case record and its lifecycle rules: how a complaint becomes a case, and what the public may see of it.
import * as z from 'zod';
import { CHANNELS, ComplaintDetailsSchema, LANGUAGES } from './complaint.ts';
import { verificationDueAt } from './deadlines.ts';
import type { IntakeMessage } from './intake-message.ts';
import { CategorySchema, SeveritySchema, TriageReasonSchema } from './triage/model.ts';

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

export const HistoryEntrySchema = z.object({
  at: z.iso.datetime(),
  actor: z.string(),
  action: z.string(),
  note: z.string().optional(),
});
export type HistoryEntry = z.infer<typeof HistoryEntrySchema>;

export const CaseSchema = z.object({
  reference: z.string(),
  channel: z.enum(CHANNELS),
  status: z.enum(CASE_STATUSES),
  language: z.enum(LANGUAGES),
  anonymous: z.boolean(),
  complaint: ComplaintDetailsSchema,
  sealedContact: z.string().optional(),
  receivedAt: z.iso.datetime(),
  // The clocks of a case (deadline engine) and the times that stop them (lifecycle).
  acknowledgeDueAt: z.iso.datetime().optional(),
  verificationDueAt: z.iso.datetime(),
  reporterFeedbackDueAt: z.iso.datetime().optional(),
  acknowledgedAt: z.iso.datetime().optional(),
  /** When the verification concluded (substantiated or unfounded): stops the verification clock. */
  concludedAt: z.iso.datetime().optional(),
  closedAt: z.iso.datetime().optional(),
  /** The next deadline milestone still to be notified; absent once nothing is due (the case leaves byDue). */
  nextDueAt: z.iso.datetime().optional(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
  version: z.number().int().positive(),
  history: z.array(HistoryEntrySchema),
  milestonesNotified: z.array(z.string()),
  // Set by triage; absent while a case waits for it or for a person to triage it.
  category: CategorySchema.optional(),
  severity: SeveritySchema.optional(),
  unitId: z.string().nullable().optional(),
  bodyId: z.string().optional(),
  triageReasons: z.array(TriageReasonSchema).optional(),
  /** Triage's confidence in its decision, 0–1; below the threshold the case is also `needsReview`. */
  triageConfidence: z.number().min(0).max(1).optional(),
  /** Routed, but triage was unsure: a supervisor should check the category and the unit. */
  needsReview: z.boolean().optional(),
  /** Earlier (and, by back-links, later) cases about the same unit and official within 30 days. */
  relatedCases: z.array(z.string()).optional(),
  /** Triage failed; the case waits, unassigned, for a person to route it. */
  needsManualTriage: z.boolean().optional(),
});
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
};

export interface PublicStatus {
  readonly reference: string;
  readonly status: CaseStatus;
  readonly receivedAt: string;
  readonly verificationDueAt: string;
  readonly milestones: readonly { readonly at: string; readonly milestone: string }[];
}

export function publicStatus(record: Case): PublicStatus {
  return {
    reference: record.reference,
    status: record.status,
    receivedAt: record.receivedAt,
    verificationDueAt: record.verificationDueAt,
    milestones: record.history.flatMap((entry) => {
      const milestone = PUBLIC_MILESTONES[entry.action];
      return milestone === undefined ? [] : [{ at: entry.at, milestone }];
    }),
  };
}
