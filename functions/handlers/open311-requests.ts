// GET /open311/v2/requests.json and /open311/v2/requests/{id}.json: the public state of requests filed through
// Open311 (never another channel's), read by key or from the byChannel index; never the text, never the reporter.
import { findCase } from '#adapters/case-store.ts';
import { casesFiledThrough } from '#adapters/channel-cases.ts';
import { queuedDelivery } from '#adapters/channel-intake.ts';
import { systemClock } from '#adapters/clock.ts';
import directory from '#config/directory.json' with { type: 'json' };
import { CASE_STATUSES, type Case } from '#domain/case.ts';
import {
  DEFAULT_LIST_DAYS,
  JsonFileSchema,
  type ListedCase,
  MAX_LISTED,
  OPEN311_REFERENCE,
  open311Status,
  publicRequest,
  RequestQuerySchema,
} from '#domain/channels/open311.ts';
import { DAY_MS } from '#domain/clock.ts';
import { HttpError, json } from '../http/responses.ts';
import { open311Api } from './open311-api.ts';

const agencies = new Map(directory.bodies.map((body) => [body.id, `${body.names.zh} / ${body.names.en}`]));
const agencyName = (bodyId: string) => agencies.get(bodyId);

/** A case of this channel, or nothing: another channel's case is not an Open311 request. */
async function open311Case(reference: string): Promise<Case | undefined> {
  if (!OPEN311_REFERENCE.test(reference)) return undefined;
  const record = await findCase(reference);
  return record?.channel === 'open311' ? record : undefined;
}

const notFound = (id: string) =>
  new HttpError(404, 'not-found', `No service request has the id ${id.slice(0, 64)}.`);

export const handler = open311Api(async (event) => {
  const file = event.pathParameters?.file;
  if (file !== undefined) {
    const id = JsonFileSchema.parse(file).toUpperCase();
    const record = await open311Case(id);
    if (record !== undefined) return json(200, [publicRequest(record, agencyName)]);
    // Accepted seconds ago and still on the queue: the client already holds the id, so it is open, not unknown.
    const queued = OPEN311_REFERENCE.test(id) ? await queuedDelivery(id, systemClock()) : undefined;
    if (queued === undefined) throw notFound(id);
    return json(200, [
      {
        service_request_id: id,
        status: 'open',
        status_notes: 'received',
        requested_datetime: queued.claimedAt,
      },
    ]);
  }

  const query = RequestQuerySchema.parse(event.queryStringParameters ?? {});
  if (query.service_request_id !== undefined) {
    // The spec: with ids given, the other filters do not apply.
    const found = await Promise.all(query.service_request_id.map(open311Case));
    return json(
      200,
      found.filter((r): r is Case => r !== undefined).map((r) => publicRequest(r, agencyName)),
    );
  }
  const until = query.end_date === undefined ? systemClock() : new Date(query.end_date);
  const since =
    query.start_date === undefined
      ? new Date(until.getTime() - DEFAULT_LIST_DAYS * DAY_MS)
      : new Date(query.start_date);
  if (since > until) throw new HttpError(400, 'invalid-request', 'start_date must be before end_date.');
  const statuses =
    query.status === undefined
      ? undefined
      : CASE_STATUSES.filter((s) => query.status?.includes(open311Status(s)));
  const listed: ListedCase[] = await casesFiledThrough('open311', {
    since: since.toISOString(),
    until: until.toISOString(),
    ...(statuses === undefined ? {} : { statuses }),
    ...(query.service_code === undefined ? {} : { categories: query.service_code }),
    limit: MAX_LISTED,
  });
  return json(
    200,
    listed.map((r) => publicRequest(r, agencyName)),
  );
});
