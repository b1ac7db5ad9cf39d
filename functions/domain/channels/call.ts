// What every telephony channel shares: the caller's number as a caller leaves it, the secrets a channel is
// configured with, and the intake message a call becomes.
import type { ComplaintDetails, Language } from '../complaint.ts';
import { type CallDetails, INTAKE_MESSAGE_KIND, type IntakeMessage } from '../intake-message.ts';

/** The same shape the web form accepts for a phone number, so a sealed number opens as a contact everywhere. */
export const PHONE_PATTERN = /^\+?[0-9][0-9 ()-]{5,30}$/;

/** What platforms put in place of a number the caller withheld. */
const WITHHELD = new Set(['', 'withheld', 'anonymous', 'private', 'restricted', 'unknown', 'unavailable']);

/** A caller-number field as a sender may fill it: a number, or a word saying it was withheld. */
export const isCallerNumberField = (raw: string): boolean =>
  WITHHELD.has(raw.trim().toLowerCase()) || PHONE_PATTERN.test(raw.trim());

/**
 * The caller's number if they left one; `undefined` when withheld. Anything else a platform sends there (a SIP
 * address, `client:alice`) is not a number we could call back, and is not kept.
 */
export function callerNumberOf(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined;
  const value = raw.trim();
  if (WITHHELD.has(value.toLowerCase())) return undefined;
  return PHONE_PATTERN.test(value) ? value : undefined;
}

/**
 * A channel secret as configured: one value, or several separated by spaces while one is being rotated. At
 * most a few: a list that grows without bound is a configuration mistake, not a rotation.
 */
export function secretList(value: string): string[] {
  const secrets = value.split(/\s+/).filter((s) => s !== '');
  if (secrets.length === 0) throw new Error('a channel secret is configured empty');
  if (secrets.length > 4) throw new Error('a channel secret lists more than 4 values');
  return secrets;
}

/**
 * The number to call a caller back on: only when they asked for it and left a number we could call. Otherwise
 * nothing — a caller's number is never kept, queued or stored just because the platform showed it.
 */
export const callbackNumber = (requested: boolean, rawNumber: string | undefined): string | undefined =>
  requested ? callerNumberOf(rawNumber) : undefined;

export interface CallComplaint {
  readonly reference: string;
  readonly receivedAt: Date;
  readonly language: Language;
  readonly anonymous: boolean;
  readonly complaint: ComplaintDetails;
  readonly call: CallDetails;
  /** The caller's number sealed as a contact (`{phone}`), given only when they asked to be called back. */
  readonly callback?: { readonly sealedContact: string } | undefined;
}

/**
 * The intake message of a call. A caller who asked to be called back gave their number to the office: the message
 * says so (`callbackRequested`), carries the number sealed as their contact, and is not anonymous. Any other call
 * carries no number at all.
 */
export function callIntakeMessage(c: CallComplaint): IntakeMessage {
  return {
    kind: INTAKE_MESSAGE_KIND,
    reference: c.reference,
    channel: 'hotline',
    receivedAt: c.receivedAt.toISOString(),
    language: c.language,
    anonymous: c.callback === undefined ? c.anonymous : false,
    complaint: c.complaint,
    call: c.call,
    ...(c.callback === undefined ? {} : { callbackRequested: true, sealedContact: c.callback.sealedContact }),
  };
}

/** Drops absent fields, so an optional field a sender left out never appears as `undefined` in a message. */
export function defined<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
