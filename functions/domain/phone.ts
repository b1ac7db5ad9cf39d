// Phone numbers as people type them — `138 0013 8000`, `0086 138…`, `(023) 5550 1001`, `＋８６…` — read by
// libphonenumber-js with the rules of the regions the hotline serves (config/phone-regions.ts), to E.164.
import { type MetadataJson, parsePhoneNumberFromString } from 'libphonenumber-js/core';
import metadata from '#config/compiled/phone-metadata.json' with { type: 'json' };
import { HOME_PHONE_REGION, PHONE_REGIONS } from '#config/phone-regions.ts';

// The JSON's inferred type is wider than the package's (tuples read as arrays); it is the package's own data.
const rules = metadata as unknown as MetadataJson;
// What people put between digits; anything else (letters, `/` between two numbers, `ext`) is not one number.
const TYPED_NUMBER = /^[+\d\s().\-–—]+$/;

/**
 * The number in E.164 form (`+8613800138000`), or undefined when the text is not one valid number of a region
 * served: a number without a country code is read as a mainland one, as a caller there would dial it.
 */
export function e164(typed: string): string | undefined {
  // Full-width digits, plus, brackets and spaces (typed with a Chinese input method) become their ASCII selves.
  // `(+86) 138…`, as often written, is `+86 138…` (an area code in brackets, `(023)`, has no plus and is kept).
  const text = typed
    .normalize('NFKC')
    .trim()
    .replace(/^\(\s*(\+\d{1,3})\s*\)/, '$1 ');
  if (!TYPED_NUMBER.test(text) || text.length > 40) return undefined;
  const number = parsePhoneNumberFromString(
    text,
    { defaultCountry: HOME_PHONE_REGION, extract: false },
    rules,
  );
  if (number === undefined || !number.isValid() || number.ext !== undefined) return undefined;
  return (PHONE_REGIONS as readonly string[]).includes(number.country ?? '') ? number.number : undefined;
}

export const PHONE_NUMBER_ERROR =
  '请填写有效的电话号码（中国大陆、港澳台），或留下电子邮箱 / must be a valid phone number of mainland China, Hong Kong, Macao or Taiwan (or give an email address)';
