// Queues each transition for the projector before it commits (case-projector.ts): the outbox that makes a crash
// between the commit and its event, or its count, lose nothing. Delayed a little, so it usually arrives after the
// commit it announces.
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { Case } from '#domain/case.ts';
import {
  TRANSITION_MESSAGE_KIND,
  type Transition,
  type TransitionEvent,
  type TransitionMessage,
} from '#domain/events.ts';
import { type CommitOutcome, commitTransition, eventSortKey } from './case-store.ts';
import { sqsClient } from './clients.ts';
import { queueUrl } from './environment.ts';

/** Seconds a transition message waits before the projector sees it. */
export const PROJECTION_DELAY_SECONDS = 2;

export async function announceTransition(event: TransitionEvent, sk: string): Promise<void> {
  const message: TransitionMessage = { kind: TRANSITION_MESSAGE_KIND, sk, event };
  await sqsClient().send(
    new SendMessageCommand({
      QueueUrl: queueUrl('events'),
      MessageBody: JSON.stringify(message),
      DelaySeconds: PROJECTION_DELAY_SECONDS,
    }),
  );
}

/**
 * Commits a transition the crash-proof way: queued for the projector first, then the head moves on conditionally
 * (case-store.ts). A stale head answers 'stale' and the queued message is dropped by the projector, since the head
 * never names its event.
 */
export async function commit(current: Case, transition: Transition): Promise<CommitOutcome> {
  await announceTransition(transition.event, eventSortKey(transition.event));
  return commitTransition(current, transition);
}
