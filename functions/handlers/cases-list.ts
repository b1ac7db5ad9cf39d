// GET /cases: the caller's cases, newest first, filtered, a page at a time, from the byAssignee index.

import * as z from 'zod/mini';
import '#domain/zod-locale.ts';
import { listAssigned } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { masterSecret } from '#adapters/secrets.ts';
import { CASE_STATUSES } from '#domain/case.ts';
import { InvalidCursorError, openCursor, sealCursor } from '#domain/lifecycle/cursor.ts';
import { isDueSoon, isOverdue } from '#domain/lifecycle/overdue.ts';
import type { CaseFilter, CaseSummary } from '#domain/lifecycle/summary.ts';
import { deriveKey } from '#domain/reference.ts';
import { CategorySchema, SeveritySchema } from '#domain/triage/model.ts';
import { httpApi } from '../http/api.ts';
import { callerOf, requireRole } from '../http/caller.ts';
import { assigneeKeysOf, callerScope } from '../http/cases.ts';
import { HttpError, json } from '../http/responses.ts';

const ListQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    status: z.optional(z.enum(CASE_STATUSES)),
    category: z.optional(CategorySchema),
    severity: z.optional(SeveritySchema),
    overdue: z.optional(z.enum(['true', 'false'])),
    cursor: z.optional(z.string().check(z.maxLength(600))),
    limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25),
  }))();

function matches(summary: CaseSummary, filter: CaseFilter, now: Date): boolean {
  if (filter.status !== undefined && summary.status !== filter.status) return false;
  if (filter.category !== undefined && summary.category !== filter.category) return false;
  if (filter.severity !== undefined && summary.severity !== filter.severity) return false;
  if (filter.overdue !== undefined && isOverdue(summary, now) !== filter.overdue) return false;
  return true;
}

export const handler = httpApi(
  async (event) => {
    const caller = callerOf(event);
    const query = ListQuerySchema.parse(event.queryStringParameters ?? {});
    const filter: CaseFilter = {
      ...(query.status === undefined ? {} : { status: query.status }),
      ...(query.category === undefined ? {} : { category: query.category }),
      ...(query.severity === undefined ? {} : { severity: query.severity }),
      ...(query.overdue === undefined ? {} : { overdue: query.overdue === 'true' }),
    };
    // A cursor is good only for the caller and the filters it was made for.
    const binding = JSON.stringify([caller.id, caller.bodyId, caller.role, filter, query.limit]);
    const key = deriveKey(await masterSecret(), 'case-list-cursor');
    let before: string | undefined;
    try {
      before = query.cursor === undefined ? undefined : openCursor(query.cursor, binding, key);
    } catch (error) {
      if (error instanceof InvalidCursorError) {
        throw new HttpError(400, 'invalid-cursor', error.message, {
          fields: { cursor: 'not valid for this list' },
        });
      }
      throw error;
    }
    const now = systemClock();
    const page = await listAssigned(assigneeKeysOf(callerScope(caller)), {
      ...(before === undefined ? {} : { before }),
      limit: query.limit,
      keep: (summary) => matches(summary, filter, now),
    });
    return json(200, {
      cases: page.items.map((summary) => ({
        ...summary,
        overdue: isOverdue(summary, now),
        dueSoon: isDueSoon(summary, now),
      })),
      ...(page.next === undefined ? {} : { nextCursor: sealCursor(page.next, binding, key) }),
    });
  },
  { authenticate: requireRole('investigator', 'supervisor', 'admin') },
);
