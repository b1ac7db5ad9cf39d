// Through the real queue: the local poller feeds the worker with Lambda's SQS semantics (partial batch failures,
// visibility timeout, redrive). A duplicate delivery makes one case; a poison message ends in the DLQ.
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { functionNamed, type QueueTrigger, queues } from '../../functions/catalog.ts';
import { FunctionPool, handlerModule } from '../../local/lambda.ts';
import { type Poller, startPoller } from '../../local/poller.ts';
import { intakeMessage } from '../support/complaints.ts';
import {
  allItems,
  caseItem,
  type EmulatedAws,
  queueDepth,
  receiveAll,
  useEmulatedAws,
} from '../support/emulated-aws.ts';
import { eventually } from '../support/local-runtime.ts';

let aws: EmulatedAws;
let poller: Poller;
/** Set by a test: makes the next invocation crash after the worker has done its work, before it acknowledges. */
let crashAfterNextBatch = false;
let invocations = 0;
/** What the worker said it did with each delivery of the duplicate test's message, read from its log lines. */
const outcomes = { created: 0, duplicate: 0 };
let watched = '';

const worker = functionNamed('intake-worker');
const trigger = worker.triggers.find((t): t is QueueTrigger => t.kind === 'queue') as QueueTrigger;

beforeAll(async () => {
  aws = await useEmulatedAws({ visibilityTimeoutSeconds: 1 });
  // The worker logs each outcome at INFO, keyed by the reference: count them for the watched message.
  process.env.POWERTOOLS_LOG_LEVEL = 'INFO';
  const write = process.stdout.write.bind(process.stdout);
  vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: never[]) => {
    const line = String(chunk);
    if (watched !== '' && line.includes(watched)) {
      if (line.includes('"case created"')) outcomes.created++;
      if (line.includes('"duplicate delivery ignored"')) outcomes.duplicate++;
      return true;
    }
    return write(chunk, ...rest);
  }) as typeof process.stdout.write);
  const load = handlerModule(worker);
  // Each environment's handler, wrapped to count invocations and to crash on demand.
  const pool = new FunctionPool(
    worker,
    async (instance) => {
      const handler = await load(instance);
      return async (event, context) => {
        invocations++;
        const response = await handler(event, context);
        if (crashAfterNextBatch) {
          crashAfterNextBatch = false;
          throw new Error('worker crashed before returning');
        }
        return response;
      };
    },
    2,
  );
  poller = startPoller({
    sqs: aws.sqs,
    queueUrl: aws.queues.intake.url,
    queueArn: aws.queues.intake.arn,
    region: 'us-east-1',
    trigger,
    pool,
  });
});

afterAll(async () => {
  await poller.stop();
});

const send = (body: string) =>
  aws.sqs.send(new SendMessageCommand({ QueueUrl: aws.queues.intake.url, MessageBody: body }));

describe('intake queue → worker', () => {
  it('makes one case of a message delivered twice', async () => {
    const message = intakeMessage();
    watched = message.reference;
    await send(JSON.stringify(message));
    await send(JSON.stringify(message));

    const item = await eventually(() => caseItem(aws, message.reference), 20_000);
    // Both deliveries are consumed (none is left to retry), and the case was written once.
    await vi.waitFor(async () => expect(await queueDepth(aws, aws.queues.intake.url)).toBe(0), {
      timeout: 20_000,
      interval: 200,
    });
    await vi.waitFor(() => expect(outcomes).toEqual({ created: 1, duplicate: 1 }), { timeout: 5_000 });
    expect((item.history as { action: string }[]).map((h) => h.action)).toEqual(['received', 'triaged']);
    expect((await allItems(aws)).filter((i) => i.reference === message.reference)).toHaveLength(1);
  });

  it(`moves a poison message to the dead-letter queue after ${queues.intake.maxReceiveCount} receives, writing nothing`, async () => {
    const before = await allItems(aws);
    await send('{"kind":"hotline.intake.v1","reference":"not a reference"}');

    const dead = await eventually(async () => {
      const bodies = await receiveAll(aws, aws.queues.intake.deadLetterUrl);
      return bodies.length > 0 ? bodies : undefined;
    }, 25_000);

    expect(dead).toEqual(['{"kind":"hotline.intake.v1","reference":"not a reference"}']);
    expect(await allItems(aws)).toEqual(before);
  });

  it('loses nothing and duplicates nothing when the worker crashes after writing, before acknowledging', async () => {
    const message = intakeMessage();
    const before = invocations;
    crashAfterNextBatch = true;
    await send(JSON.stringify(message));

    await eventually(async () => (invocations >= before + 2 ? true : undefined), 20_000);
    await vi.waitFor(async () => expect(await queueDepth(aws, aws.queues.intake.url)).toBe(0), {
      timeout: 20_000,
      interval: 200,
    });

    const item = await caseItem(aws, message.reference);
    expect((item?.history ?? []) as unknown[]).toHaveLength(2);
    expect((await allItems(aws)).filter((i) => i.reference === message.reference)).toHaveLength(1);
    expect(await receiveAll(aws, aws.queues.intake.deadLetterUrl)).toEqual([]);
  });
});
