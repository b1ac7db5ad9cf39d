import { describe, expect, it } from 'vitest';
import { submissionReference } from '../../functions/domain/intake.ts';
import {
  caseReference,
  deriveKey,
  deriveReferenceKeys,
  formatReceiptCode,
  REFERENCE_PATTERN,
  receiptCode,
  receiptMatches,
} from '../../functions/domain/reference.ts';

const keys = deriveReferenceKeys('a-master-secret-of-at-least-32-characters');
const otherKeys = deriveReferenceKeys('another-master-secret-of-32-characters!!');

describe('case references', () => {
  it('are derived from channel and idempotency key: the same pair always gives the same reference', () => {
    expect(caseReference('web', 'key-1', keys)).toBe(caseReference('web', 'key-1', keys));
    expect(caseReference('web', 'key-1', keys)).not.toBe(caseReference('web', 'key-2', keys));
    expect(caseReference('web', 'key-1', keys)).not.toBe(caseReference('hotline', 'key-1', keys));
  });

  it('carry the channel letter and read unambiguously over the phone', () => {
    expect(caseReference('web', 'k', keys)).toMatch(/^HLW-/);
    expect(caseReference('hotline', 'k', keys)).toMatch(/^HLH-/);
    expect(caseReference('open311', 'k', keys)).toMatch(/^HLO-/);
    for (let i = 0; i < 200; i++) {
      const reference = caseReference('web', `k${i}`, keys);
      expect(reference).toMatch(REFERENCE_PATTERN);
      expect(reference.slice(4)).not.toMatch(/[ILOU]/);
    }
  });

  it('cannot be predicted without the secret', () => {
    expect(caseReference('web', 'key-1', keys)).not.toBe(caseReference('web', 'key-1', otherKeys));
  });

  it('do not collide across many submissions', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 20_000; i++) seen.add(caseReference('web', `submission-${i}`, keys));
    expect(seen.size).toBe(20_000);
  });
});

describe('receipt codes', () => {
  const reference = caseReference('web', 'key-1', keys);

  it('are sixteen digits, derived from the reference with the secret', () => {
    expect(receiptCode(reference, keys)).toMatch(/^\d{16}$/);
    expect(receiptCode(reference, keys)).toBe(receiptCode(reference, keys));
    expect(receiptCode(reference, keys)).not.toBe(receiptCode(reference, otherKeys));
  });

  it('match when typed with spaces or dashes, and only the right code matches', () => {
    const code = receiptCode(reference, keys);
    expect(receiptMatches(reference, formatReceiptCode(code), keys)).toBe(true);
    expect(receiptMatches(reference, code.replace(/(\d{4})(?=\d)/g, '$1-'), keys)).toBe(true);
    const wrong = `${(Number(code.slice(-1)) + 1) % 10}`;
    expect(receiptMatches(reference, code.slice(0, -1) + wrong, keys)).toBe(false);
    expect(receiptMatches(reference, '', keys)).toBe(false);
    expect(receiptMatches(reference, 'abcd', keys)).toBe(false);
    expect(receiptMatches(caseReference('web', 'key-2', keys), code, keys)).toBe(false);
  });

  it('are grouped in fours for people', () => {
    expect(formatReceiptCode('1234567890123456')).toBe('1234 5678 9012 3456');
  });
});

describe('derived keys', () => {
  it('are derived once per master secret, and anew when the secret changes (a rotation)', () => {
    const first = deriveReferenceKeys('first-master-secret-for-this-test');
    expect(deriveReferenceKeys('first-master-secret-for-this-test')).toBe(first);
    const second = deriveReferenceKeys('second-master-secret-for-this-test');
    expect(second.reference.equals(first.reference)).toBe(false);
    expect(second.receipt.equals(first.receipt)).toBe(false);
    expect(deriveReferenceKeys('first-master-secret-for-this-test').reference.equals(first.reference)).toBe(
      true,
    );
  });
});

// Fixed answers for one master secret: a change to any derivation (HKDF's salt or info, the HMAC input, the bits
// kept, the alphabet, the digits of a receipt code) changes these, and would void every reference a retry must
// find again and every receipt code already given to a reporter. Computed once and checked independently
// (`openssl kdf … HKDF`, `openssl dgst -sha256 -mac HMAC`); never update them to make a change pass.
describe('known answers', () => {
  const secret = 'a-master-secret-of-at-least-32-characters';

  it('derive the same purpose keys', () => {
    expect(deriveKey(secret, 'reference').toString('hex')).toBe(
      '5d11ce53655b0060adb1a7f75dc373402d3dc565a80f87ae85329429bc0b4659',
    );
    expect(deriveKey(secret, 'receipt').toString('hex')).toBe(
      'e0a05cfe431089f5010c7a1692f503ea00afeb27e97aa907834a7e8d1419e346',
    );
    expect(deriveKey(secret, 'contact').toString('hex')).toBe(
      'ba2bc45d3ce5e6581d9c5d79d38fc79fc2ff3fd61aae875aa450f981cd808f0b',
    );
  });

  it.each([
    ['web', 'key-1', 'HLW-YTTS9-CN0YH', '9876701557681327'],
    ['hotline', 'CA0123456789abcdef', 'HLH-XYR9D-YMTM8', '7933142889136093'],
    ['open311', '0d9f3c1e-5b1a-4d8e-9f57-3c2f1a7b9e01', 'HLO-T0TH7-DYJYC', '8841352887124191'],
    ['inspection', 'finding-7', 'HLI-2X5Q2-1XGC9', '6493468830533417'],
  ] as const)('give %s key %j the reference %s and receipt code %s', (channel, key, reference, code) => {
    const fixed = deriveReferenceKeys(secret);
    expect(caseReference(channel, key, fixed)).toBe(reference);
    expect(receiptCode(reference, fixed)).toBe(code);
    expect(receiptMatches(reference, formatReceiptCode(code), fixed)).toBe(true);
  });

  it("give the README's example complaint the same reference and receipt code", () => {
    const fixed = deriveReferenceKeys(secret);
    const reference = submissionReference(
      'web',
      '0d9f3c1e-5b1a-4d8e-9f57-3c2f1a7b9e01',
      {
        description: '郭扶镇国土所窗口工作人员说要“意思一下”才给办证，索要两千元。',
        subjectUnit: '郭扶国土所',
        anonymous: true,
        language: 'zh-CN',
      },
      fixed,
    );
    expect(reference).toBe('HLW-3DMXQ-PAXNB');
    expect(receiptCode(reference, fixed)).toBe('5755250024549304');
    expect(receiptCode('HLW-00000-00000', fixed)).toBe('0513499197206658');
  });
});
