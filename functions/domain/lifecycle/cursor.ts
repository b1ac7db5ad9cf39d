// The list's page cursor: opaque to the client and tamper-proof (HMAC), bound to the caller and the filters it was
// made for, so a cursor can neither be forged to skip the scope check nor replayed with other filters.
import { createHmac, timingSafeEqual } from 'node:crypto';

export class InvalidCursorError extends Error {
  override readonly name = 'InvalidCursorError';
  constructor() {
    super('the cursor is not one this API gave for this list');
  }
}

const mac = (key: Buffer, binding: string, position: string) =>
  createHmac('sha256', key).update(`${binding}\n${position}`).digest().subarray(0, 16);

/** `position` is where the next page starts (exclusive); `binding` names the caller and the filters. */
export function sealCursor(position: string, binding: string, key: Buffer): string {
  return `${Buffer.from(position, 'utf8').toString('base64url')}.${mac(key, binding, position).toString('base64url')}`;
}

export function openCursor(cursor: string, binding: string, key: Buffer): string {
  const match = /^([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{22})$/.exec(cursor);
  if (match === null) throw new InvalidCursorError();
  const position = Buffer.from(match[1] as string, 'base64url').toString('utf8');
  const offered = Buffer.from(match[2] as string, 'base64url');
  const expected = mac(key, binding, position);
  if (offered.length !== expected.length || !timingSafeEqual(offered, expected))
    throw new InvalidCursorError();
  return position;
}
