// Triage of one complaint: classify it, find whom it is about, and assign the investigating body,
// with the reasons for each step. Throws ConflictOfInterestError when no body in the directory is free.
import { readAmountDemanded } from './amount.ts';
import { classifyComplaint } from './classify.ts';
import type { TriageConfig } from './config.ts';
import type { TriageInput, TriageResult } from './model.ts';
import { normaliseText } from './normalise.ts';
import { assignBody } from './route.ts';
import { findNamedPeople, findSubjectUnit } from './subject.ts';

export function triage(input: TriageInput, config: TriageConfig): TriageResult {
  const text = normaliseText(input.description);
  const amountDemanded =
    input.amountDemanded === null || input.amountDemanded === undefined
      ? null
      : readAmountDemanded(input.amountDemanded, normaliseText);
  const { category, severity, reasons } = classifyComplaint(text, amountDemanded, config.classifier);
  const subject = findSubjectUnit(input.subjectUnit, text, config.routing);
  const namedPeople = findNamedPeople(input.officialName, text, config.routing);
  const assignment = assignBody({ unitId: subject.unitId, severity, namedPeople }, config.routing);
  return {
    category,
    severity,
    unitId: subject.unitId,
    bodyId: assignment.bodyId,
    reasons: [...reasons, subject.reason, ...assignment.reasons],
  };
}
