// Actions, contact views and the notifier racing on the same cases, on the whole local runtime: every message that
// went out has exactly one record in its case, no record is lost, every committed step has its event and every
// contact view shown is in the history. (Before the record was an item collection, a notifier's append was erased
// by an action writing the whole case: messages went out with no trace.)
import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageBatchCommand, SQSClient } from '@aws-sdk/client-sqs';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '#local/runtime.ts';
import { queueDepth } from '../support/emulated-aws.ts';
import { startTestRuntime } from '../support/local-runtime.ts';

let runtime: LocalRuntime;
let dynamo: DynamoDBClient;
let sqs: SQSClient;
const sdk = { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } };

beforeAll(async () => {
  // No sweeps: the jobs of this test are the only notices besides the ones a case sends at opening and conclusion.
  runtime = await startTestRuntime({ resourcePrefix: 'race', scheduleIntervalSeconds: 3600 });
  dynamo = new DynamoDBClient({ ...sdk, endpoint: runtime.endpoints.dynamodb });
  sqs = new SQSClient({ ...sdk, endpoint: runtime.endpoints.sqs, useQueueUrlAsEndpoint: false });
});
afterAll(async () => {
  dynamo?.destroy();
  sqs?.destroy();
  await runtime?.stop();
});

async function call(method: string, path: string, as: string, body?: unknown) {
  const response = await fetch(`${runtime.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${await runtime.signToken(as)}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  // biome-ignore lint/suspicious/noExplicitAny: each call reads the answer of its own route.
  return { status: response.status, json: (await response.json()) as any };
}

async function items(reference: string): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await dynamo.send(
    new QueryCommand({
      TableName: runtime.tableName,
      KeyConditionExpression: 'pk = :pk',
      ExpressionAttributeValues: marshall({ ':pk': `CASE#${reference}` }),
      ConsistentRead: true,
    }),
  );
  return Items.map((item) => unmarshall(item));
}

/** Takes the case through its life, re-reading its version whenever another writer got there first. */
async function work(reference: string): Promise<void> {
  const steps: Record<string, unknown>[] = [
    { action: 'acknowledge' },
    { action: 'verify' },
    {
      action: 'substantiate',
      findings: '经核查，窗口工作人员索要好处费属实。',
      sanctions: [{ person: '三角镇便民服务中心窗口工作人员', kinds: ['admonition_talk'] }],
    },
    { action: 'close' },
  ];
  for (const step of steps) {
    for (let attempt = 0; ; attempt++) {
      const version = (await call('GET', `/cases/${reference}`, 'sanjiao-cdi-investigator')).json.case
        .version;
      const answer = await call('POST', `/cases/${reference}/actions`, 'sanjiao-cdi-investigator', {
        ...step,
        expectedVersion: version,
      });
      if (answer.status === 200) break;
      expect(answer.status).toBe(409);
      expect(attempt).toBeLessThan(20);
    }
  }
}

describe('actions, contact views and the notifier on the same cases at once', () => {
  it('lose nothing: every message sent has one record, every step its event, every view its entry', async () => {
    const references: string[] = [];
    for (let i = 0; i < 5; i++) {
      const response = await fetch(`${runtime.url}/complaints`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          description: `三角镇便民服务中心窗口人员第${i + 1}次让我补材料，还暗示要给点好处才办。`,
          subjectUnit: '三角镇便民服务中心',
          anonymous: false,
          contact: { email: `reporter${i}@example.org`, phone: `1380013800${i}` },
        }),
      });
      expect(response.status).toBe(202);
      references.push(((await response.json()) as { reference: string }).reference);
    }
    for (const reference of references) {
      await expect
        .poll(async () => (await call('GET', `/cases/${reference}`, 'sanjiao-cdi-investigator')).status, {
          timeout: 20_000,
        })
        .toBe(200);
    }

    // Each case's overdue notice and its escalations, every job queued twice, while people act and look.
    const jobs = references.flatMap((reference) =>
      [
        'verification:overdue',
        'verification:escalate-1',
        'verification:escalate-2',
        'verification:escalate-3',
      ].map((milestone, i) => ({
        reference,
        milestone,
        kind: i === 0 ? 'overdue' : 'escalation',
        clock: 'verification',
        level: 0,
        dueAt: '2026-11-30T09:30:00.000Z',
        at: `2026-11-30T09:3${i}:00.000Z`,
      })),
    );
    const views = new Map<string, number>();
    await Promise.all([
      ...references.map((reference) => work(reference)),
      ...[0, 1].map(async () => {
        for (let i = 0; i < jobs.length; i += 10) {
          await sqs.send(
            new SendMessageBatchCommand({
              QueueUrl: runtime.queues.notify.url,
              Entries: jobs
                .slice(i, i + 10)
                .map((job, j) => ({ Id: String(j), MessageBody: JSON.stringify(job) })),
            }),
          );
        }
      }),
      ...references.map(async (reference) => {
        for (let i = 0; i < 4; i++) {
          const answer = await call('POST', `/cases/${reference}/contact-views`, 'sanjiao-cdi-supervisor');
          expect(answer.status).toBe(200);
          views.set(reference, (views.get(reference) ?? 0) + 1);
        }
      }),
    ]);
    // Every queue empty at once: the jobs, their retries, the projections. Read upstream first: the projector
    // queues a closed case's notices before it lets its (delayed) transition message go, so an empty events queue
    // read before an empty notify queue leaves no notice unsent. (Read one by one, notify first, a notice queued
    // after its check was sent after the outbox was read: one more record than messages, under load.)
    const pending = async () => {
      let depth = 0;
      for (const queue of ['intake', 'events', 'notify'] as const) {
        depth += await queueDepth({ sqs }, runtime.queues[queue].url);
      }
      return depth;
    };
    await expect.poll(pending, { timeout: 60_000, interval: 500 }).toBe(0);

    const outbox = (await (await fetch(`${runtime.url}/local/outbox`)).json()) as {
      emails: { subject: string; text: string }[];
      sms: { text: string }[];
    };
    for (const reference of references) {
      const all = await items(reference);
      const sent = all.filter((item) => item.kind === 'notified' && item.state === 'sent');
      const messages =
        outbox.emails.filter((e) => e.subject.includes(reference) || e.text.includes(reference)).length +
        outbox.sms.filter((s) => s.text.includes(reference)).length;
      // Exactly one record for every message that went out, and none for a message that did not.
      expect(sent.length, reference).toBe(messages);
      expect(all.filter((item) => item.kind === 'notified' && item.state === 'claimed')).toEqual([]);
      // The overdue job's and each escalation's messages are all accounted for, once each (queued twice).
      const keys = all.filter((item) => item.kind === 'notified').map((item) => JSON.stringify(item.details));
      expect(new Set(keys).size).toBe(keys.length);
      // Every committed step has its event, and the head moved on once per step.
      const head = all.find((item) => item.sk === 'HEAD');
      const transitions = all.filter((item) => String(item.sk).startsWith('T#'));
      expect(head?.status).toBe('closed');
      expect(transitions.map((t) => t.version)).toEqual([1, 2, 3, 4, 5]);
      // Every contact view shown is in the history.
      expect(all.filter((item) => item.kind === 'contact-viewed')).toHaveLength(views.get(reference) ?? -1);
    }
  }, 180_000);
});
