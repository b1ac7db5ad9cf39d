// Triage of one complaint: classify it, find whom it is about, and assign the investigating body,
// with the reasons for each step, a confidence and the review flags. Throws ConflictOfInterestError when no body
// is free.
import { type ClassifierTables, classifyComplaint } from './classify.ts';
import { sentenceAround } from './clauses.ts';
import type { TriageConfig } from './config.ts';
import { findDates, isoOf, localDayOf } from './dates.ts';
import { readAmountField } from './demand.ts';
import type { TriageInput, TriageReason, TriageResult } from './model.ts';
import { normaliseText, normaliseWithPauses } from './normalise.ts';
import { reviewFlags } from './review.ts';
import {
  type Assignment,
  assignBody,
  ConflictOfInterestError,
  type RefusedTriage,
  type RoutingRequest,
} from './route.ts';
import { findNamedPeople, findSubjectUnit, subjectFeatures } from './subject.ts';
import { type CompiledTerm, isNegated, occurrences } from './terms.ts';

/** The form's date, else the latest date the text states on or before the day of receipt. */
function incidentDateOf(
  input: TriageInput,
  text: string,
  receivedOn: number | null,
): TriageResult['incidentDate'] {
  if (input.incidentDate) return { from: input.incidentDate, to: input.incidentDate, source: 'field' };
  const dates = findDates(text, receivedOn).filter((date) => receivedOn === null || date.to <= receivedOn);
  const latest = dates.reduce<(typeof dates)[number] | undefined>(
    (best, date) => (best === undefined || date.to > best.to ? date : best),
    undefined,
  );
  return latest === undefined
    ? undefined
    : { from: isoOf(latest.from), to: isoOf(latest.to), source: 'text' };
}

/** Whether the sentence holding `at` has an un-negated term of a category of wrongdoing (R-unit-2). */
function sentenceTellsWrong(text: string, at: number, tables: ClassifierTables): boolean {
  const { start, end } = sentenceAround(text, at);
  const told = (terms: readonly CompiledTerm[]) =>
    terms.some((term) =>
      occurrences(text, term, start, end).some((found) => !isNegated(text, found, term.han, tables.negation)),
    );
  // A demand told is a wrong told ("开口就找我要两千"), as a lexicon term is.
  return tables.categories.some(({ terms }) => told(terms)) || told(tables.demandCues);
}

/** Routes the case; a refusal (every body implicated, R-route-5) carries what was decided before it. */
function assignOrRefuse(request: RoutingRequest, config: TriageConfig, decided: RefusedTriage): Assignment {
  try {
    return assignBody(request, config.routing);
  } catch (error) {
    if (error instanceof ConflictOfInterestError) error.decided = decided;
    throw error;
  }
}

export function triage(input: TriageInput, config: TriageConfig): TriageResult {
  const { text, pauses } = normaliseWithPauses(input.description);
  const field =
    input.amountDemanded === null || input.amountDemanded === undefined
      ? null
      : readAmountField(input.amountDemanded, normaliseText, config.classifier.demand);
  const receivedOn = input.receivedAt ? localDayOf(input.receivedAt, config.utcOffsetMinutes) : null;
  // The subject first: whether the complaint names an office at all is one of the model's features.
  const subject = findSubjectUnit(input.subjectUnit, text, config.routing, (at) =>
    sentenceTellsWrong(text, at, config.classifier),
  );
  const classification = classifyComplaint(
    text,
    { field, receivedOn, pauses },
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
  const assignment = assignOrRefuse(
    {
      unitId: subject.unitId,
      severity: classification.severity,
      namedPeople,
      ...(mayBeAboutTheBody && subject.alreadyTold ? { alreadyTold: subject.alreadyTold } : {}),
    },
    config,
    { category: classification.category, severity: classification.severity, unitId: subject.unitId },
  );
  const confidence = Math.min(classification.confidence, subject.confidence);
  const review: TriageReason[] = reviewFlags({ classification, subject }, config.review);
  const incidentDate = incidentDateOf(input, text, receivedOn);
  const { delayDays } = classification.signals;
  return {
    category: classification.category,
    severity: classification.severity,
    unitId: subject.unitId,
    bodyId: assignment.bodyId,
    confidence,
    ...(review.length > 0 ? { needsReview: true } : {}),
    reasons: [
      ...classification.reasons,
      ...subject.passedOver,
      subject.reason,
      ...assignment.reasons,
      ...review,
    ],
    ...(classification.demand === undefined ? {} : { demand: classification.demand }),
    ...(incidentDate === undefined ? {} : { incidentDate }),
    ...(delayDays > 0 ? { delayDays } : {}),
  };
}
