// Puts accepted complaints on the intake queue; the worker takes them from there. The body is ASCII-only JSON,
// so every character a citizen typed travels, whatever the queue accepts.
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import type { IntakeMessage } from '#domain/intake-message.ts';
import { asciiJson } from '#domain/unicode.ts';
import { sqsClient } from './clients.ts';
import { queueUrl } from './environment.ts';

export async function enqueueComplaint(message: IntakeMessage): Promise<void> {
  await sqsClient().send(
    new SendMessageCommand({ QueueUrl: queueUrl('intake'), MessageBody: asciiJson(message) }),
  );
}
