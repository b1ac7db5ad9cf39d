// The notices a committed transition owes the reporter and the staff at once, queued by the projector as soon as it
// sees the commit (not at the next deadline sweep): the conclusion to every reporter who can be reached (the case's
// own, and each case merged into it), a question waiting, an answer to a rating; and to staff, that the reporter
// answered, added information, or is not satisfied. Each job's milestone names the transition's version, so a
// projection delivered twice queues the same job and the notifier's send records send it once; a second conclusion
// (reopened, concluded again) is another version and is told again.
import type { Case } from '../case.ts';
import type { TransitionEvent } from '../events.ts';
import type { NotificationKind, NotifyJob } from '../notifications/job.ts';

export function noticesOf(
  event: Pick<TransitionEvent, 'reference' | 'kind' | 'at' | 'version' | 'details'>,
  head: Pick<Case, 'hasContact'>,
  /** The cases merged into this one (their reporters follow its outcome). */
  merged: readonly string[] = [],
): NotifyJob[] {
  const job = (kind: NotificationKind, name: string, reference = event.reference): NotifyJob => ({
    reference,
    milestone: `${name}:v${event.version}`,
    kind,
    level: 0,
    at: event.at,
  });
  const reporter = head.hasContact === true;
  switch (event.kind) {
    case 'substantiated':
    case 'unfounded': {
      const outcome = event.kind;
      return [
        ...(reporter ? [{ ...job('reporter-conclusion', 'reporter:conclusion'), outcome }] : []),
        // A merged case's reporter hears the outcome of the case that carried on; the notifier finds whether they
        // left a contact (the merge index does not say).
        ...merged.map((reference) => ({
          ...job('reporter-conclusion', `reporter:conclusion:${event.reference}`, reference),
          outcome,
        })),
      ];
    }
    case 'question-asked':
      return reporter ? [job('reporter-question', 'reporter:question')] : [];
    case 'rating-answered':
      return reporter ? [job('reporter-reply', 'reporter:reply')] : [];
    case 'question-answered':
    case 'information-added':
      return [job('reporter-message-arrived', 'staff:reporter-wrote')];
    case 'rated':
      return event.details?.rating === 'dissatisfied'
        ? [job('reporter-dissatisfied', 'staff:dissatisfied')]
        : [];
    default:
      return [];
  }
}
