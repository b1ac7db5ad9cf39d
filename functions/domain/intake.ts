// Accepting a complaint: the reference it gets, and the message that carries it to the worker.
import { createHash } from 'node:crypto';
import type { Channel, WebComplaint } from './complaint.ts';
import { INTAKE_MESSAGE_KIND, type IntakeMessage } from './intake-message.ts';
import { caseReference, type ReferenceKeys } from './reference.ts';

/** Client-chosen keys must be long enough that two reporters' clients never pick the same one. */
export const IDEMPOTENCY_KEY_PATTERN = /^[A-Za-z0-9._:-]{16,128}$/;

/**
 * The reference of a submission. A retry (same key, same content) converges on the same reference; the content's
 * fingerprint is mixed in so that a reused key with a different complaint can never reveal another report's
 * receipt code or be swallowed as a duplicate of it.
 */
export function submissionReference(
  channel: Channel,
  idempotencyKey: string,
  content: unknown,
  keys: ReferenceKeys,
): string {
  const fingerprint = createHash('sha256').update(canonicalJson(content)).digest('base64url');
  return caseReference(channel, `${idempotencyKey}\n${fingerprint}`, keys);
}

/** JSON with sorted keys, so the same content always has the same fingerprint. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function webIntakeMessage(
  complaint: WebComplaint,
  reference: string,
  receivedAt: Date,
  sealedContact: string | undefined,
): IntakeMessage {
  const { language, anonymous, contact: _contact, ...details } = complaint;
  return {
    kind: INTAKE_MESSAGE_KIND,
    reference,
    channel: 'web',
    receivedAt: receivedAt.toISOString(),
    language,
    anonymous,
    complaint: details,
    ...(sealedContact === undefined ? {} : { sealedContact }),
  };
}
