// Where a sentence or a clause of a complaint begins and ends, so that a cue is read only with the words it
// belongs to ("within its sentence", "in the same clause": docs/triage.md, "Sentences and clauses").

/**
 * A sentence ends at 。！？；, their ASCII forms, a line break, or an English full stop followed by a space (a
 * full stop between digits is a decimal point; one at the very end ends the text anyway). A comma does not.
 */
const SENTENCE_END = /[。！？!?；;\n]|\.(?=\s)/gu;
/** A clause also ends at a comma, an enumeration comma or a colon. */
const CLAUSE_END = /[。！？!?；;\n，,、：:]|\.(?=\s)/gu;

export interface Span {
  readonly start: number;
  readonly end: number;
}

function spanAround(text: string, at: number, ends: RegExp, pauses: readonly number[] = []): Span {
  let start = 0;
  let end = text.length;
  for (const match of text.matchAll(ends)) {
    if (match.index < at) start = match.index + match[0].length;
    else {
      end = match.index;
      break;
    }
  }
  // A pause (a gap a transcript left between two characters, see normaliseWithPauses) sits before `pause`.
  for (const pause of pauses) {
    if (pause <= at && pause > start) start = pause;
    if (pause > at && pause < end) end = pause;
  }
  return { start, end };
}

/** The sentence that holds the character at `at`. */
export function sentenceAround(text: string, at: number): Span {
  return spanAround(text, at, SENTENCE_END);
}

/** The clause that holds the character at `at`; `pauses` end clauses too (normaliseWithPauses). */
export function clauseAround(text: string, at: number, pauses: readonly number[] = []): Span {
  return spanAround(text, at, CLAUSE_END, pauses);
}
