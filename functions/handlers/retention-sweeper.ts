// Scheduled: deletes the reporters' contact details whose time has come (reporter/retention.ts) and records each
// deletion as an event of its case. It reads the expiry queue up to now (contact-store.ts), never scans. In AWS the
// table's TTL deletes the same items within days as a backstop; a contact TTL took first is recorded all the same.
// On this machine, where the emulator has no TTL, this sweep is what deletes them.
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { MetricUnit } from '@aws-lambda-powertools/metrics';
import { logMetrics } from '@aws-lambda-powertools/metrics/middleware';
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import { appendEvent, findCase } from '#adapters/case-store.ts';
import { systemClock } from '#adapters/clock.ts';
import {
  deleteContactDue,
  dropTicket,
  dueTickets,
  type ExpiryTicket,
  findContact,
  markContactDeleted,
  RETENTION_SHARDS,
} from '#adapters/contact-store.ts';
import { SYSTEM_ACTOR } from '#domain/case.ts';
import { logger, metrics } from '../observability.ts';

const PAGE = 50;
const SAFETY_MARGIN_MS = 10_000;

type Outcome = 'deleted' | 'recorded' | 'dropped';

async function expire(ticket: ExpiryTicket, now: Date): Promise<Outcome> {
  const head = await findCase(ticket.reference);
  if (head === undefined || head.contactDeletedAt !== undefined) {
    await dropTicket(ticket);
    return 'dropped';
  }
  const contact = await findContact(ticket.reference);
  let outcome: Outcome;
  if (contact === undefined) {
    // Gone already: DynamoDB's TTL took it (AWS), or a run deleted it and stopped before recording it.
    if (head.hasContact !== true) {
      await dropTicket(ticket);
      return 'dropped';
    }
    outcome = 'recorded';
  } else if (
    contact.expiresOn !== ticket.expiresOn ||
    !(await deleteContactDue(ticket.reference, ticket.expiresOn))
  ) {
    // Rescheduled (closed again later) or kept (reopened): another ticket, or none, stands for it now.
    await dropTicket(ticket);
    return 'dropped';
  } else {
    outcome = 'deleted';
  }
  // Recorded at the time it was due, so a run repeated after a crash writes the same event, not a second one.
  await appendEvent(
    {
      reference: ticket.reference,
      kind: 'contact-deleted',
      at: ticket.expiresOn,
      actor: SYSTEM_ACTOR,
      details: {
        deletedAt: now.toISOString(),
        by: outcome === 'deleted' ? 'retention-sweep' : 'time-to-live',
      },
    },
    'contact-deleted',
  );
  await markContactDeleted(ticket.reference, now.toISOString());
  await dropTicket(ticket);
  return outcome;
}

export async function sweepExpiredContacts(now: Date, remainingMs: () => number) {
  const tally: Record<Outcome, number> = { deleted: 0, recorded: 0, dropped: 0 };
  for (let shard = 0; shard < RETENTION_SHARDS; shard++) {
    for (;;) {
      if (remainingMs() < SAFETY_MARGIN_MS) return tally;
      const tickets = await dueTickets(`RETENTION#${shard}`, now.toISOString(), PAGE);
      for (const ticket of tickets) tally[await expire(ticket, now)]++;
      if (tickets.length < PAGE) break;
    }
  }
  return tally;
}

export const handler = middy(async (_event: unknown, context: Context) => {
  const tally = await sweepExpiredContacts(systemClock(), () => context.getRemainingTimeInMillis());
  metrics.addMetric('ContactsDeleted', MetricUnit.Count, tally.deleted + tally.recorded);
  logger.info('retention sweep', { ...tally });
  return tally;
})
  .use(injectLambdaContext(logger, { resetKeys: true }))
  .use(logMetrics(metrics, { captureColdStartMetric: true }));
