// Text normalisation shared by the lexicon, the directory and every complaint, so that a term, an alias
// and a description typed in full-width, Traditional or mixed-case forms all meet in one spelling.
// The Traditional → Simplified converter is injected (config/triage-config.ts wires opencc-js in), so the
// domain depends on no converter library; until one is installed, only NFKC and case folding apply.

/** Converts Traditional (Taiwan, Hong Kong) characters to Simplified; must leave Simplified text alone. */
export type Simplifier = (text: string) => string;

const identity: Simplifier = (text) => text;
let toSimplified: Simplifier = identity;

/**
 * Installs the converter every later normalisation uses. Called once at configuration load, before any
 * term, alias or complaint is normalised: the compiled tables and the case keys depend on it.
 */
export function useSimplifier(simplifier: Simplifier): void {
  toSimplified = simplifier;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: plain ASCII is exactly what is tested for
const ASCII = /^[\x00-\x7f]*$/u;
const HAN_GAP = /(\p{Script=Han})\s+(?=\p{Script=Han})/gu;
const WHITESPACE = /\s+/gu;
const CURLY_APOSTROPHE = /[‘’]/gu;

/** NFKC (full-width letters, digits, ￥ and punctuation), Traditional → Simplified, lower case, tidy spaces. */
export function normaliseText(text: string): string {
  const folded = text.normalize('NFKC');
  // English needs no conversion, and half the lexicon is English: skipping it keeps a cold start short.
  return (ASCII.test(folded) ? folded : toSimplified(folded))
    .toLowerCase()
    .replace(CURLY_APOSTROPHE, "'")
    .replace(WHITESPACE, ' ')
    .replace(HAN_GAP, '$1')
    .trim();
}

const NAME_NOISE = /[\s·.•・\-_'’]+/gu;

/** A person's name as a comparison key: "Liu  Xiaofeng", "liu-xiaofeng" and 劉曉峰/刘晓峰 each meet one form. */
export function normaliseName(name: string): string {
  return normaliseText(name).replace(NAME_NOISE, '');
}
