// The tests' "queue drained" check: a message still delayed is waiting to be handled, so it counts. (A transition
// waits two seconds before the projector sees it; a check that missed it let a test read the outbox before a closed
// case's notice went out.)
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type EmulatedAws, queueDepth, useEmulatedAws } from '../support/emulated-aws.ts';

let aws: EmulatedAws;

beforeAll(async () => {
  aws = await useEmulatedAws();
});

describe('queueDepth', () => {
  it('counts a delayed message until it has been handled', async () => {
    const url = aws.queues.events.url;
    expect(await queueDepth(aws, url)).toBe(0);
    await aws.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: '{}', DelaySeconds: 2 }));
    expect(await queueDepth(aws, url)).toBe(1);
  });
});
