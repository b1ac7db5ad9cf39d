// A citizen's words are never an error: every Unicode string travels through the pipeline and comes back the
// same, and the few code points that cannot mean anything are decided on once, here.

// Noncharacters (U+FDD0–U+FDEF and the last two code points of every plane) are reserved for a program's
// internal use and never part of a text someone wrote; SQS refuses U+FFFE and U+FFFF outright.
const NONCHARACTERS =
  /[\uFDD0-\uFDEF\uFFFE\uFFFF]|[\u{1FFFE}\u{1FFFF}\u{2FFFE}\u{2FFFF}\u{3FFFE}\u{3FFFF}\u{4FFFE}\u{4FFFF}\u{5FFFE}\u{5FFFF}\u{6FFFE}\u{6FFFF}\u{7FFFE}\u{7FFFF}\u{8FFFE}\u{8FFFF}\u{9FFFE}\u{9FFFF}\u{AFFFE}\u{AFFFF}\u{BFFFE}\u{BFFFF}\u{CFFFE}\u{CFFFF}\u{DFFFE}\u{DFFFF}\u{EFFFE}\u{EFFFF}\u{FFFFE}\u{FFFFF}\u{10FFFE}\u{10FFFF}]/gu;

/**
 * The text as it is kept: a lone surrogate (half of an emoji cut off by a client) and a noncharacter each become
 * U+FFFD, the replacement character, so the reader sees that something was there. Everything else — emoji,
 * rare CJK beyond U+20000, any script — is kept exactly.
 */
export function wellFormedText(text: string): string {
  return text.toWellFormed().replace(NONCHARACTERS, '\uFFFD');
}

/**
 * JSON with every character outside printable ASCII written as a `\uXXXX` escape. Queues and other transports
 * that refuse some code points (SQS: astral planes in some implementations, U+FFFE/U+FFFF everywhere) carry it
 * unchanged, and `JSON.parse` gives back the identical string.
 */
export function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[^\x20-\x7e]/g,
    (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}
