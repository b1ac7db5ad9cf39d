// Puts notification jobs on the notify queue; the notifier takes them from there. Jobs carry no personal data.
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { NotifyJob } from '#domain/notifications/job.ts';
import { sqsClient } from './clients.ts';
import { queueUrl } from './environment.ts';

/** SQS takes at most ten messages per batch call. */
const BATCH = 10;

export class EnqueueFailedError extends Error {
  override readonly name = 'EnqueueFailedError';
}

export async function enqueueNotifications(jobs: readonly NotifyJob[]): Promise<void> {
  for (let i = 0; i < jobs.length; i += BATCH) {
    const batch = jobs.slice(i, i + BATCH);
    const { Failed = [] } = await sqsClient().send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl('notify'),
        Entries: batch.map((job, j) => ({ Id: String(j), MessageBody: JSON.stringify(job) })),
      }),
    );
    if (Failed.length > 0) throw new EnqueueFailedError(`${Failed.length} notification jobs were not queued`);
  }
}
