// Puts sweep jobs (one shard of the due index each) on the sweep queue.
import { SendMessageBatchCommand } from '@aws-sdk/client-sqs';
import type { SweepJob } from '#domain/deadlines/sweep-job.ts';
import { sqsClient } from './clients.ts';
import { queueUrl } from './environment.ts';
import { EnqueueFailedError } from './notify-queue.ts';

export async function enqueueSweeps(jobs: readonly SweepJob[]): Promise<void> {
  for (let i = 0; i < jobs.length; i += 10) {
    const batch = jobs.slice(i, i + 10);
    const { Failed = [] } = await sqsClient().send(
      new SendMessageBatchCommand({
        QueueUrl: queueUrl('sweep'),
        Entries: batch.map((job, j) => ({ Id: String(j), MessageBody: JSON.stringify(job) })),
      }),
    );
    if (Failed.length > 0) throw new EnqueueFailedError(`${Failed.length} sweep jobs were not queued`);
  }
}
