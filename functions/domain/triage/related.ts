// Which earlier cases a new one should be linked to (not merged with): the same unit and the same
// official, received within a window of days. Names are compared in normalised form (劉 = 刘, case, spaces).

import { DAY_MS } from '../clock.ts';
import { normaliseName } from './normalise.ts';

export interface LinkableCase {
  readonly reference: string;
  readonly unitId: string | null;
  readonly officialName?: string | null;
  /** ISO 8601 timestamp. */
  readonly receivedAt: string;
}

/** Cases about the same unit and official within this many days are linked, not merged. */
export const RELATED_WINDOW_DAYS = 30;

export function isRelated(a: LinkableCase, b: LinkableCase, windowDays = RELATED_WINDOW_DAYS): boolean {
  if (a.reference === b.reference || a.unitId === null || a.unitId !== b.unitId) return false;
  const official = normaliseName(a.officialName ?? '');
  if (official === '' || official !== normaliseName(b.officialName ?? '')) return false;
  const gap = Math.abs(Date.parse(a.receivedAt) - Date.parse(b.receivedAt));
  return Number.isFinite(gap) && gap <= windowDays * DAY_MS;
}

/** References of the earlier cases related to `newCase`, oldest first. */
export function findRelatedCases(
  newCase: LinkableCase,
  earlierCases: readonly LinkableCase[],
  windowDays = RELATED_WINDOW_DAYS,
): string[] {
  const receivedAt = Date.parse(newCase.receivedAt);
  return earlierCases
    .filter(
      (earlier) => Date.parse(earlier.receivedAt) <= receivedAt && isRelated(newCase, earlier, windowDays),
    )
    .sort((a, b) => Date.parse(a.receivedAt) - Date.parse(b.receivedAt))
    .map((earlier) => earlier.reference);
}
