// What the learned classifier sees of a complaint: character n-grams of its Chinese, word n-grams of its
// English, and the lexicon's readings as named signals. Shared by training and triage, so both see alike.

const HAN_RUN = /[\p{Script=Han}0]+/gu;
const LATIN_WORD = /[a-z][a-z']*|0/gu;
const DIGITS = /[0-9]+(?:[.,][0-9]+)*/gu;
/** Runs of Chinese separated by anything else (punctuation, spaces, Latin words) are separate runs. */
const HAN_N = [1, 2, 3] as const;

// A crude stem, enough that "delayed", "delays" and "delaying" share a feature.
function stem(word: string): string {
  if (word.length > 5 && word.endsWith('ing')) return word.slice(0, -3);
  if (word.length > 4 && word.endsWith('ed')) return word.slice(0, -2);
  if (word.length > 3 && word.endsWith('s') && !word.endsWith('ss')) return word.slice(0, -1);
  return word.replace(/'s$/u, '');
}

/** The n-gram features of normalised text, each once, in a stable order. */
export function textFeatures(text: string): string[] {
  const seen = new Set<string>();
  // Figures differ from complaint to complaint; that there is one, and where, is what carries meaning.
  const folded = text.replace(DIGITS, '0');
  for (const [run] of folded.matchAll(HAN_RUN)) {
    // By characters, not UTF-16 units: a character outside the basic plane (Cantonese 𠮶, 𡃁) is two units, and
    // half of one is no text (nor valid in the artefact's JSON).
    const chars = Array.from(run);
    for (const n of HAN_N) {
      for (let at = 0; at + n <= chars.length; at += 1) seen.add(chars.slice(at, at + n).join(''));
    }
  }
  const words = [...folded.matchAll(LATIN_WORD)].map(([word]) => stem(word));
  for (const [i, word] of words.entries()) {
    if (word.length > 1) seen.add(`${word} `);
    const next = words[i + 1];
    if (next !== undefined) seen.add(`${word} ${next}`);
  }
  return [...seen];
}
