// GET /cases/{reference}/evidence: the files of a case that passed their checks, for the people who may see the
// case (another body's case is the same 404 as the case itself). Listing opens nothing: a view is its own route.
import { findCase } from '#adapters/case-store.ts';
import { filesOf } from '#adapters/evidence-records.ts';
import { filesForOffice } from '#domain/evidence/record.ts';
import { httpApi } from '../http/api.ts';
import { callerOf, requireRole } from '../http/caller.ts';
import { actorName, referenceOf, visibleTo } from '../http/cases.ts';
import { json } from '../http/responses.ts';
import { logger } from '../observability.ts';

export const handler = httpApi(
  async (event) => {
    const caller = callerOf(event);
    const reference = referenceOf(event.pathParameters);
    logger.appendKeys({ reference });
    visibleTo(await findCase(reference), caller);
    const files = filesForOffice(await filesOf(reference)).map((file) => ({
      ...file,
      byName: file.origin === 'reporter' ? null : actorName(file.by),
    }));
    return json(200, { reference, files });
  },
  { authenticate: requireRole('investigator', 'supervisor', 'admin') },
);
