// Deadlines of a case. The three-day verification window is the office's rule; calendars refine it later.
import { DAY_MS } from './clock.ts';

export const VERIFICATION_DAYS = 3;

export function verificationDueAt(receivedAt: Date, days: number = VERIFICATION_DAYS): Date {
  return new Date(receivedAt.getTime() + days * DAY_MS);
}
