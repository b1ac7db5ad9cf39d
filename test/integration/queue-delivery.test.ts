// Through the real queue: the local poller feeds the worker with Lambda's SQS semantics (partial batch failures,
// visibility timeout, redrive). A duplicate delivery makes one case; a poison message ends in the DLQ.
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { functionNamed, type QueueTrigger, queues } from '#catalog';
import type { Invoker } from '#local/lambda.ts';
import { type Poller, startPoller } from '#local/poller.ts';
import { intakeMessage } from '../support/complaints.ts';
import {
  allItems,
  caseEvents,
  caseItem,
  type EmulatedAws,
  queueDepth,
  REGION,
  receiveAll,
  useEmulatedAws,
} from '../support/emulated-aws.ts';
import { startFunction, type TestFunction } from '../support/functions.ts';

let aws: EmulatedAws;
let worker: TestFunction;
let poller: Poller;
/** Set by a test: makes the next invocation crash after the worker has done its work, before it acknowledges. */
let crashAfterNextBatch = false;
let invocations = 0;
let watched = '';
/** Deliveries of the watched message the worker was handed (a slow batch on a loaded machine may be handed again). */
let watchedDeliveries = 0;

const spec = functionNamed('intake-worker');
const trigger = spec.triggers.find((t): t is QueueTrigger => t.kind === 'queue') as QueueTrigger;

beforeAll(async () => {
  aws = await useEmulatedAws({ visibilityTimeoutSeconds: 1 });
  // The worker logs each outcome at INFO, keyed by the reference.
  worker = await startFunction('intake-worker', aws, { logLevel: 'INFO', environments: 2 });
  // The worker's environments, wrapped to count invocations and to crash on demand.
  const invoker: Invoker = {
    spec,
    async invoke(event) {
      invocations++;
      const records = (event as { Records?: { body?: string }[] }).Records ?? [];
      watchedDeliveries += records.filter((r) => watched !== '' && r.body?.includes(watched)).length;
      const response = await worker.invoke(event);
      if (crashAfterNextBatch) {
        crashAfterNextBatch = false;
        throw new Error('worker crashed before returning');
      }
      return response;
    },
  };
  poller = startPoller({
    sqs: aws.sqs,
    queueUrl: aws.queues.intake.url,
    queueArn: aws.queues.intake.arn,
    region: REGION,
    trigger,
    invoker,
  });
});

afterAll(async () => {
  await poller.stop();
  await worker.stop();
});

/** What the worker said it did with each delivery of the watched message, read from its log lines. */
function outcomes() {
  const lines = worker.logs.filter((line) => line.includes(watched));
  return {
    created: lines.filter((line) => line.includes('"case created"')).length,
    duplicate: lines.filter((line) => line.includes('"duplicate delivery ignored"')).length,
  };
}

const send = (body: string) =>
  aws.sqs.send(new SendMessageCommand({ QueueUrl: aws.queues.intake.url, MessageBody: body }));

describe('intake queue → worker', () => {
  it('makes one case of a message delivered twice', async () => {
    const message = intakeMessage();
    watched = message.reference;
    await send(JSON.stringify(message));
    await send(JSON.stringify(message));

    await expect.poll(() => caseItem(aws, message.reference), { timeout: 20_000 }).toBeDefined();
    const item = (await caseItem(aws, message.reference)) ?? {};
    // Both deliveries are consumed (none is left to retry), and the case was written once.
    await vi.waitFor(async () => expect(await queueDepth(aws, aws.queues.intake.url)).toBe(0), {
      timeout: 20_000,
      interval: 200,
    });
    // Every delivery after the first (two sent, and any the visibility timeout handed out again) is a duplicate.
    await vi.waitFor(() => expect(outcomes()).toEqual({ created: 1, duplicate: watchedDeliveries - 1 }), {
      timeout: 5_000,
    });
    expect(watchedDeliveries).toBeGreaterThanOrEqual(2);
    expect(item.version).toBe(1);
    // One head and one opening event: the second delivery wrote nothing new.
    expect((await caseEvents(aws, message.reference)).map((e) => e.kind)).toEqual(['opened']);
    expect((await allItems(aws)).filter((i) => i.reference === message.reference)).toHaveLength(2);
  });

  it(`moves a poison message to the dead-letter queue after ${queues.intake.maxReceiveCount} receives, writing nothing`, async () => {
    const before = await allItems(aws);
    await send('{"kind":"hotline.intake.v1","reference":"not a reference"}');

    await expect.poll(() => queueDepth(aws, aws.queues.intake.deadLetterUrl), { timeout: 25_000 }).toBe(1);

    expect(await receiveAll(aws, aws.queues.intake.deadLetterUrl)).toEqual([
      '{"kind":"hotline.intake.v1","reference":"not a reference"}',
    ]);
    expect(await allItems(aws)).toEqual(before);
  });

  it('loses nothing and duplicates nothing when the worker crashes after writing, before acknowledging', async () => {
    const message = intakeMessage();
    const before = invocations;
    const deadBefore = await queueDepth(aws, aws.queues.intake.deadLetterUrl);
    crashAfterNextBatch = true;
    await send(JSON.stringify(message));

    await expect.poll(() => invocations, { timeout: 20_000 }).toBeGreaterThanOrEqual(before + 2);
    await vi.waitFor(async () => expect(await queueDepth(aws, aws.queues.intake.url)).toBe(0), {
      timeout: 20_000,
      interval: 200,
    });

    const item = await caseItem(aws, message.reference);
    expect(item?.version).toBe(1);
    expect((await caseEvents(aws, message.reference)).map((e) => e.kind)).toEqual(['opened']);
    expect((await allItems(aws)).filter((i) => i.reference === message.reference)).toHaveLength(2);
    expect(await queueDepth(aws, aws.queues.intake.deadLetterUrl)).toBe(deadBefore);
  });
});
