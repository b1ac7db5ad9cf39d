// Phone numbers as people type them, read to E.164 by libphonenumber-js with the rules of the regions served.
import { readFileSync } from 'node:fs';
import max from 'libphonenumber-js/max/metadata';
import { describe, expect, it } from 'vitest';
import { compiledPhoneFiles, phoneMetadataFor } from '#config/phone-compile.ts';
import { PHONE_METADATA_FILE, PHONE_REGIONS } from '#config/phone-regions.ts';
import { e164 } from '#domain/phone.ts';

const MOBILE = '+8613800138000';
const CHONGQING_LANDLINE = '+862355501001';

describe('e164', () => {
  it.each([
    '13800138000',
    '138 0013 8000',
    '138-0013-8000',
    '138.0013.8000',
    '138–0013–8000',
    ' 138 0013 8000 ',
    '+8613800138000',
    '+86 138 0013 8000',
    '+86-138-0013-8000',
    '+ 86 138 0013 8000',
    '(+86) 138 0013 8000',
    // The bug: the hand-written conversion made `0086 138…` into +868613800138000.
    '0086 138 0013 8000',
    '0086-13800138000',
    '008613800138000',
    // The country code without its plus, as people copy it.
    '86-138 0013 8000',
    '86 138 0013 8000',
    '8613800138000',
    // Full-width, from a Chinese input method.
    '＋８６ １３８ ００１３ ８０００',
    '１３８００１３８０００',
    '（＋８６）１３８－００１３－８０００',
  ])('reads the mainland mobile %j', (typed) => {
    expect(e164(typed)).toBe(MOBILE);
  });

  it.each([
    '(023) 5550 1001',
    '023-5550-1001',
    '023 55501001',
    '02355501001',
    '+86 23 5550 1001',
    '+86 (23) 5550 1001',
    '+86 (0)23 5550 1001',
    '0086 23 5550 1001',
    '（０２３）５５５０ １００１',
    '０２３－５５５０－１００１',
  ])('reads the Chongqing landline %j', (typed) => {
    expect(e164(typed)).toBe(CHONGQING_LANDLINE);
  });

  it.each([
    ['010-6512 3456', '+861065123456'],
    ['(010) 6512 3456', '+861065123456'],
    ['0755-8888 8888', '+8675588888888'],
    ['400 123 4567', '+864001234567'],
    ['17012345678', '+8617012345678'],
    ['199 1234 5678', '+8619912345678'],
  ])('reads other mainland numbers: %j', (typed, expected) => {
    expect(e164(typed)).toBe(expected);
  });

  it.each([
    ['+852 9123 4567', '+85291234567'],
    ['00852 9123 4567', '+85291234567'],
    ['(+852) 2123 4567', '+85221234567'],
    ['+853 6612 3456', '+85366123456'],
    ['+886 912 345 678', '+886912345678'],
    ['00886 912 345 678', '+886912345678'],
    ['+886 2 2345 6789', '+886223456789'],
    ['＋８８６ ９１２ ３４５ ６７８', '+886912345678'],
  ])('reads Hong Kong, Macao and Taiwan numbers given with their country code: %j', (typed, expected) => {
    expect(e164(typed)).toBe(expected);
  });

  it.each([
    '',
    ' ',
    '+',
    'abc',
    '13800138000abc',
    'tel:13800138000',
    '138 0013 8000😀',
    '13800138000\u0000',
    '110',
    '12345',
    '5550 1001',
    '1380013800',
    '138001380001',
    '12345678901',
    '99999999999',
    '+86 123',
    '+86 000 0000 0000',
    '+86 852 9123 4567',
    '++8613800138000',
    '138+0013+8000',
    '138 0013 8000 / 139 0013 9000',
    '138 0013 8000，139 0013 9000',
    '023 5550 1001 ext 8001',
    '023-5550-1001转8001',
    // Hong Kong and Taiwan numbers need their country code: without it, they are read as mainland ones.
    '852 9123 4567',
    '0912 345 678',
    // Outside the regions served.
    '+1 202 555 0143',
    '+44 20 7946 0000',
    '(+1) 202 555 0143',
    '9'.repeat(41),
    '__proto__',
  ])('refuses %j', (typed) => {
    expect(e164(typed)).toBeUndefined();
  });
});

describe('the phone-number rules shipped (config/compiled/phone-metadata.json)', () => {
  it("are the package's complete rules for the regions served, and only those", () => {
    const shipped = JSON.parse(
      readFileSync(new URL(`../../${PHONE_METADATA_FILE}`, import.meta.url), 'utf8'),
    );
    expect(`${JSON.stringify(shipped)}\n`).toBe(compiledPhoneFiles()[PHONE_METADATA_FILE]);
    expect(Object.keys(shipped.countries).sort()).toEqual([...PHONE_REGIONS].sort());
    expect(shipped.country_calling_codes).toEqual({
      '86': ['CN'],
      '852': ['HK'],
      '853': ['MO'],
      '886': ['TW'],
    });
    for (const region of PHONE_REGIONS) expect(shipped.countries[region]).toEqual(max.countries[region]);
  });

  it('refuse a region the package has no rules for', () => {
    expect(() => phoneMetadataFor(['CN', 'XX'])).toThrow(/XX/);
  });
});
