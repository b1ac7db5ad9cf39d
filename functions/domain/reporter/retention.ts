// How long a reporter's contact details (and a caller's call-back number) are kept: until the case is closed and its
// feedback window has passed, whichever is later, and then the configured number of days. A merged case follows
// the case it was merged into. The complaint itself is the office's record and is not deleted here.
import type { Case } from '../case.ts';
import { DAY_MS } from '../clock.ts';
import type { ReporterPolicy } from './policy.ts';

/**
 * When the contact of this case is to be deleted, or undefined while it is still needed (the case, or the case it
 * was merged into, is not closed; a reopened case needs it again).
 */
export function contactExpiry(
  record: Pick<Case, 'status' | 'closedAt' | 'concludedAt'>,
  policy: ReporterPolicy,
  followed?: Pick<Case, 'status' | 'closedAt' | 'concludedAt'>,
): string | undefined {
  const governing = record.status === 'merged' ? followed : record;
  if (governing?.status !== 'closed' || governing.closedAt === undefined) return undefined;
  const closed = Date.parse(governing.closedAt);
  const feedbackEnds =
    governing.concludedAt === undefined
      ? closed
      : Date.parse(governing.concludedAt) + policy.rating.windowDays * DAY_MS;
  return new Date(
    Math.max(closed, feedbackEnds) + policy.retention.contactDaysAfterClose * DAY_MS,
  ).toISOString();
}
