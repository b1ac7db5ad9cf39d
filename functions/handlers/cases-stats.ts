// GET /stats?from&to: the office's figures for a period (days in the office's calendar), per body of the caller's
// scope and in total, read from the daily aggregates: O(bodies × days) items, however many cases there are.
import * as z from 'zod/mini';
import '#domain/zod-locale.ts';
import { dailyCounts } from '#adapters/aggregates.ts';
import { countOverdue } from '#adapters/case-lists.ts';
import { assigneeKeyOfBody, MANUAL_TRIAGE_KEY } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { deadlineCalendar } from '#config/office.ts';
import { UNASSIGNED } from '#domain/aggregates.ts';
import { DAY_MS } from '#domain/clock.ts';
import { localDay } from '#domain/deadlines/calendar.ts';
import { DEFAULT_HOTSPOT_THRESHOLD, officeStatistics } from '#domain/lifecycle/stats.ts';
import { httpApi } from '../http/api.ts';
import { callerOf, requireRole } from '../http/caller.ts';
import { bodiesOf, callerScope } from '../http/cases.ts';
import { HttpError, json } from '../http/responses.ts';

const MAX_PERIOD_DAYS = 366;
const DEFAULT_PERIOD_DAYS = 30;

/** A day of the office's calendar, or an instant with its offset (then the day it falls in, there). */
const day = () =>
  z.union([
    z.iso.date(),
    z.pipe(
      z.iso.datetime({ offset: true }),
      z.transform((at: string) => localDay(new Date(at), deadlineCalendar)),
    ),
  ]);

const StatsQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    from: z.optional(day()),
    to: z.optional(day()),
    hotspotThreshold: z._default(
      z.coerce.number().check(z.int(), z.gte(1), z.lte(10_000)),
      DEFAULT_HOTSPOT_THRESHOLD,
    ),
  }))();

const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(to) - Date.parse(from)) / DAY_MS) + 1;

export const handler = httpApi(
  async (event) => {
    const caller = callerOf(event);
    const query = StatsQuerySchema.parse(event.queryStringParameters ?? {});
    const now = systemClock();
    // Today and the days before it in the office's calendar, not in UTC.
    const to = query.to ?? localDay(now, deadlineCalendar);
    const from =
      query.from ??
      localDay(
        new Date(Date.parse(`${to}T12:00:00Z`) - (DEFAULT_PERIOD_DAYS - 1) * DAY_MS),
        deadlineCalendar,
      );
    if (from > to) {
      throw new HttpError(400, 'invalid-request', 'from must not be after to', {
        fields: { from: 'after to' },
      });
    }
    if (daysBetween(from, to) > MAX_PERIOD_DAYS) {
      throw new HttpError(400, 'invalid-request', `A period is at most ${MAX_PERIOD_DAYS} days.`, {
        fields: { from: `at most ${MAX_PERIOD_DAYS} days before to` },
      });
    }
    const scope = callerScope(caller);
    const listed = bodiesOf(scope);
    const counted = [...listed, ...(scope.manualTriage ? [UNASSIGNED] : [])];
    let itemsRead = 0;
    const bodies = await Promise.all(
      counted.map(async (bodyId) => {
        const [daily, overdue] = await Promise.all([
          dailyCounts(bodyId, from, to),
          countOverdue(bodyId === UNASSIGNED ? MANUAL_TRIAGE_KEY : assigneeKeyOfBody(bodyId), now),
        ]);
        itemsRead += daily.itemsRead + overdue.read;
        return { bodyId, days: daily.days, overdueNow: overdue.count };
      }),
    );
    return json(200, {
      ...officeStatistics({ from, to }, bodies, listed, now, query.hotspotThreshold),
      itemsRead,
    });
  },
  { authenticate: requireRole('investigator', 'supervisor', 'admin') },
);
