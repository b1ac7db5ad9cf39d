// The converter's dictionaries as `npm run compile:config` ships them (config/compiled/opencc/), taken from the
// opencc-js package: only the repository's tools import the package's dictionary modules, never a function.
import fromHongKong from 'opencc-js/from/hk';
import fromTaiwan from 'opencc-js/from/tw';
import toMainland from 'opencc-js/to/cn';
import {
  DICTIONARIES_FILE,
  type DictionaryGroups,
  OPENCC_DATA_FOLDER,
  simplifierOf,
} from './simplified-chinese.ts';

const GROUPS: DictionaryGroups = [fromTaiwan, fromHongKong, toMainland];

/** The converter on the package's own dictionaries: what compiling normalises the configuration with. */
export const packagedSimplifier = simplifierOf(() => GROUPS);

/** The shipped dictionaries file, by path from the repository root. */
export function compiledOpenccFiles(): Record<string, string> {
  return { [`${OPENCC_DATA_FOLDER}/${DICTIONARIES_FILE}`]: `${JSON.stringify(GROUPS)}\n` };
}
