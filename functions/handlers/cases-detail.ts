// GET /cases/{reference}: the case file for the people who handle it: its head, complaint, conclusion and a page of
// its history (`?historyCursor=` for older pages). Reading changes nothing; a reporter's contact is opened only by
// the explicit, recorded POST /cases/{reference}/contact-views.
import * as z from 'zod/mini';
import '#domain/zod-locale.ts';
import { findCase } from '#adapters/case-store.ts';
import { assetRoot } from '#adapters/environment.ts';
import { OPENCC_DATA_FOLDER } from '#config/simplified-chinese.ts';
import { ROUTING_DATA_FOLDER, routingTableIn } from '#config/triage-data.ts';
import { httpApi } from '../http/api.ts';
import { callerOf, requireRole } from '../http/caller.ts';
import { caseFile, decodeHistoryCursor, referenceOf, visibleTo } from '../http/cases.ts';
import { json } from '../http/responses.ts';
import { logger } from '../observability.ts';

/** Read once, in the init phase: a function shipped without the routing table fails to start. */
const routingTable = routingTableIn(assetRoot(ROUTING_DATA_FOLDER), assetRoot(OPENCC_DATA_FOLDER));

const DetailQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({ historyCursor: z.optional(z.string().check(z.maxLength(600))) }))();

export const handler = httpApi(
  async (event) => {
    const caller = callerOf(event);
    const query = DetailQuerySchema.parse(event.queryStringParameters ?? {});
    const reference = referenceOf(event.pathParameters);
    logger.appendKeys({ reference });
    const record = visibleTo(await findCase(reference), caller);
    const cursor = query.historyCursor === undefined ? undefined : decodeHistoryCursor(query.historyCursor);
    return json(200, await caseFile(record, caller, routingTable, cursor));
  },
  { authenticate: requireRole('investigator', 'supervisor', 'admin') },
);
