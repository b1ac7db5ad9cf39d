import { describe, expect, it } from 'vitest';
import {
  caseReference,
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
