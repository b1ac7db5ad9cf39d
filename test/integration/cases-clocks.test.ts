// The lifecycle and the deadline engine together, over HTTP on the local runtime: each step an investigator takes
// moves the case's next due milestone and its place in the due index in the same write — acknowledging stops the
// acknowledgement clock, concluding stops the verification clock and starts the reporter's feedback clock, closing
// takes the case out of the index, reopening puts it back.
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseKey } from '#catalog';
import type { LocalRuntime } from '#local/runtime.ts';
import { startTestRuntime } from '#support/local-runtime.ts';

let runtime: LocalRuntime;
let dynamo: DynamoDBClient;

beforeAll(async () => {
  // The sweeper runs every second, so what falls due at once (the reporter's conclusion notice) is sent here.
  runtime = await startTestRuntime({ resourcePrefix: 'clocks', scheduleIntervalSeconds: 1 });
  dynamo = new DynamoDBClient({
    endpoint: runtime.endpoints.dynamodb,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});
afterAll(async () => {
  dynamo?.destroy();
  await runtime?.stop();
});

async function stored(reference: string): Promise<Record<string, unknown>> {
  const { Item } = await dynamo.send(
    new GetItemCommand({
      TableName: runtime.tableName,
      Key: marshall(caseKey(reference)),
      ConsistentRead: true,
    }),
  );
  return Item === undefined ? {} : unmarshall(Item);
}

async function act(reference: string, as: string, body: Record<string, unknown>) {
  const before = await stored(reference);
  const response = await fetch(`${runtime.url}/cases/${reference}/actions`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${await runtime.signToken(as)}`,
      'content-type': 'application/json',
    },
    body: JSON.stringify({ expectedVersion: before.version, ...body }),
  });
  expect(response.status, await response.clone().text()).toBe(200);
  return stored(reference);
}

describe('a case worked through the cases API', () => {
  it('moves its next due milestone and its place in the due index with every step', async () => {
    const accepted = await fetch(`${runtime.url}/complaints`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        description: '三角镇便民服务中心的窗口人员一直推诿，说材料不全，让我跑了五趟。',
        subjectUnit: '三角镇便民服务中心',
        anonymous: false,
        contact: { phone: '13800138000' },
      }),
    });
    const { reference } = (await accepted.json()) as { reference: string };
    await expect.poll(async () => (await stored(reference)).status, { timeout: 15_000 }).toBe('triaged');

    const opened = await stored(reference);
    expect(opened.bodyId).toBe('sanjiao-cdi');
    // Open: the acknowledgement is the first clock to run out, and the case is in the due index by it.
    expect(Date.parse(String(opened.nextDueAt))).toBeLessThan(Date.parse(String(opened.acknowledgeDueAt)));
    expect(opened.dueOrder).toBe(`${opened.nextDueAt}#${reference}`);

    const investigator = 'sanjiao-cdi-investigator';
    const acknowledged = await act(reference, investigator, { action: 'acknowledge' });
    expect(acknowledged.acknowledgedAt).toBeDefined();
    // Only the verification clock runs now: the next milestone is one of its own, later than before.
    expect(Date.parse(String(acknowledged.nextDueAt))).toBeGreaterThan(Date.parse(String(opened.nextDueAt)));
    expect(Date.parse(String(acknowledged.nextDueAt))).toBeLessThanOrEqual(
      Date.parse(String(acknowledged.verificationDueAt)),
    );
    expect(acknowledged.dueOrder).toBe(`${acknowledged.nextDueAt}#${reference}`);

    await act(reference, investigator, { action: 'verify' });
    const concluded = await act(reference, investigator, {
      action: 'unfound',
      findings: '窗口人员按规定一次性告知了所缺材料，未发现故意推诿。',
    });
    // The verification clock stopped: its reminder is no longer what comes next. The reporter left a number: the
    // conclusion is told them with the action (the projector queues it, no sweep milestone), and the feedback clock
    // runs until the case is closed.
    expect(concluded.concludedAt).toBeDefined();
    expect(concluded.reporterFeedbackDueAt).toBeDefined();
    expect(concluded.nextDueAt).not.toBe(acknowledged.nextDueAt);
    expect(Date.parse(String(concluded.nextDueAt))).toBeGreaterThan(
      Date.parse(String(concluded.concludedAt)),
    );
    expect(Date.parse(String(concluded.nextDueAt))).toBeLessThanOrEqual(
      Date.parse(String(concluded.reporterFeedbackDueAt)),
    );

    await act(reference, investigator, { action: 'close' });
    // Closed: nothing is due any more and the case has left the due index.
    await expect.poll(async () => (await stored(reference)).dueShard, { timeout: 15_000 }).toBeUndefined();
    const closed = await stored(reference);
    expect(closed.nextDueAt).toBeUndefined();
    expect(closed.dueOrder).toBeUndefined();
    // The conclusion was no sweep milestone: the projector queued it with the action, and the reporter has it.
    expect(closed.milestonesNotified).toEqual([]);
    await expect
      .poll(
        async () => {
          const outbox = (await (await fetch(`${runtime.url}/local/outbox`)).json()) as {
            sms: { to: string; text: string }[];
          };
          return outbox.sms.filter((m) => m.to === '+8613800138000' && m.text.includes(reference)).length;
        },
        { timeout: 15_000 },
      )
      .toBeGreaterThanOrEqual(1);

    const reopened = await act(reference, 'sanjiao-cdi-supervisor', {
      action: 'reopen',
      note: '举报人补充了新的线索。',
    });
    // Verifying again: the verification clock runs (and is overdue by now), so the case is back in the index.
    expect(reopened.status).toBe('verifying');
    expect(reopened.concludedAt).toBeUndefined();
    expect(reopened.nextDueAt).toBeDefined();
    expect(reopened.dueOrder).toBe(`${reopened.nextDueAt}#${reference}`);
  });
});
