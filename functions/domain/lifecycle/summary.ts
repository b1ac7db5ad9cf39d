// What the case list and the statistics read of a case: exactly the attributes the byAssignee index projects, so
// both are served from the index alone (never the sealed contact, never the complaint text).
import * as z from 'zod/mini';
import '../zod-locale.ts';
import { type Case, CaseSummaryShape } from '../case.ts';

export const SUMMARY_FIELDS = [
  'reference',
  'status',
  'channel',
  'category',
  'severity',
  'unitId',
  'bodyId',
  'receivedAt',
  'verificationDueAt',
  'updatedAt',
  'needsReview',
  'needsManualTriage',
  'acknowledgeDueAt',
  'acknowledgedAt',
  'concludedAt',
  'closedAt',
  'nextDueAt',
  'outcome',
  'sanctions',
  'mergedInto',
] as const satisfies readonly (keyof Case & keyof typeof CaseSummaryShape)[];

export const CaseSummarySchema = /* @__PURE__ */ (() => z.object(CaseSummaryShape))();
export type CaseSummary = Pick<Case, (typeof SUMMARY_FIELDS)[number]>;

export function summaryOf(record: Case): CaseSummary {
  const summary: Record<string, unknown> = {};
  for (const field of SUMMARY_FIELDS) if (record[field] !== undefined) summary[field] = record[field];
  return summary as CaseSummary;
}

/** The list's filters, parsed from the query string. */
export interface CaseFilter {
  readonly status?: Case['status'];
  readonly category?: NonNullable<Case['category']>;
  readonly severity?: NonNullable<Case['severity']>;
  readonly overdue?: boolean;
}
