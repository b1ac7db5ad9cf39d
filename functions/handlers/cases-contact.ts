// POST /cases/{reference}/contact-views: a supervisor opens the reporter's contact details (or a caller's call-back
// number). An explicit act, never a side effect of reading: rate-limited per person, recorded as an event of the
// case before anything is shown, and shown only if the case is still in the supervisor's scope after the record.
import { randomUUID } from 'node:crypto';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { takeAllowance } from '#adapters/allowance.ts';
import { appendEvent, findCase, legacySealedContact } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import { openContact } from '#adapters/contact-sealer.ts';
import { sealedContactOf } from '#adapters/contact-store.ts';
import { masterSecret } from '#adapters/secrets.ts';
import { httpApi } from '../http/api.ts';
import { callerOf, requireRole } from '../http/caller.ts';
import { referenceOf, visibleTo } from '../http/cases.ts';
import { HttpError, json } from '../http/responses.ts';
import { logger, metrics } from '../observability.ts';

/** How many contacts one person may open per hour: enough for a day's call-backs, not for harvesting. */
export const CONTACT_VIEWS_PER_HOUR = 20;

export const handler = httpApi(
  async (event) => {
    const caller = callerOf(event);
    const reference = referenceOf(event.pathParameters);
    logger.appendKeys({ reference });
    const record = visibleTo(await findCase(reference), caller);
    // Kept apart from the record, and gone once the retention period has passed (contact-store.ts).
    const sealedContact = (await sealedContactOf(record.reference)) ?? (await legacySealedContact(record));
    if (sealedContact === undefined) {
      return json(200, {
        reference,
        contact: null,
        ...(record.contactDeletedAt === undefined ? {} : { deletedAt: record.contactDeletedAt }),
      });
    }
    const now = systemClock();
    const allowed = await takeAllowance(
      { key: `contact-views#${caller.id}`, limit: CONTACT_VIEWS_PER_HOUR, windowSeconds: 3600 },
      now,
    );
    if (!allowed) {
      metrics.addMetric('ContactViewRefused', MetricUnit.Count, 1);
      throw new HttpError(
        429,
        'too-many-contact-views',
        `每小时最多查看 ${CONTACT_VIEWS_PER_HOUR} 次联系方式 / At most ${CONTACT_VIEWS_PER_HOUR} contact views an hour.`,
        { headers: { 'retry-after': '3600' } },
      );
    }
    // Recorded first: nobody reads a contact without the history saying so.
    await appendEvent(
      { reference, kind: 'contact-viewed', at: now.toISOString(), actor: caller.id },
      `V#${randomUUID()}`,
    );
    // The case may have been transferred away meanwhile: look again, after the record, before showing anything.
    visibleTo(await findCase(reference), caller);
    metrics.addMetric('ContactViewed', MetricUnit.Count, 1);
    logger.info('reporter contact viewed', { actor: caller.id });
    return json(200, {
      reference,
      contact: openContact(sealedContact, reference, await masterSecret()),
      ...(record.call?.callbackRequested ? { callbackRequested: true } : {}),
    });
  },
  { authenticate: requireRole('supervisor') },
);
