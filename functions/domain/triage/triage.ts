// Triage of one complaint: classify it, find whom it is about, and assign the investigating body,
// with the reasons for each step and a confidence. Throws ConflictOfInterestError when no body is free.
import { readAmountDemanded } from './amount.ts';
import { classifyComplaint } from './classify.ts';
import type { TriageConfig } from './config.ts';
import type { TriageInput, TriageReason, TriageResult } from './model.ts';
import { normaliseText } from './normalise.ts';
import { assignBody } from './route.ts';
import { findNamedPeople, findSubjectUnit, subjectFeatures } from './subject.ts';

export function triage(input: TriageInput, config: TriageConfig): TriageResult {
  const text = normaliseText(input.description);
  const amountDemanded =
    input.amountDemanded === null || input.amountDemanded === undefined
      ? null
      : readAmountDemanded(input.amountDemanded, normaliseText);
  // The subject first: whether the complaint names an office at all is one of the model's features.
  const subject = findSubjectUnit(input.subjectUnit, text, config.routing);
  const classification = classifyComplaint(
    text,
    amountDemanded,
    config.classifier,
    config.model,
    config.combination,
    subjectFeatures(subject, config.routing),
  );
  const namedPeople = findNamedPeople(input.officialName, text, config.routing);
  // Only a solicitation or misconduct is a wrong of the office named; a complaint of delay, manner or
  // anything else may be about how a body the reporter already turned to handled it.
  const mayBeAboutTheBody =
    classification.category !== 'solicitation' && classification.category !== 'misconduct';
  const assignment = assignBody(
    {
      unitId: subject.unitId,
      severity: classification.severity,
      namedPeople,
      ...(mayBeAboutTheBody && subject.alreadyTold ? { alreadyTold: subject.alreadyTold } : {}),
    },
    config.routing,
  );
  const confidence = Math.min(classification.confidence, subject.confidence);
  const needsReview = confidence < config.reviewThreshold;
  const review: TriageReason[] = needsReview
    ? [{ rule: 'review.low-confidence', confidence, threshold: config.reviewThreshold }]
    : [];
  return {
    category: classification.category,
    severity: classification.severity,
    unitId: subject.unitId,
    bodyId: assignment.bodyId,
    confidence,
    ...(needsReview ? { needsReview } : {}),
    reasons: [
      ...classification.reasons,
      ...subject.passedOver,
      subject.reason,
      ...assignment.reasons,
      ...review,
    ],
  };
}
