// Triage as a step of a case's life: what a triage result, or its failure, does to a newly opened case.
import { createHash } from 'node:crypto';
import { type Case, openCase, SYSTEM_ACTOR } from './case.ts';
import { DAY_MS } from './clock.ts';
import type { Calendar } from './deadlines/calendar.ts';
import { clocksAfter } from './deadlines/clocks.ts';
import type { DeadlineConfig } from './deadlines/config.ts';
import { snapshotOf, type Transition } from './events.ts';
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
    triageConfidence: result.confidence,
    ...(result.needsReview ? { needsReview: true } : {}),
    ...(relatedCases.length > 0 ? { relatedCases: [...relatedCases] } : {}),
    updatedAt: now.toISOString(),
  };
}

/** A failed triage never loses the complaint: the case is kept as received and marked for a person. */
export function flagForManualTriage(record: Case, now: Date): Case {
  return { ...record, needsManualTriage: true, updatedAt: now.toISOString() };
}

/** How triage went for a new case: its result and the related cases found, or why it failed. */
export type TriageOutcome =
  | { readonly result: TriageResult; readonly relatedCases: readonly string[] }
  | { readonly failure: string };

/**
 * A new case as its first transition: the head at version 1 (triaged, or waiting for a person) with its clocks, and
 * the opening event, which keeps the complaint itself, the call and triage's reasons (the sealed contact is kept
 * apart, where it can expire).
 */
export function openingTransition(
  message: IntakeMessage,
  triage: TriageOutcome,
  now: Date,
  calendar: Calendar,
  deadlines: DeadlineConfig,
): Transition & { readonly missingYears: readonly number[] } {
  const opened = openCase(message, now);
  const routed =
    'failure' in triage
      ? flagForManualTriage(opened, now)
      : applyTriage(opened, triage.result, triage.relatedCases, now);
  const { record: head, missingYears } = clocksAfter(routed, calendar, deadlines);
  const details: Record<string, unknown> = {
    complaint: message.complaint,
    ...(message.call === undefined ? {} : { call: message.call }),
    // The reporter's sealed contact (a caller's number only when they asked to be called back) is kept in an item of
    // its own, which expires by the retention rule; a number an older version queued without that request is dropped.
    ...('failure' in triage
      ? { triageFailure: triage.failure }
      : {
          triageReasons: triage.result.reasons,
          triageConfidence: triage.result.confidence,
          // What triage read of the complaint's facts, for the case page: the demand, the date, the wait.
          ...(triage.result.demand === undefined ? {} : { demand: triage.result.demand }),
          ...(triage.result.incidentDate === undefined ? {} : { incidentDate: triage.result.incidentDate }),
          ...(triage.result.delayDays === undefined ? {} : { delayDays: triage.result.delayDays }),
        }),
  };
  return {
    next: head,
    missingYears,
    event: {
      reference: message.reference,
      kind: 'opened',
      at: message.receivedAt,
      actor: message.inspection?.inspectorId ?? SYSTEM_ACTOR,
      version: 1,
      after: snapshotOf(head),
      details,
    },
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
