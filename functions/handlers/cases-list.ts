// GET /cases: the caller's cases, a page at a time. By default the open ones, most urgent first (overdue first);
// `view=all` or a status lists by date received; a reference finds one case. Every filter is answered by an index
// (case-lists.ts), never by paging through a body's history.
import * as z from 'zod/mini';
import '#domain/zod-locale.ts';
import { listCases } from '#adapters/case-lists.ts';
import { findCase } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { masterSecret } from '#adapters/secrets.ts';
import { CASE_STATUSES } from '#domain/case.ts';
import { CHANNELS } from '#domain/complaint.ts';
import { inScope } from '#domain/lifecycle/access.ts';
import { InvalidCursorError, openCursor, sealCursor } from '#domain/lifecycle/cursor.ts';
import { isDueSoon, isOverdue } from '#domain/lifecycle/overdue.ts';
import { type CaseSummary, summaryOf } from '#domain/lifecycle/summary.ts';
import { deriveKey, REFERENCE_PATTERN } from '#domain/reference.ts';
import { CategorySchema, SeveritySchema } from '#domain/triage/model.ts';
import { httpApi } from '../http/api.ts';
import { callerOf, requireRole } from '../http/caller.ts';
import { assigneeKeysOf, callerScope } from '../http/cases.ts';
import { HttpError, json } from '../http/responses.ts';

/** A day (the whole day, in UTC) or an instant with its offset. */
const bound = (end: 'start' | 'end') =>
  z.union([
    z.pipe(
      z.iso.date(),
      z.transform((day: string) => (end === 'start' ? `${day}T00:00:00.000Z` : `${day}T23:59:59.999Z`)),
    ),
    z.pipe(
      z.iso.datetime({ offset: true }),
      z.transform((at: string) => new Date(Date.parse(at)).toISOString()),
    ),
  ]);

const ListQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    view: z._default(z.enum(['open', 'all']), 'open'),
    status: z.optional(z.enum(CASE_STATUSES)),
    category: z.optional(CategorySchema),
    severity: z.optional(SeveritySchema),
    channel: z.optional(z.enum(CHANNELS)),
    overdue: z.optional(z.enum(['true', 'false'])),
    from: z.optional(bound('start')),
    to: z.optional(bound('end')),
    reference: z.optional(z.string().check(z.maxLength(40))),
    cursor: z.optional(z.string().check(z.maxLength(600))),
    limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(100)), 25),
  }))();

const withFlags = (summary: CaseSummary, now: Date) => ({
  ...summary,
  overdue: isOverdue(summary, now),
  dueSoon: isDueSoon(summary, now),
});

export const handler = httpApi(
  async (event) => {
    const caller = callerOf(event);
    const query = ListQuerySchema.parse(event.queryStringParameters ?? {});
    const now = systemClock();
    const scope = callerScope(caller);
    if (query.reference !== undefined) {
      // An exact reference: one read by key, and the same "nothing" for a case of another body.
      const reference = query.reference.trim().toUpperCase();
      const found = REFERENCE_PATTERN.test(reference) ? await findCase(reference) : undefined;
      const cases = found !== undefined && inScope(found, scope) ? [withFlags(summaryOf(found), now)] : [];
      return json(200, { cases, itemsRead: found === undefined ? 0 : 1 });
    }
    if (query.overdue !== undefined && (query.view === 'all' || query.status !== undefined)) {
      throw new HttpError(400, 'invalid-request', 'overdue applies to the list of open cases', {
        fields: { overdue: 'not with view=all or a status' },
      });
    }
    const filter = {
      view: query.view,
      status: query.status,
      category: query.category,
      severity: query.severity,
      channel: query.channel,
      overdue: query.overdue === undefined ? undefined : query.overdue === 'true',
      from: query.from,
      to: query.to,
    };
    // A cursor is good only for the caller and the filters it was made for.
    const binding = JSON.stringify([caller.id, caller.bodyId, caller.role, filter, query.limit]);
    const key = deriveKey(await masterSecret(), 'case-list-cursor');
    let after: string | undefined;
    try {
      after = query.cursor === undefined ? undefined : openCursor(query.cursor, binding, key);
    } catch (error) {
      if (error instanceof InvalidCursorError) {
        throw new HttpError(400, 'invalid-cursor', error.message, {
          fields: { cursor: 'not valid for this list' },
        });
      }
      throw error;
    }
    const page = await listCases({ ...filter, keys: assigneeKeysOf(scope), limit: query.limit, after, now });
    return json(200, {
      cases: page.items.map((summary) => withFlags(summary, now)),
      itemsRead: page.itemsRead,
      ...(page.next === undefined ? {} : { nextCursor: sealCursor(page.next, binding, key) }),
    });
  },
  { authenticate: requireRole('investigator', 'supervisor', 'admin') },
);
