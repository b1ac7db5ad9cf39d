// GET /stats?from&to: the office's figures for a period, per body of the caller's scope and in total, read from the
// byAssignee index (one range query per body).
import * as z from 'zod/mini';
import '#domain/zod-locale.ts';
import { casesReceivedBetween } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { DAY_MS } from '#domain/clock.ts';
import { DEFAULT_HOTSPOT_THRESHOLD, officeStatistics } from '#domain/lifecycle/stats.ts';
import { httpApi } from '../http/api.ts';
import { callerOf, requireRole } from '../http/caller.ts';
import { assigneeKeysOf, bodiesOf, callerScope } from '../http/cases.ts';
import { HttpError, json } from '../http/responses.ts';

const MAX_PERIOD_DAYS = 366;
const DEFAULT_PERIOD_DAYS = 30;

/** A day (`2026-11-01`, the whole day in UTC) or an instant with its offset. */
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

const StatsQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({
    from: z.optional(bound('start')),
    to: z.optional(bound('end')),
    hotspotThreshold: z._default(
      z.coerce.number().check(z.int(), z.gte(1), z.lte(10_000)),
      DEFAULT_HOTSPOT_THRESHOLD,
    ),
  }))();

export const handler = httpApi(
  async (event) => {
    const caller = callerOf(event);
    const query = StatsQuerySchema.parse(event.queryStringParameters ?? {});
    const now = systemClock();
    const to = query.to ?? now.toISOString();
    const from = query.from ?? new Date(Date.parse(to) - DEFAULT_PERIOD_DAYS * DAY_MS).toISOString();
    if (from > to)
      throw new HttpError(400, 'invalid-request', 'from must not be after to', {
        fields: { from: 'after to' },
      });
    if (Date.parse(to) - Date.parse(from) > MAX_PERIOD_DAYS * DAY_MS) {
      throw new HttpError(400, 'invalid-request', `A period is at most ${MAX_PERIOD_DAYS} days.`, {
        fields: { from: `at most ${MAX_PERIOD_DAYS} days before to` },
      });
    }
    const scope = callerScope(caller);
    const cases = await casesReceivedBetween(assigneeKeysOf(scope), from, to);
    return json(200, officeStatistics(cases, { from, to }, bodiesOf(scope), now, query.hotspotThreshold));
  },
  { authenticate: requireRole('investigator', 'supervisor', 'admin') },
);
