// Text normalisation shared by the lexicon, the directory and every complaint, so that a term, an alias
// and a description typed in full-width, Traditional or mixed-case forms all meet in one spelling.
import type { ConverterFunction } from 'opencc-js/core';
import { ConverterFactory } from 'opencc-js/core';
import fromHongKong from 'opencc-js/from/hk';
import fromTaiwan from 'opencc-js/from/tw';
import toMainland from 'opencc-js/to/cn';

let toSimplified: ConverterFunction | undefined;

// Built on first use: loading the dictionaries costs a few milliseconds we only pay when text arrives.
function simplified(text: string): string {
  toSimplified ??= ConverterFactory(fromTaiwan, fromHongKong, toMainland);
  return toSimplified(text);
}

const HAN_GAP = /(\p{Script=Han})\s+(?=\p{Script=Han})/gu;
const WHITESPACE = /\s+/gu;
const CURLY_APOSTROPHE = /[‘’]/gu;

/** NFKC (full-width letters, digits, ￥ and punctuation), Traditional → Simplified, lower case, tidy spaces. */
export function normaliseText(text: string): string {
  return simplified(text.normalize('NFKC'))
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
