// GET /cases/{reference}: the whole case for the people who handle it; with `?contact=true` a supervisor also reads
// the reporter's sealed contact, and that reading is written to the case's history before it is shown.
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import * as z from 'zod/mini';
import '#domain/zod-locale.ts';
import { findCase, relatedCasesOf, saveTransition } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { openContact } from '#adapters/contact-sealer.ts';
import { assetRoot } from '#adapters/environment.ts';
import { masterSecret } from '#adapters/secrets.ts';
import { OPENCC_DATA_FOLDER } from '#config/simplified-chinese.ts';
import { ROUTING_DATA_FOLDER, routingTableIn } from '#config/triage-data.ts';
import type { Case } from '#domain/case.ts';
import type { Contact } from '#domain/complaint.ts';
import { type Caller, hasRole } from '#domain/lifecycle/access.ts';
import { recordContactView } from '#domain/lifecycle/actions.ts';
import { httpApi } from '../http/api.ts';
import { callerOf, requireRole } from '../http/caller.ts';
import { caseDetail, referenceOf, visibleTo } from '../http/cases.ts';
import { HttpError, json } from '../http/responses.ts';
import { logger, metrics } from '../observability.ts';

/** Read once, in the init phase: a function shipped without the routing table fails to start. */
const routingTable = routingTableIn(assetRoot(ROUTING_DATA_FOLDER), assetRoot(OPENCC_DATA_FOLDER));

const DetailQuerySchema = /* @__PURE__ */ (() =>
  z.strictObject({ contact: z.optional(z.enum(['true', 'false'])) }))();

/** How often a contact view is retried against concurrent changes before the caller is asked to try again. */
const VIEW_ATTEMPTS = 4;

/** Records the view, then opens the contact: no one reads a contact without the history saying so. */
async function viewContact(record: Case, caller: Caller): Promise<{ record: Case; contact: Contact | null }> {
  let current = record;
  for (let attempt = 0; attempt < VIEW_ATTEMPTS; attempt++) {
    if (current.sealedContact === undefined) return { record: current, contact: null };
    const viewed = recordContactView(current, { caller, now: systemClock() });
    if ((await saveTransition(viewed, current.version)) === 'saved') {
      metrics.addMetric('ContactViewed', MetricUnit.Count, 1);
      logger.info('reporter contact viewed', { reference: record.reference, actor: caller.id });
      return {
        record: viewed,
        contact: openContact(current.sealedContact, current.reference, await masterSecret()),
      };
    }
    const fresh = await findCase(record.reference);
    if (fresh === undefined) break;
    current = fresh;
  }
  throw new HttpError(409, 'stale-version', 'The case changed while it was opened; try again.');
}

export const handler = httpApi(
  async (event) => {
    const caller = callerOf(event);
    const query = DetailQuerySchema.parse(event.queryStringParameters ?? {});
    const reference = referenceOf(event.pathParameters);
    logger.appendKeys({ reference });
    let record = visibleTo(await findCase(reference), caller);
    let contact: Contact | null | undefined;
    if (query.contact === 'true') {
      if (!hasRole(caller, 'supervisor')) {
        throw new HttpError(403, 'forbidden', 'Only a supervisor may read a reporter’s contact details.');
      }
      ({ record, contact } = await viewContact(record, caller));
    }
    return json(200, {
      ...caseDetail(record, caller, routingTable, await relatedCasesOf(record)),
      ...(contact === undefined ? {} : { contact }),
    });
  },
  { authenticate: requireRole('investigator', 'supervisor', 'admin') },
);
