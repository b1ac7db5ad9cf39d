// The Traditional → Simplified converter triage normalises with (the domain leaves it to its caller): opencc-js
// with the Taiwan and Hong Kong dictionaries. The dictionaries are data shipped beside the code
// (config/compiled/opencc/, written by `npm run compile:config` from the opencc-js package), read with the
// first text that needs converting: inside a bundle, their 120 KB of escaped text cost every cold start ~10 ms
// to scan, where reading the file costs the first conversion ~1 ms. The tables are built then too.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConverterFactory, type ConverterFunction } from 'opencc-js/core';
import type { Simplifier } from '#domain/triage/normalise.ts';

/** Where the dictionaries are shipped, from the repository root (an `assets` folder of the functions). */
export const OPENCC_DATA_FOLDER = 'config/compiled/opencc';
/** The file inside it: the dictionary groups of Taiwan → Traditional, Hong Kong → Traditional, → mainland. */
export const DICTIONARIES_FILE = 'dictionaries.json';

/** The dictionary groups, in the order ConverterFactory applies them. */
export type DictionaryGroups = Parameters<typeof ConverterFactory>;

/** A converter from dictionary groups (the shipped file's content, or the package's own modules). */
export function simplifierOf(groups: () => DictionaryGroups): Simplifier {
  let converter: ConverterFunction | undefined;
  return (text) => {
    converter ??= ConverterFactory(...groups());
    return converter(text);
  };
}

/**
 * The converter whose dictionaries are in `folder` (an OPENCC_DATA_FOLDER), read on first use. That the file is
 * there is checked now: a function shipped without it fails to start, not on its first Chinese complaint.
 */
export function simplifierIn(folder: string): Simplifier {
  const file = join(folder, DICTIONARIES_FILE);
  if (!existsSync(file))
    throw new Error(`${file} is missing: the converter's dictionaries are not shipped here`);
  return simplifierOf(() => JSON.parse(readFileSync(file, 'utf8')) as DictionaryGroups);
}
