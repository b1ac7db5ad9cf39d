// Triage as a step of a case's life: what a triage result, or its failure, does to a newly opened case.
import { createHash } from 'node:crypto';
import type { Case } from './case.ts';
import { SYSTEM_ACTOR } from './case.ts';
import { DAY_MS } from './clock.ts';
import type { IntakeMessage } from './intake-message.ts';
import type { TriageInput, TriageResult } from './triage/model.ts';
import { normaliseName } from './triage/normalise.ts';
import { type LinkableCase, RELATED_WINDOW_DAYS } from './triage/related.ts';

/**
 * Only what triage needs of a complaint: never who sent it. The receipt time is how relative dates in the text
 * ("上个月", "前天") are read: triage reads no clock of its own.
 */
export function triageInputOf(message: IntakeMessage): TriageInput {
  const { description, subjectUnit, officialName, amountDemanded, incidentDate } = message.complaint;
  return {
    description,
    subjectUnit,
    officialName,
    amountDemanded,
    incidentDate,
    language: message.language,
    receivedAt: message.receivedAt,
  };
}

/** The earliest receive time a related case may have. */
export function relatedSince(receivedAt: string): string {
  return new Date(Date.parse(receivedAt) - RELATED_WINDOW_DAYS * DAY_MS).toISOString();
}

/**
 * What related cases share: the unit and the official, the name normalised (劉 = 刘, spacing, case) and hashed,
 * so one exact index lookup finds them and no name sits in a key. Undefined when either is missing.
 */
export function subjectKey(
  unitId: string | null | undefined,
  officialName: string | undefined,
): string | undefined {
  const official = normaliseName(officialName ?? '');
  if (!unitId || official === '') return undefined;
  return `SUBJECT#${unitId}#${createHash('sha256').update(official).digest('base64url').slice(0, 22)}`;
}

export function linkableOf(record: Case): LinkableCase {
  return {
    reference: record.reference,
    unitId: record.unitId ?? null,
    officialName: record.complaint.officialName ?? null,
    receivedAt: record.receivedAt,
  };
}

export function applyTriage(
  record: Case,
  result: TriageResult,
  relatedCases: readonly string[],
  now: Date,
): Case {
  return {
    ...record,
    status: 'triaged',
    category: result.category,
    severity: result.severity,
    unitId: result.unitId,
    bodyId: result.bodyId,
    triageReasons: result.reasons,
    triageConfidence: result.confidence,
    ...(result.needsReview ? { needsReview: true } : {}),
    ...(relatedCases.length > 0 ? { relatedCases: [...relatedCases] } : {}),
    updatedAt: now.toISOString(),
    history: [
      ...record.history,
      {
        at: now.toISOString(),
        actor: SYSTEM_ACTOR,
        action: 'triaged',
        note: `${result.category}/${result.severity} → ${result.bodyId}${result.needsReview ? ' (needs review)' : ''}`,
      },
    ],
  };
}

/** A failed triage never loses the complaint: the case is kept as received and marked for a person. */
export function flagForManualTriage(record: Case, failure: string, now: Date): Case {
  return {
    ...record,
    needsManualTriage: true,
    updatedAt: now.toISOString(),
    history: [
      ...record.history,
      { at: now.toISOString(), actor: SYSTEM_ACTOR, action: 'triage-failed', note: failure },
    ],
  };
}

/** A new case records at most this many of its most recent related cases; the index has the rest. */
export const MAX_RECORDED_RELATED = 10;

/** The receive times within which cases are related to one received at `receivedAt`, as ISO strings. */
export function relatedWindow(receivedAt: string): { since: string; until: string } {
  const at = Date.parse(receivedAt);
  return {
    since: new Date(at - RELATED_WINDOW_DAYS * DAY_MS).toISOString(),
    until: new Date(at + RELATED_WINDOW_DAYS * DAY_MS).toISOString(),
  };
}
