// Fault: the table throttles. Records that cannot be written fail back to the queue and are retried; every
// complaint ends as exactly one case and nothing reaches the DLQ. Traffic stays on 127.0.0.1.
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { QueueTrigger } from '#catalog';
import { type Poller, startPoller } from '#local/poller.ts';
import { intakeMessage } from '../support/complaints.ts';
import {
  allItems,
  caseEvents,
  type EmulatedAws,
  queueDepth,
  REGION,
  useEmulatedAws,
} from '../support/emulated-aws.ts';
import { startFunction, type TestFunction } from '../support/functions.ts';

let aws: EmulatedAws;
let poller: Poller;
let worker: TestFunction;
let proxy: Server;
/** How many more case writes the "table" refuses with a throttling error. */
let throttleWrites = 0;
let throttled = 0;

/** Stands between the worker and dynalite and answers PutItem as a throttled table would. */
function throttlingProxy(target: URL): Server {
  return createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (req.headers['x-amz-target'] === 'DynamoDB_20120810.PutItem' && throttleWrites > 0) {
        throttleWrites--;
        throttled++;
        res.writeHead(400, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(
          JSON.stringify({
            __type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
            message: 'The level of configured provisioned throughput for the table was exceeded.',
          }),
        );
        return;
      }
      const forward = request(
        { host: target.hostname, port: target.port, path: req.url, method: req.method, headers: req.headers },
        (upstream) => {
          res.writeHead(upstream.statusCode ?? 500, upstream.headers);
          upstream.pipe(res);
        },
      );
      forward.end(body);
    });
  });
}

beforeAll(async () => {
  aws = await useEmulatedAws({ visibilityTimeoutSeconds: 1 });
  proxy = throttlingProxy(new URL(aws.endpoints.DYNAMODB));
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  // Only the worker goes through the proxy; the test reads the table directly.
  worker = await startFunction('intake-worker', aws, {
    environments: 2,
    endpoints: { DYNAMODB: `http://127.0.0.1:${(proxy.address() as AddressInfo).port}` },
    settings: { AWS_MAX_ATTEMPTS: '2' },
  });
  poller = startPoller({
    sqs: aws.sqs,
    queueUrl: aws.queues.intake.url,
    queueArn: aws.queues.intake.arn,
    region: REGION,
    trigger: worker.pool.spec.triggers.find((t): t is QueueTrigger => t.kind === 'queue') as QueueTrigger,
    invoker: worker.pool,
  });
});

afterAll(async () => {
  await poller.stop();
  await worker.stop();
  await new Promise((resolve) => proxy.close(resolve));
});

describe('a throttled table', () => {
  it('delays complaints but loses none and duplicates none', async () => {
    throttleWrites = 8;
    const messages = Array.from({ length: 6 }, () => intakeMessage());
    for (const message of messages) {
      await aws.sqs.send(
        new SendMessageCommand({ QueueUrl: aws.queues.intake.url, MessageBody: JSON.stringify(message) }),
      );
    }

    const references = new Set(messages.map((m) => m.reference));
    const ours = async () =>
      (await allItems(aws)).filter((item) => references.has(item.reference as string) && item.sk === 'HEAD');
    await expect.poll(async () => (await ours()).length, { timeout: 25_000 }).toBe(messages.length);
    const cases = await ours();

    expect(throttled).toBe(8);
    expect(cases.map((c) => c.reference).sort()).toEqual([...references].sort());
    // Each case once, with its one opening event: none lost, none doubled.
    for (const item of cases) {
      expect(item.version).toBe(1);
      expect((await caseEvents(aws, String(item.reference))).map((e) => e.kind)).toEqual(['opened']);
    }
    await vi.waitFor(async () => expect(await queueDepth(aws, aws.queues.intake.url)).toBe(0), {
      timeout: 20_000,
      interval: 200,
    });
    expect(await queueDepth(aws, aws.queues.intake.deadLetterUrl)).toBe(0);
  });
});
