// Case references and receipt codes: derived, not stored, so retries converge and codes never sit in the table.
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import type { Channel } from './complaint.ts';

const CHANNEL_LETTER: Record<Channel, string> = { web: 'W', hotline: 'H', open311: 'O', inspection: 'I' };
// Crockford's base32: no I, L, O or U, so a reference read out over the phone is not misheard.
const CROCKFORD = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** `HLW-4F7KQ-9ZP2M`: H(ot)L(ine), the channel letter, then 50 bits from the keyed hash. */
export const REFERENCE_PATTERN = /^HL[WHOI]-[0-9A-HJKMNP-TV-Z]{5}-[0-9A-HJKMNP-TV-Z]{5}$/;

export interface ReferenceKeys {
  /** Keys the reference derivation, so references cannot be predicted from idempotency keys. */
  readonly reference: Buffer;
  /** Keys the receipt codes; without it nobody can compute a code from a reference. */
  readonly receipt: Buffer;
}

/** One master secret is configured; purpose-bound keys are derived from it (HKDF) so each can be reasoned about alone. */
export function deriveKey(masterSecret: string, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', masterSecret, 'sunshine-hotline', purpose, 32));
}

/** The keys of the last master secret seen: a warm function derives them once, not on every request. */
let derived: { readonly masterSecret: string; readonly keys: ReferenceKeys } | undefined;

export function deriveReferenceKeys(masterSecret: string): ReferenceKeys {
  if (derived?.masterSecret !== masterSecret) {
    derived = {
      masterSecret,
      keys: { reference: deriveKey(masterSecret, 'reference'), receipt: deriveKey(masterSecret, 'receipt') },
    };
  }
  return derived.keys;
}

export function caseReference(channel: Channel, idempotencyKey: string, keys: ReferenceKeys): string {
  const digest = createHmac('sha256', keys.reference).update(`${channel}\n${idempotencyKey}`).digest();
  let bits = digest.readBigUInt64BE(0) >> 14n; // keep 50 bits
  let code = '';
  for (let i = 0; i < 10; i++) {
    code = CROCKFORD.charAt(Number(bits & 31n)) + code;
    bits >>= 5n;
  }
  return `HL${CHANNEL_LETTER[channel]}-${code.slice(0, 5)}-${code.slice(5)}`;
}

/** Sixteen digits (53 bits of entropy) that prove the holder filed the complaint. */
export function receiptCode(reference: string, keys: ReferenceKeys): string {
  const digest = createHmac('sha256', keys.receipt).update(reference).digest();
  return (digest.readBigUInt64BE(0) % 10n ** 16n).toString().padStart(16, '0');
}

/** People type codes with spaces or dashes; accept those, compare in constant time. */
export function receiptMatches(reference: string, offered: string, keys: ReferenceKeys): boolean {
  const normalised = offered.replace(/[\s-]/g, '');
  if (!/^[0-9]{16}$/.test(normalised)) return false;
  return timingSafeEqual(Buffer.from(normalised), Buffer.from(receiptCode(reference, keys)));
}

export function formatReceiptCode(code: string): string {
  return code.replace(/(\d{4})(?=\d)/g, '$1 ');
}
