// GET /cases: the caller's cases, a page at a time. By default the open ones, most urgent first (overdue first);
// `view=all` or a status lists by date received; `assignee=me` is "my cases"; a reference finds one case, an official
// the cases naming them, words the recent complaints that say them; `format=csv` exports the filtered list (the
// office's monthly report: no contact details, ever). Every filter is answered by an index (case-lists.ts), never by
// paging through a body's history.
import * as z from 'zod/mini';
import '#domain/zod-locale.ts';
import {
  casesMentioning,
  casesNamingOfficial,
  type ListPage,
  listCases,
  SEARCH_LIMIT,
} from '#adapters/case-lists.ts';
import { assigneeKeyOfBody, findCase } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { assetRoot } from '#adapters/environment.ts';
import { masterSecret } from '#adapters/secrets.ts';
import { OPENCC_DATA_FOLDER, simplifierIn } from '#config/simplified-chinese.ts';
import { CASE_STATUSES } from '#domain/case.ts';
import { CHANNELS } from '#domain/complaint.ts';
import { inScope } from '#domain/lifecycle/access.ts';
import { InvalidCursorError, openCursor, sealCursor } from '#domain/lifecycle/cursor.ts';
import { isDueSoon, isOverdue, runningDeadline } from '#domain/lifecycle/overdue.ts';
import { type CaseSummary, summaryOf } from '#domain/lifecycle/summary.ts';
import { deriveKey, REFERENCE_PATTERN } from '#domain/reference.ts';
import { CategorySchema, SeveritySchema } from '#domain/triage/model.ts';
import { useSimplifier } from '#domain/triage/normalise.ts';
import { httpApi } from '../http/api.ts';
import { callerOf, requireRole } from '../http/caller.ts';
import { assigneeKeysOf, callerScope, directory, listPeopleNames } from '../http/cases.ts';
import { HttpError, json } from '../http/responses.ts';

// An official's name and searched words are normalised as the writers normalised them (Traditional → Simplified
// included), or 趙德明 would not find the cases naming 赵德明. The dictionaries load with the first search.
useSimplifier(simplifierIn(assetRoot(OPENCC_DATA_FOLDER)));

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
    assignee: z.optional(
      z.union([z.literal('me'), z.literal('none'), z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,79}$/))]),
    ),
    unit: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,79}$/))),
    body: z.optional(z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{0,79}$/))),
    official: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
    text: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(100))),
    supervised: z.optional(z.literal('true')),
    review: z.optional(z.literal('true')),
    dissatisfied: z.optional(z.literal('true')),
    format: z.optional(z.enum(['json', 'csv'])),
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
      return json(200, {
        cases,
        itemsRead: found === undefined ? 0 : 1,
        people: listPeopleNames(cases, caller),
      });
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
      assignee: query.assignee === 'me' ? caller.id : query.assignee,
      unit: query.unit,
      body: query.body,
      supervised: query.supervised === undefined ? undefined : true,
      review: query.review === undefined ? undefined : true,
      dissatisfied: query.dissatisfied === undefined ? undefined : true,
    };
    // One body of the caller's scope (a statistics row's list); a body outside it lists nothing, as a case would.
    const keys =
      query.body === undefined
        ? assigneeKeysOf(scope)
        : scope.bodies.has(query.body)
          ? [assigneeKeyOfBody(query.body)]
          : [];
    if (query.official !== undefined || query.text !== undefined) {
      // Searches answer one bounded page, newest first: the index of officials, or the recent complaints' words.
      const found: ListPage =
        query.official !== undefined
          ? await casesNamingOfficial(query.official, keys)
          : await casesMentioning(query.text as string, keys, now);
      const cases = found.items.map((summary) => withFlags(summary, now));
      if (query.format === 'csv') return csvAnswer(cases);
      return json(200, {
        cases,
        itemsRead: found.itemsRead,
        searched: SEARCH_LIMIT,
        people: listPeopleNames(cases, caller),
      });
    }
    // A cursor is good only for the caller and the filters it was made for.
    const binding = JSON.stringify([caller.id, caller.bodyId, caller.role, filter, query.limit]);
    const key = deriveKey(await masterSecret(), 'case-list-cursor');
    if (query.format === 'csv') {
      // The whole filtered list, page after page, up to the export's bound.
      const rows: ReturnType<typeof withFlags>[] = [];
      let after: string | undefined;
      do {
        const page = await listCases({ ...filter, keys, limit: 100, after, now });
        rows.push(...page.items.map((summary) => withFlags(summary, now)));
        after = page.next;
      } while (after !== undefined && rows.length < CSV_LIMIT);
      return csvAnswer(rows.slice(0, CSV_LIMIT));
    }
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
    const page = await listCases({ ...filter, keys, limit: query.limit, after, now });
    const cases = page.items.map((summary) => withFlags(summary, now));
    return json(200, {
      cases,
      itemsRead: page.itemsRead,
      // The people the rows name and the caller's own body's, by name: the console never shows an id.
      people: listPeopleNames(cases, caller),
      ...(page.next === undefined ? {} : { nextCursor: sealCursor(page.next, binding, key) }),
    });
  },
  { authenticate: requireRole('investigator', 'supervisor', 'admin') },
);

/** At most this many rows in one export. */
const CSV_LIMIT = 2000;

const unitNames = new Map(directory.units.map((unit) => [unit.id, unit.names.zh] as const));
const bodyNames = new Map(directory.bodies.map((body) => [body.id, body.names.zh] as const));
const personNames = new Map(
  directory.bodies.flatMap((body) => body.people.map((p) => [p.id, p.name] as const)),
);

/** A cell as RFC 4180 wants it, and never something a spreadsheet would run as a formula. */
function cell(value: unknown): string {
  let text = value === undefined || value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** The list as CSV (UTF-8 with a byte-order mark, so spreadsheets read the Chinese): what the office reports, no contact. */
function csvAnswer(rows: readonly (CaseSummary & { overdue: boolean })[]) {
  const header = [
    '受理编号 reference',
    '受理时间 received',
    '状态 status',
    '类别 category',
    '严重程度 severity',
    '渠道 channel',
    '被反映单位 unit',
    '承办机关 body',
    '承办人 assignee',
    '下一期限 next deadline',
    '逾期 overdue',
    '结果 outcome',
    '督办 supervised',
  ];
  const lines = rows.map((c) =>
    [
      c.reference,
      c.receivedAt,
      c.status,
      c.category,
      c.severity,
      c.channel,
      c.unitId ? (unitNames.get(c.unitId) ?? c.unitId) : '',
      c.bodyId ? (bodyNames.get(c.bodyId) ?? c.bodyId) : '',
      c.assigneeId ? (personNames.get(c.assigneeId) ?? c.assigneeId) : '',
      runningDeadline(c) ?? '',
      c.overdue ? '是 yes' : '',
      c.outcome,
      c.supervision ? c.supervision.dueAt : '',
    ]
      .map(cell)
      .join(','),
  );
  return {
    statusCode: 200,
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': 'attachment; filename="cases.csv"',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    },
    body: `\uFEFF${[header.map(cell).join(','), ...lines].join('\r\n')}\r\n`,
  };
}
