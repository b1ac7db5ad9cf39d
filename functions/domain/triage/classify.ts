// Decides what kind of wrongdoing a complaint describes and how severe it is, from the lexicon alone,
// recording the matched terms and figures behind each decision.
import { findAmounts, findBareSums, findDemands } from './amount.ts';
import { extractDelays } from './duration.ts';
import { textFeatures } from './features.ts';
import type { Lexicon } from './lexicon.ts';
import {
  type Category,
  LEXICON_CATEGORIES,
  type LexiconCategory,
  type Severity,
  type TriageReason,
} from './model.ts';
import type { Quantity } from './numbers.ts';
import { type CompiledModel, featureVector, predict } from './scoring.ts';
import { type CompiledNegation, type CompiledTerm, compileTerms, matchTerms } from './terms.ts';

export interface ClassifierTables {
  /** In order of precedence. */
  readonly categories: readonly {
    readonly category: LexiconCategory;
    readonly terms: readonly CompiledTerm[];
  }[];
  readonly threat: readonly CompiledTerm[];
  readonly repeated: readonly CompiledTerm[];
  readonly severalPeople: readonly CompiledTerm[];
  readonly amountCues: readonly CompiledTerm[];
  readonly demandCues: readonly CompiledTerm[];
  readonly negation: CompiledNegation;
  readonly criticalAmount: number;
  readonly highDelayDays: number;
  readonly fallback?: { readonly delayDays: number; readonly conditionCues: readonly CompiledTerm[] };
  readonly context: readonly { readonly kind: ContextKind; readonly terms: readonly CompiledTerm[] }[];
}

const CONTEXT_KINDS = ['praise', 'question', 'outside'] as const;
type ContextKind = (typeof CONTEXT_KINDS)[number];

export interface Classification {
  readonly category: Category;
  readonly severity: Severity;
  /** How sure triage is of the category, 0–1: the model's probability for it, or a rule's fixed trust. */
  readonly confidence: number;
  readonly reasons: TriageReason[];
}

/** How the lexicon and the model combine; see docs/triage.md, "How the lexicon and the model combine". */
export interface CombinationRule {
  /** A lexicon category stands when the model gives it at least this probability. */
  readonly lexiconFloor: number;
  /** How many of the model's strongest features a reason shows. */
  readonly explainFeatures: number;
}

export const DEFAULT_COMBINATION: CombinationRule = { lexiconFloor: 0.5, explainFeatures: 5 };

const both = (terms: { zh: string[]; en: string[] }) => [...terms.zh, ...terms.en];

export function compileClassifier(lexicon: Lexicon): ClassifierTables {
  const { severity, negation } = lexicon;
  return {
    categories: LEXICON_CATEGORIES.map((category) => ({
      category,
      terms: compileTerms(both(lexicon.categories[category])),
    })),
    threat: compileTerms(both(severity.threat)),
    repeated: compileTerms(both(severity.repeated)),
    severalPeople: compileTerms(both(severity.severalPeople)),
    // A verb of demanding also marks the number after it as money ("开口就是三千").
    amountCues: compileTerms([...both(lexicon.amount.cues), ...both(lexicon.amount.demandCues)]),
    demandCues: compileTerms(both(lexicon.amount.demandCues)),
    negation: {
      negators: compileTerms(both(negation.negators), true),
      exceptions: compileTerms(negation.exceptions),
      scopeBreakers: compileTerms(negation.scopeBreakers, true),
      window: negation.window,
    },
    criticalAmount: severity.criticalAmount,
    highDelayDays: severity.highDelayDays,
    context: CONTEXT_KINDS.map((kind) => ({
      kind,
      terms: lexicon.context === undefined ? [] : compileTerms(both(lexicon.context[kind])),
    })),
    ...(lexicon.fallback === undefined
      ? {}
      : {
          fallback: {
            delayDays: lexicon.fallback.delayDays,
            conditionCues: compileTerms(both(lexicon.fallback.conditionCues)),
          },
        }),
  };
}

/**
 * When no term matched: money paid or asked for on a condition reads as solicitation, a long wait as
 * obstruction. The reason names the evidence, so an investigator sees this was a reading, not a term.
 */
function fallbackReading(
  text: string,
  amounts: readonly Quantity[],
  tables: ClassifierTables,
): { category: LexiconCategory; terms: string[] } | null {
  if (tables.fallback === undefined) return null;
  const conditions = matchTerms(text, tables.fallback.conditionCues, tables.negation).matched;
  const money = amounts[0];
  if (money !== undefined && conditions.length > 0) {
    return { category: 'solicitation', terms: [text.slice(money.start, money.end), ...conditions] };
  }
  const days = longestDelay(text);
  if (days >= tables.fallback.delayDays) return { category: 'obstruction', terms: [`${days} days`] };
  return null;
}

const BASE_SEVERITY: Readonly<Record<Category, Severity>> = {
  solicitation: 'high',
  misconduct: 'high',
  obstruction: 'normal',
  attitude: 'low',
  other: 'low',
};

function solicitationAggravations(
  signals: Signals,
  amountDemanded: number | null,
  tables: ClassifierTables,
): TriageReason[] {
  const reasons: TriageReason[] = [];
  const stated = [...signals.amounts, ...signals.bareSums];
  const fromText = stated.length === 0 ? null : Math.max(...stated.map((amount) => amount.value));
  const amount = Math.max(amountDemanded ?? -1, fromText ?? -1);
  if (amount >= tables.criticalAmount) {
    const source = amount === amountDemanded ? 'field' : 'text';
    reasons.push({ rule: 'severity.amount', amount, threshold: tables.criticalAmount, source });
  }
  const cues = [
    ['severity.threat', signals.threat],
    ['severity.repeated', signals.repeated],
    ['severity.several-people', signals.severalPeople],
  ] as const;
  for (const [rule, terms] of cues) if (terms.length > 0) reasons.push({ rule, terms: [...terms] });
  return reasons;
}

/** What the lexicon and the extractors read in a complaint, before any decision. */
export interface Signals {
  /** Categories with un-negated terms (demands included), in order of precedence. */
  readonly matches: readonly { readonly category: LexiconCategory; readonly terms: string[] }[];
  readonly negated: readonly string[];
  readonly amounts: readonly Quantity[];
  /** Figures with neither currency nor counter: sums only once the complaint reads as a solicitation. */
  readonly bareSums: readonly Quantity[];
  /** The fallback reading (money on a condition, a long wait), whether or not a term matched. */
  readonly reading: { category: LexiconCategory; terms: string[] } | null;
  /** The longest stated delay, in days (a date long ago counts only when the wait goes on). */
  readonly delayDays: number;
  readonly threat: readonly string[];
  readonly repeated: readonly string[];
  readonly severalPeople: readonly string[];
  /** Kinds of context found (praise, question, outside), for the model only. */
  readonly context: readonly ContextKind[];
}

export function readSignals(text: string, tables: ClassifierTables): Signals {
  const negated = new Set<string>();
  const amounts = findAmounts(text, tables.amountCues);
  const matches: { category: LexiconCategory; terms: string[] }[] = [];
  for (const { category, terms } of tables.categories) {
    const found = matchTerms(text, terms, tables.negation);
    for (const term of found.negated) negated.add(term);
    const matched: string[] =
      category === 'solicitation'
        ? [...found.matched, ...findDemands(text, amounts, tables.demandCues, tables.negation)]
        : [...found.matched];
    if (matched.length > 0) matches.push({ category, terms: matched });
  }
  const cue = (terms: readonly CompiledTerm[]) => [...matchTerms(text, terms, tables.negation).matched];
  return {
    matches,
    negated: [...negated],
    amounts,
    bareSums: findBareSums(text),
    reading: fallbackReading(text, amounts, tables),
    delayDays: longestDelay(text),
    threat: cue(tables.threat),
    repeated: cue(tables.repeated),
    severalPeople: cue(tables.severalPeople),
    context: tables.context.filter(({ terms }) => cue(terms).length > 0).map(({ kind }) => kind),
  };
}

function longestDelay(text: string): number {
  const delays = extractDelays(text);
  return delays.length === 0 ? 0 : Math.max(...delays);
}

/** The lexicon's readings as named features for the model ("#lex:attitude", "#money:1000", …). */
export function signalFeatures(signals: Signals, amountDemanded: number | null): string[] {
  const features = signals.matches.map(({ category }) => `#lex:${category}`);
  if (signals.matches.length === 0) features.push('#lex:none');
  if (signals.negated.length > 0) features.push('#negated');
  if (signals.reading !== null) features.push(`#reading:${signals.reading.category}`);
  const money = Math.max(amountDemanded ?? 0, ...signals.amounts.map((amount) => amount.value));
  if (money > 0) features.push('#money');
  if (money >= 1000) features.push('#money:1000');
  if (amountDemanded !== null) features.push('#field:amount');
  if (signals.delayDays >= 14) features.push('#delay:14');
  if (signals.threat.length > 0) features.push('#threat');
  if (signals.repeated.length > 0) features.push('#repeated');
  for (const kind of signals.context) features.push(`#${kind}`);
  return features;
}

function severityOf(
  category: Category,
  signals: Signals,
  amountDemanded: number | null,
  tables: ClassifierTables,
): { severity: Severity; reasons: TriageReason[] } {
  const base = BASE_SEVERITY[category];
  const reasons: TriageReason[] = [{ rule: 'severity.category', category, severity: base }];
  if (category === 'solicitation') {
    const aggravations = solicitationAggravations(signals, amountDemanded, tables);
    reasons.push(...aggravations);
    return { severity: aggravations.length > 0 ? 'critical' : base, reasons };
  }
  if (category === 'obstruction' && signals.delayDays >= tables.highDelayDays) {
    reasons.push({ rule: 'severity.delay', days: signals.delayDays, threshold: tables.highDelayDays });
    return { severity: 'high', reasons };
  }
  return { severity: base, reasons };
}

/** Without a model: the lexicon alone, by precedence, then the fallback readings. */
function decideByLexicon(signals: Signals): {
  category: Category;
  confidence: number;
  reasons: TriageReason[];
} {
  const [first, ...rest] = signals.matches;
  if (first !== undefined) {
    return {
      category: first.category,
      confidence: 1,
      reasons: [
        { rule: `category.${first.category}`, terms: first.terms },
        ...rest.map(({ category, terms }): TriageReason => ({ rule: 'category.also', category, terms })),
      ],
    };
  }
  if (signals.reading !== null) {
    const { category, terms } = signals.reading;
    return { category, confidence: 0.5, reasons: [{ rule: `category.${category}`, terms }] };
  }
  return { category: 'other', confidence: 0.5, reasons: [{ rule: 'category.other' }] };
}

const round = (value: number) => Math.round(value * 1000) / 1000;

/**
 * With a model: the first lexicon category the model finds plausible (probability ≥ the floor) stands,
 * since explicit terms are precise; otherwise the model decides. The lexicon's readings are also the
 * model's input, so it has learnt how far to trust each one.
 */
function decideWithModel(
  text: string,
  signals: Signals,
  amountDemanded: number | null,
  model: CompiledModel,
  rule: CombinationRule,
  facts: readonly string[],
): { category: Category; confidence: number; reasons: TriageReason[] } {
  const prediction = predict(
    model,
    featureVector(textFeatures(text), [...signalFeatures(signals, amountDemanded), ...facts]),
  );
  const { probabilities } = prediction;
  const standing = signals.matches.find(({ category }) => probabilities[category] >= rule.lexiconFloor);
  const category: Category = standing?.category ?? prediction.best;
  const reasons: TriageReason[] = [];
  const matched = signals.matches.find((match) => match.category === category);
  reasons.push(
    category === 'other'
      ? { rule: 'category.other' }
      : { rule: `category.${category}`, terms: matched?.terms ?? [] },
  );
  reasons.push({
    rule: 'category.model',
    decidedBy: standing === undefined ? 'model' : 'lexicon',
    category,
    probability: round(probabilities[category]),
    features: prediction.strongest(category, rule.explainFeatures),
    model: model.version,
  });
  for (const match of signals.matches) {
    if (match.category === category) continue;
    reasons.push(
      probabilities[match.category] >= rule.lexiconFloor
        ? { rule: 'category.also', category: match.category, terms: match.terms }
        : {
            rule: 'category.overruled',
            category: match.category,
            terms: match.terms,
            probability: round(probabilities[match.category]),
          },
    );
  }
  return { category, confidence: round(probabilities[category]), reasons };
}

/**
 * `text` is the normalised description; `amountDemanded` the form's field, already read as yuan; `facts` what
 * the rest of triage found, as named features for the model (`subjectFeatures`: "#unit:none", …).
 */
export function classifyComplaint(
  text: string,
  amountDemanded: number | null,
  tables: ClassifierTables,
  model?: CompiledModel,
  rule: CombinationRule = DEFAULT_COMBINATION,
  facts: readonly string[] = [],
): Classification {
  const signals = readSignals(text, tables);
  const decision =
    model === undefined
      ? decideByLexicon(signals)
      : decideWithModel(text, signals, amountDemanded, model, rule, facts);
  const reasons = [...decision.reasons];
  if (signals.negated.length > 0) reasons.push({ rule: 'category.negated', terms: [...signals.negated] });
  const severity = severityOf(decision.category, signals, amountDemanded, tables);
  reasons.push(...severity.reasons);
  return {
    category: decision.category,
    severity: severity.severity,
    confidence: decision.confidence,
    reasons,
  };
}
