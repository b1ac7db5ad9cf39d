// Whether a case is late now, and whether it soon will be: the list's highlighting and its `overdue` filter.
import type { Case } from '../case.ts';
import { DAY_MS } from '../clock.ts';

/** The fields of a case these rules read: all of them are in the byAssignee index. */
export type DueFields = Pick<
  Case,
  'status' | 'verificationDueAt' | 'acknowledgeDueAt' | 'acknowledgedAt' | 'concludedAt'
>;

/** Statuses in which the verification clock runs. */
const VERIFYING: ReadonlySet<string> = new Set(['received', 'triaged', 'acknowledged', 'verifying']);

/** Due soon: within this long of a deadline still running. */
export const DUE_SOON_MS = DAY_MS;

/** The next deadline that still runs for this case, if any. */
export function runningDeadline(record: DueFields): string | undefined {
  if (!VERIFYING.has(record.status) || record.concludedAt !== undefined) return undefined;
  const acknowledgeDue =
    record.acknowledgeDueAt !== undefined && record.acknowledgedAt === undefined
      ? record.acknowledgeDueAt
      : undefined;
  if (acknowledgeDue !== undefined && acknowledgeDue < record.verificationDueAt) return acknowledgeDue;
  return record.verificationDueAt;
}

export function isOverdue(record: DueFields, now: Date): boolean {
  const due = runningDeadline(record);
  return due !== undefined && Date.parse(due) < now.getTime();
}

export function isDueSoon(record: DueFields, now: Date): boolean {
  const due = runningDeadline(record);
  if (due === undefined) return false;
  const left = Date.parse(due) - now.getTime();
  return left >= 0 && left <= DUE_SOON_MS;
}
