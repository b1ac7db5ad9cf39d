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
// Spaces, not line breaks: a line break ends a sentence (clauses.ts) and is kept, one for a run of them.
const HAN_GAP = /(\p{Script=Han})[^\S\n]+(?=\p{Script=Han})/gu;
const LINE_BREAKS = /\s*\n\s*/gu;
const WHITESPACE = /[^\S\n]+/gu;
const CURLY_APOSTROPHE = /[‘’]/gu;

/** NFKC (full-width letters, digits, ￥ and punctuation), Traditional → Simplified, lower case, tidy spaces. */
export function normaliseText(text: string): string {
  return tidied(text).replace(HAN_GAP, '$1').trim();
}

function tidied(text: string): string {
  const folded = text.normalize('NFKC');
  // English needs no conversion, and half the lexicon is English: skipping it keeps a cold start short.
  return (ASCII.test(folded) ? folded : toSimplified(folded))
    .toLowerCase()
    .replace(CURLY_APOSTROPHE, "'")
    .replace(LINE_BREAKS, '\n')
    .replace(WHITESPACE, ' ');
}

/** Stands for a removed gap while its place is found; never in normalised text (NFKC keeps no NUL). */
const PAUSE = '\u0000';
// biome-ignore lint/suspicious/noControlCharactersInRegex: NUL is the marker because no complaint's text holds one
const PAUSE_MARK = /\u0000/gu;

/**
 * The normalised text, and where in it a space between two Chinese characters was taken out: in a transcript
 * ("三个月了 奶奶住院") such a gap is a pause, which ends a clause as a comma does, though terms are matched across
 * it ("三角 服务中心" still names the centre).
 */
export function normaliseWithPauses(text: string): { text: string; pauses: number[] } {
  const marked = tidied(text.replace(PAUSE_MARK, ' ')).replace(HAN_GAP, `$1${PAUSE}`).trim();
  const pauses: number[] = [];
  let removed = 0;
  for (const match of marked.matchAll(PAUSE_MARK)) {
    pauses.push(match.index - removed);
    removed += 1;
  }
  return { text: marked.replace(PAUSE_MARK, ''), pauses };
}

const NAME_NOISE = /[\s·.•・\-_'’]+/gu;

/** A person's name as a comparison key: "Liu  Xiaofeng", "liu-xiaofeng" and 劉曉峰/刘晓峰 each meet one form. */
export function normaliseName(name: string): string {
  return normaliseText(name).replace(NAME_NOISE, '');
}
