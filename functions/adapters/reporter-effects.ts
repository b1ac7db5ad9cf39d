// What a committed transition sets off for the reporter's side, run by the projector once it knows the transition
// committed (and again, harmlessly, on each redelivery): the notices it owes at once (reporter/notices.ts; the
// notifier's send records make each one message), and when the reporter's contact details are to expire
// (reporter/retention.ts), for the case itself and for each case merged into it, which follows its outcome.
import { reporterPolicy } from '#config/reporter.ts';
import type { Case } from '#domain/case.ts';
import type { TransitionEvent } from '#domain/events.ts';
import { noticesOf } from '#domain/reporter/notices.ts';
import { contactExpiry } from '#domain/reporter/retention.ts';
import { findCase, mergedInto } from './case-store.ts';
import { scheduleContactExpiry } from './contact-store.ts';
import { enqueueNotifications } from './notify-queue.ts';

/** Kinds after which the merged cases' reporters are concerned too (they follow this case's outcome). */
const CONCERNS_MERGED: ReadonlySet<TransitionEvent['kind']> = new Set([
  'substantiated',
  'unfounded',
  'closed',
  'reopened',
]);
/** Kinds that decide whether the contact is still needed: the case is done, or not done after all. */
const DECIDES_RETENTION: ReadonlySet<TransitionEvent['kind']> = new Set([
  'closed',
  'reopened',
  'merged',
  'unmerged',
]);

export async function reporterEffects(event: TransitionEvent, head: Case): Promise<{ notices: number }> {
  const merged = CONCERNS_MERGED.has(event.kind)
    ? (await mergedInto(event.reference)).map((m) => m.reference)
    : [];
  const notices = noticesOf(event, head, merged);
  await enqueueNotifications(notices);
  if (DECIDES_RETENTION.has(event.kind)) {
    // Decided from the heads as they are now, so projections handled out of order end where the latest one says.
    if (head.hasContact === true) {
      const followed =
        head.status === 'merged' && head.mergedInto !== undefined
          ? await findCase(head.mergedInto)
          : undefined;
      await scheduleContactExpiry(head.reference, contactExpiry(head, reporterPolicy, followed), head);
    }
    if (event.kind === 'closed' || event.kind === 'reopened') {
      for (const reference of merged) {
        const duplicate = await findCase(reference);
        if (duplicate?.hasContact !== true || duplicate.status !== 'merged') continue;
        await scheduleContactExpiry(reference, contactExpiry(duplicate, reporterPolicy, head), head);
      }
    }
  }
  return { notices: notices.length };
}
