// What a list shows of a case: the head's summary fields (all of them projected into the open-cases index, the rest
// read from the heads of a page), never the reporter's contact, never the complaint text.
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
  'nextDueAt',
  'outcome',
  'assigneeId',
  'extension',
  'supervision',
  'dissatisfied',
] as const satisfies readonly (keyof Case & keyof typeof CaseSummaryShape)[];

export const CaseSummarySchema = /* @__PURE__ */ (() => z.object(CaseSummaryShape))();
export type CaseSummary = Pick<Case, (typeof SUMMARY_FIELDS)[number]>;

export function summaryOf(record: Case): CaseSummary {
  const summary: Record<string, unknown> = {};
  for (const field of SUMMARY_FIELDS) if (record[field] !== undefined) summary[field] = record[field];
  return summary as CaseSummary;
}
