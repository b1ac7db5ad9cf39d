// Substring matching of lexicon terms on normalised text, which works on unsegmented Chinese, with word
// boundaries for Latin words and a small, data-driven negation rule ("没有收钱", "did not ask for money").
import { normaliseText } from './normalise.ts';

export interface CompiledTerm {
  /** The normalised form searched for. */
  readonly text: string;
  /** The form the lexicon's editor wrote, shown in reasons. */
  readonly label: string;
  /** Latin terms must start a word ("tip" must not match "stipend"); whole words must also end one. */
  readonly wholeWord: boolean;
  readonly han: boolean;
}

export interface CompiledNegation {
  readonly negators: readonly CompiledTerm[];
  readonly exceptions: readonly CompiledTerm[];
  readonly scopeBreakers: readonly CompiledTerm[];
  readonly window: { readonly han: number; readonly latin: number };
}

export interface TermMatches {
  readonly matched: readonly string[];
  readonly negated: readonly string[];
}

const WORD_CHAR = /[a-z0-9]/;
const HAN = /\p{Script=Han}/u;

export function compileTerms(terms: readonly string[], wholeWord = false): CompiledTerm[] {
  const compiled = new Map<string, CompiledTerm>();
  for (const label of terms) {
    // Punctuation breakers such as "," must survive normalisation's trim, so only letters are normalised.
    const text = label.trim() === '' ? label : normaliseText(label);
    if (text !== '' && !compiled.has(text)) {
      compiled.set(text, { text, label, wholeWord, han: HAN.test(text.charAt(0)) });
    }
  }
  return [...compiled.values()];
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD_CHAR.test(char);
}

function atBoundaries(text: string, start: number, term: CompiledTerm): boolean {
  if (isWordChar(term.text.charAt(0)) && isWordChar(text[start - 1])) return false;
  const end = start + term.text.length;
  return !(term.wholeWord && isWordChar(term.text.at(-1)) && isWordChar(text[end]));
}

/** Start indices of every occurrence of a term in `text[from, to)` that respects word boundaries. */
export function occurrences(text: string, term: CompiledTerm, from = 0, to = text.length): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(term.text, from); at !== -1; at = text.indexOf(term.text, at + 1)) {
    if (at + term.text.length > to) break;
    if (atBoundaries(text, at, term)) found.push(at);
  }
  return found;
}

/** Whether any of `terms` occurs, at its word boundaries, between `from` and `to`. */
export function contains(text: string, terms: readonly CompiledTerm[], from: number, to: number): boolean {
  return terms.some((term) => occurrences(text, term, from, to).length > 0);
}

function insideException(text: string, start: number, end: number, negation: CompiledNegation): boolean {
  return negation.exceptions.some((exception) => {
    const reach = exception.text.length;
    return occurrences(text, exception, Math.max(0, start - reach), end + reach).some(
      (at) => at <= start && at + reach >= end,
    );
  });
}

/** True when a negator stands within the window before `termStart`, with no scope breaker in between. */
export function isNegated(
  text: string,
  termStart: number,
  han: boolean,
  negation: CompiledNegation,
): boolean {
  const window = han ? negation.window.han : negation.window.latin;
  return negation.negators.some((negator) => {
    const from = Math.max(0, termStart - window - negator.text.length);
    return occurrences(text, negator, from, termStart).some((at) => {
      const end = at + negator.text.length;
      return (
        termStart - end <= window &&
        !contains(text, negation.scopeBreakers, end, termStart) &&
        !insideException(text, at, end, negation)
      );
    });
  });
}

/** Which terms occur un-negated; a term whose every occurrence is negated is reported as negated. */
export function matchTerms(
  text: string,
  terms: readonly CompiledTerm[],
  negation: CompiledNegation,
): TermMatches {
  const matched: CompiledTerm[] = [];
  const negated: CompiledTerm[] = [];
  for (const term of terms) {
    const starts = occurrences(text, term);
    if (starts.length === 0) continue;
    if (starts.some((start) => !isNegated(text, start, term.han, negation))) matched.push(term);
    else negated.push(term);
  }
  return { matched: withoutShadowed(matched), negated: withoutShadowed(negated) };
}

// "拖着" adds nothing to an explanation that already shows "拖着不办".
function withoutShadowed(terms: readonly CompiledTerm[]): string[] {
  return terms
    .filter((term) => !terms.some((other) => other !== term && other.text.includes(term.text)))
    .map((term) => term.label);
}
