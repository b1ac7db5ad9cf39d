// Which triage decisions a person should check: the review flags. A case is routed as decided all the same; each
// flag names a kind of decision that is often wrong, so a supervisor's list shows why a case is worth a look.
// docs/triage.md, "Review flags". The limits were chosen by leave-one-writer-out cross-validation (bench/triage.ts).
import type { Classification } from './classify.ts';
import type { TriageReason } from './model.ts';
import type { SubjectFinding } from './subject.ts';

/** When a decision is flagged for review. */
export interface ReviewRule {
  /** `category-uncertain`: the model chose the category and its probability is below this … */
  readonly categoryProbability: number;
  /**
   * … or the lexicon or a rule of R-cat-3 chose it and the model's probability for it is below this (the model
   * disagrees with the words read: more often wrong than a model's own choice at the same probability) …
   */
  readonly categoryProbabilityLexicon: number;
  /** … or the next category's is within this margin of it. */
  readonly categoryMargin: number;
  /** `unit-guess`: the unit was picked among several offering the service named, with no place to decide. */
  readonly unitGuess: boolean;
  /**
   * `severity-borderline`: a solicitation read as `high` although a word of recurrence, of many people or of a
   * report stands in its text: the demand beside it, or the harm after it, may have been missed (R-repeat-1,
   * R-several-1, R-threat-1).
   */
  readonly severityBorderline: boolean;
  /**
   * `subject-body`: a discipline body was taken as the subject while the text names another office too, by name or
   * by its service. The body is often the one the reporter turned to, thanked or asks (R-unit-4), and the office
   * the subject; routing then sends the case a level too high.
   */
  readonly subjectBody: boolean;
  /**
   * `severity-condition`: a solicitation read as `high` although a threat's condition or a refusal told as done
   * stands in its text: what follows it may be harm told in words no list holds (R-threat-1).
   */
  readonly severityCondition: boolean;
}

export const DEFAULT_REVIEW_RULE: ReviewRule = {
  categoryProbability: 0.76,
  categoryProbabilityLexicon: 0.96,
  categoryMargin: 0.47,
  unitGuess: false,
  severityBorderline: true,
  subjectBody: false,
  severityCondition: true,
};

export interface ReviewInput {
  readonly classification: Pick<
    Classification,
    'confidence' | 'margin' | 'decidedBy' | 'aggravationWords' | 'conditionWords'
  >;
  readonly subject: Pick<SubjectFinding, 'reason' | 'officesBesideBody'>;
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/** The review reasons of one triage, one per flag raised; none when nothing is in doubt. */
export function reviewFlags(input: ReviewInput, rule: ReviewRule): TriageReason[] {
  const reasons: TriageReason[] = [];
  const { confidence, margin, decidedBy } = input.classification;
  const limit = decidedBy === 'model' ? rule.categoryProbability : rule.categoryProbabilityLexicon;
  if (confidence < limit || margin < rule.categoryMargin) {
    reasons.push({
      rule: 'review.flag',
      flag: 'category-uncertain',
      detail: `probability ${round(confidence)}, margin ${round(margin)}`,
    });
  }
  // Read by classify only for a solicitation left `high`, so any word found is one beside such a reading.
  const { aggravationWords } = input.classification;
  if (rule.severityBorderline && aggravationWords.length > 0) {
    reasons.push({
      rule: 'review.flag',
      flag: 'severity-borderline',
      detail: aggravationWords.join(', '),
    });
  }
  const { conditionWords } = input.classification;
  if (rule.severityCondition && conditionWords.length > 0) {
    reasons.push({ rule: 'review.flag', flag: 'severity-condition', detail: conditionWords.join(', ') });
  }
  const { reason, officesBesideBody } = input.subject;
  if (rule.subjectBody && officesBesideBody !== undefined) {
    reasons.push({ rule: 'review.flag', flag: 'subject-body', detail: officesBesideBody.join(', ') });
  }
  if (rule.unitGuess && reason.rule === 'unit.service' && reason.candidates !== undefined) {
    reasons.push({ rule: 'review.flag', flag: 'unit-guess', detail: reason.candidates.join(', ') });
  }
  return reasons;
}
