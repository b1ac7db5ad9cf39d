// GET /accountability, /accountability/data.json and /accountability/data.csv (no sign-in): each investigating body's
// figures for a month and its year to date, as a page (zh or en), JSON and CSV (docs/open-data.md). Read from the
// daily aggregates alone, exactly as `GET /stats` reads them for the whole office, never from case items; published
// through public-figures.ts (no count of 1 or 2, nothing that gives one away, no id, no reference). Cacheable: a
// spike of readers is answered by caches in front, not by the table.
import * as z from 'zod/mini';
import '#domain/zod-locale.ts';
import { dailyCounts } from '#adapters/aggregates.ts';
import { systemClock } from '#adapters/clock.ts';
import { deadlineCalendar, directory } from '#config/office.ts';
import {
  type AccountabilityDocument,
  accountabilityCsv,
  accountabilityDocument,
} from '#domain/accountability/open-data.ts';
import { accountabilityPage } from '#domain/accountability/page.ts';
import { UNASSIGNED } from '#domain/aggregates.ts';
import { localDay } from '#domain/deadlines/calendar.ts';
import { officeStatistics } from '#domain/lifecycle/stats.ts';
import { httpApi } from '../http/api.ts';
import { PAGE_SECURITY_HEADERS } from '../http/page-headers.ts';
import { HttpError, type HttpResult } from '../http/responses.ts';

const QuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    month: z.optional(z.string().check(z.regex(/^20[0-9]{2}-(0[1-9]|1[0-2])$/, 'a month, yyyy-MM'))),
    lang: z._default(z.enum(['zh', 'en']), 'zh'),
  }))();

/** The present month's figures change all day; a past month's only when a late event is counted. */
const CACHE_PRESENT = 'public, max-age=300';
const CACHE_PAST = 'public, max-age=3600';

function lastDayOf(month: string): string {
  const [year, m] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, m, 0)).toISOString().slice(0, 10);
}

/** Every body of the directory, and the cases none has yet: the office's whole, as an administrator's /stats. */
async function statisticsOf(from: string, to: string, now: Date) {
  const listed = directory.bodies.map((body) => body.id);
  const bodies = await Promise.all(
    [...listed, UNASSIGNED].map(async (bodyId) => ({
      bodyId,
      days: (await dailyCounts(bodyId, from, to)).days,
      // Not published: the number overdue now would need the case indexes.
      overdueNow: 0,
    })),
  );
  return officeStatistics({ from, to }, bodies, listed, now);
}

/**
 * A month's document, kept by this execution environment for a minute: a burst of readers the caches in front did
 * not absorb reads the year's aggregates once, not once each (the year is O(bodies × days) items).
 */
const KEEP_MS = 60_000;
const kept = new Map<string, { until: number; document: AccountabilityDocument }>();

async function documentOf(month: string, monthEnd: string, now: Date): Promise<AccountabilityDocument> {
  const key = `${month}/${monthEnd}`;
  const found = kept.get(key);
  if (found !== undefined && found.until > Date.now()) return found.document;
  const [monthStats, yearStats] = await Promise.all([
    statisticsOf(`${month}-01`, monthEnd, now),
    statisticsOf(`${month.slice(0, 4)}-01-01`, monthEnd, now),
  ]);
  const document = accountabilityDocument({
    month,
    monthStats,
    yearStats,
    bodies: directory.bodies.map((body) => ({ id: body.id, names: body.names })),
    now,
  });
  if (kept.size > 24) kept.clear();
  kept.set(key, { until: Date.now() + KEEP_MS, document });
  return document;
}

export const handler = httpApi(async (event): Promise<HttpResult> => {
  const file = event.pathParameters?.file;
  if (file !== undefined && file !== 'data.json' && file !== 'data.csv') {
    throw new HttpError(404, 'not-found', '页面不存在 / There is no such page.');
  }
  const query = QuerySchema.parse(event.queryStringParameters ?? {});
  const now = systemClock();
  const today = localDay(now, deadlineCalendar);
  const month = query.month ?? today.slice(0, 7);
  if (month > today.slice(0, 7)) {
    throw new HttpError(400, 'invalid-request', 'That month has not begun.', {
      fields: { month: 'in the future' },
    });
  }
  const monthEnd = [lastDayOf(month), today].sort()[0] as string;
  const document = await documentOf(month, monthEnd, now);
  const cache = month === today.slice(0, 7) ? CACHE_PRESENT : CACHE_PAST;
  const head = event.requestContext.http.method === 'HEAD';
  const answer = (type: string, body: string, extra: Record<string, string> = {}): HttpResult => ({
    statusCode: 200,
    headers: { 'content-type': type, 'cache-control': cache, vary: 'accept-encoding', ...extra },
    body: head ? '' : body,
  });
  if (file === 'data.json') return answer('application/json; charset=utf-8', JSON.stringify(document));
  if (file === 'data.csv') {
    return answer('text/csv; charset=utf-8; header=present', accountabilityCsv(document), {
      'content-disposition': `attachment; filename="accountability-${month}.csv"`,
    });
  }
  return answer('text/html; charset=utf-8', accountabilityPage(document, query.lang), PAGE_SECURITY_HEADERS);
});
