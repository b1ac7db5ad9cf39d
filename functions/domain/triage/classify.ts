// Decides what kind of wrongdoing a complaint describes and how severe it is, from the lexicon alone,
// recording the matched terms and figures behind each decision.
import { findAmounts, findDemands } from './amount.ts';
import { extractDurations } from './duration.ts';
import type { Lexicon } from './lexicon.ts';
import {
  type Category,
  LEXICON_CATEGORIES,
  type LexiconCategory,
  type Severity,
  type TriageReason,
} from './model.ts';
import type { Quantity } from './numbers.ts';
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
}

export interface Classification {
  readonly category: Category;
  readonly severity: Severity;
  readonly reasons: TriageReason[];
}

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
  const delays = extractDurations(text);
  const days = delays.length === 0 ? 0 : Math.max(...delays);
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
  text: string,
  stated: readonly Quantity[],
  amountDemanded: number | null,
  tables: ClassifierTables,
) {
  const reasons: TriageReason[] = [];
  const fromText = stated.length === 0 ? null : Math.max(...stated.map((amount) => amount.value));
  const amount = Math.max(amountDemanded ?? -1, fromText ?? -1);
  if (amount >= tables.criticalAmount) {
    const source = amount === amountDemanded ? 'field' : 'text';
    reasons.push({ rule: 'severity.amount', amount, threshold: tables.criticalAmount, source });
  }
  const cues = [
    ['severity.threat', tables.threat],
    ['severity.repeated', tables.repeated],
    ['severity.several-people', tables.severalPeople],
  ] as const;
  for (const [rule, terms] of cues) {
    const { matched } = matchTerms(text, terms, tables.negation);
    if (matched.length > 0) reasons.push({ rule, terms: [...matched] });
  }
  return reasons;
}

function obstructionAggravations(text: string, tables: ClassifierTables): TriageReason[] {
  const delays = extractDurations(text);
  const days = delays.length === 0 ? 0 : Math.max(...delays);
  return days >= tables.highDelayDays
    ? [{ rule: 'severity.delay', days, threshold: tables.highDelayDays }]
    : [];
}

/** `text` is the normalised description; `amountDemanded` the form's field, already read as yuan. */
export function classifyComplaint(
  text: string,
  amountDemanded: number | null,
  tables: ClassifierTables,
): Classification {
  const reasons: TriageReason[] = [];
  const negated = new Set<string>();
  const amounts = findAmounts(text, tables.amountCues);
  let category: Category = 'other';
  for (const { category: candidate, terms } of tables.categories) {
    const matches = matchTerms(text, terms, tables.negation);
    for (const term of matches.negated) negated.add(term);
    const matched: string[] =
      candidate === 'solicitation'
        ? [...matches.matched, ...findDemands(text, amounts, tables.demandCues, tables.negation)]
        : [...matches.matched];
    if (matched.length === 0) continue;
    if (category === 'other') {
      category = candidate;
      reasons.push({ rule: `category.${candidate}`, terms: matched });
    } else {
      reasons.push({ rule: 'category.also', category: candidate, terms: matched });
    }
  }
  const reading = category === 'other' ? fallbackReading(text, amounts, tables) : null;
  if (reading !== null) {
    category = reading.category;
    reasons.unshift({ rule: `category.${reading.category}`, terms: reading.terms });
  }
  if (category === 'other') reasons.unshift({ rule: 'category.other' });
  if (negated.size > 0) reasons.push({ rule: 'category.negated', terms: [...negated] });

  let severity = BASE_SEVERITY[category];
  reasons.push({ rule: 'severity.category', category, severity });
  if (category === 'solicitation') {
    const aggravations = solicitationAggravations(text, amounts, amountDemanded, tables);
    if (aggravations.length > 0) severity = 'critical';
    reasons.push(...aggravations);
  } else if (category === 'obstruction') {
    const aggravations = obstructionAggravations(text, tables);
    if (aggravations.length > 0) severity = 'high';
    reasons.push(...aggravations);
  }
  return { category, severity, reasons };
}
