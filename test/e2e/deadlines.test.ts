// Deadlines end to end on the local runtime with a fast clock (half a day per second): a complaint becomes a case,
// its investigators find it in their morning digest, then the overdue SMS reaches a supervisor; a case acknowledged and
// verified in time gets neither; a critical complaint is announced at once. Everything is read from /local/outbox.
// The runtime's SQS traffic goes through an observing proxy, and its functions' logs come here: a test sees every
// notice queued and every notice the notifier has finished with.
import { DynamoDBClient, GetItemCommand, QueryCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseKey } from '#catalog';
import directory from '#config/directory.json' with { type: 'json' };
import { deadlineConfig } from '#config/office.ts';
import type { Case } from '#domain/case.ts';
import { noticesAtOpening } from '#domain/notifications/opening.ts';
import { type Emulator, startSqs } from '#local/emulators.ts';
import type { LocalRuntime } from '#local/runtime.ts';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.ts';
import { startTestRuntime } from '../support/local-runtime.ts';

const CLOCK_SPEED = 43_200;
let runtime: LocalRuntime;
let dynamo: DynamoDBClient;
let sqs: Emulator;
let observer: FaultProxy;
/** Every notice queued, as the SQS proxy saw it go by. */
const queuedNotices: { reference: string; milestone: string }[] = [];
/** Every notice the notifier finished with: sent (`notified`) or dropped (`notification no longer due`). */
const handledNotices: { reference: string; milestone: string; message: string }[] = [];

beforeAll(async () => {
  sqs = await startSqs();
  observer = await startFaultProxy(sqs.endpoint, (operation, body) => {
    if (operation !== 'AmazonSQS.SendMessageBatch') return 'pass';
    const sent = JSON.parse(body) as { QueueUrl: string; Entries?: { MessageBody: string }[] };
    if (sent.QueueUrl.endsWith('-notify'))
      for (const entry of sent.Entries ?? []) queuedNotices.push(JSON.parse(entry.MessageBody));
    return 'pass';
  });
  runtime = await startTestRuntime({
    env: {
      POWERTOOLS_LOG_LEVEL: 'INFO',
      HOTLINE_CLOCK_SPEED: String(CLOCK_SPEED),
      HOTLINE_SWEEP_INTERVAL_SECONDS: '0.2',
      AWS_ENDPOINT_URL_SQS: observer.endpoint,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
    },
    logSink: (line) => {
      if (!line.includes('"notified"') && !line.includes('"notification no longer due"')) return;
      const { message, reference, milestone } = JSON.parse(line);
      if (message === 'notified' || message === 'notification no longer due')
        handledNotices.push({ reference, milestone, message });
    },
  });
  dynamo = new DynamoDBClient({
    endpoint: runtime.endpoints.dynamodb,
    region: 'us-east-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  // The runtime warms every function (thirty, with the evidence routes) and starts its emulators on a shared 2-core
  // machine: a minute is not always enough.
}, 180_000);
afterAll(async () => {
  dynamo?.destroy();
  await runtime?.stop();
  await observer?.stop();
  await sqs?.stop();
});

interface Outbox {
  emails: { to: string; subject: string; text: string; sentAt: string }[];
  sms: { to: string; text: string; sentAt: string }[];
}

async function outbox(): Promise<Outbox> {
  const response = await fetch(`${runtime.url}/local/outbox`);
  expect(response.status).toBe(200);
  return (await response.json()) as Outbox;
}

async function submit(description: string): Promise<string> {
  const response = await fetch(`${runtime.url}/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ description, language: 'zh-CN' }),
  });
  expect(response.status).toBe(202);
  return ((await response.json()) as { reference: string }).reference;
}

async function caseOf(reference: string): Promise<Record<string, unknown> | undefined> {
  const { Item } = await dynamo.send(
    new GetItemCommand({
      TableName: runtime.tableName,
      Key: marshall(caseKey(reference)),
      ConsistentRead: true,
    }),
  );
  return Item === undefined ? undefined : unmarshall(Item);
}

/** The send records of a case: one event per message the notifier sent (or was refused by a cap). */
async function sendRecordsOf(reference: string): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await dynamo.send(
    new QueryCommand({
      TableName: runtime.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :e)',
      ExpressionAttributeValues: marshall({ ':pk': `CASE#${reference}`, ':e': 'E#' }),
      ConsistentRead: true,
    }),
  );
  return Items.map((item) => unmarshall(item)).filter((item) => item.kind === 'notified');
}

/** Each notice queued for a case has been finished with (a notice queued twice, twice); answers the outcomes. */
function handledOf(reference: string): string[] | undefined {
  const handled = handledNotices.filter((notice) => notice.reference === reference);
  const pending = [...handled];
  for (const queued of queuedNotices.filter((notice) => notice.reference === reference)) {
    const at = pending.findIndex((notice) => notice.milestone === queued.milestone);
    if (at === -1) return undefined;
    pending.splice(at, 1);
  }
  return handled.map((notice) => `${notice.milestone} ${notice.message}`);
}

const people = (bodyId: string, role: string) =>
  directory.bodies.find((b) => b.id === bodyId)?.people.filter((p) => p.role === role) ?? [];
const smsNumber = (phone: string) => `+${phone.replace(/[^0-9]/g, '')}`;

describe('deadlines on the local runtime with a fast clock', () => {
  it("lists the case in the investigators' morning digest, then tells a supervisor by SMS when it is overdue", async () => {
    const reference = await submit('三角镇便民服务中心的窗口人员一直推诿，说材料不全，让我跑了五趟。');
    await expect.poll(async () => (await caseOf(reference))?.status, { timeout: 15_000 }).toBe('triaged');
    const record = await caseOf(reference);
    const bodyId = String(record?.bodyId);
    const investigators = people(bodyId, 'investigator').map((p) => p.email);
    const supervisors = people(bodyId, 'supervisor').map((p) => smsNumber(p.phone));

    // Reminders are not sent one by one: the next working morning's digest (08:00 of case time, within seconds at
    // this speed) lists the case to its body's investigators, nobody having signed for it.
    await expect
      .poll(
        async () =>
          (await outbox()).emails.some(
            (e) =>
              investigators.includes(e.to) && e.subject.includes('每日待办') && e.text.includes(reference),
          ),
        { timeout: 30_000, interval: 250 },
      )
      .toBe(true);
    expect(
      (await outbox()).emails.filter((e) => e.subject.includes(reference) && e.subject.includes('提醒')),
    ).toEqual([]);
    await expect
      .poll(
        async () =>
          (await outbox()).sms.some(
            (s) => supervisors.includes(s.to) && s.text.includes(reference) && s.text.includes('逾期'),
          ),
        { timeout: 30_000, interval: 250 },
      )
      .toBe(true);
    const after = await caseOf(reference);
    // The acknowledgement or the verification went overdue, whichever came first on today's calendar.
    expect(after?.milestonesNotified).toEqual(
      expect.arrayContaining([expect.stringMatching(/^(acknowledge|verification):overdue$/)]),
    );
    // Each message sent has its record in the case, confirmed once sent.
    expect(await sendRecordsOf(reference)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          state: 'sent',
          details: expect.objectContaining({ milestone: expect.stringMatching(/:overdue$/), channel: 'sms' }),
        }),
      ]),
    );
    // What the next test relies on: the proxy saw the overdue notice queued, and the log saw the notifier send it.
    expect(queuedNotices).toContainEqual(
      expect.objectContaining({ reference, milestone: expect.stringMatching(/:overdue$/) }),
    );
    expect(handledNotices).toContainEqual({
      reference,
      milestone: expect.stringMatching(/:overdue$/),
      message: 'notified',
    });
    expect(JSON.stringify(await outbox())).not.toContain('跑了五趟');
  }, 90_000);

  it('a case acknowledged and verified in time gets neither reminder nor overdue notice', async () => {
    const reference = await submit('三角镇便民服务中心的窗口人员态度很差，对我大声呵斥，还摔了我的材料。');
    await expect
      .poll(async () => (await caseOf(reference))?.status, { timeout: 15_000, interval: 20 })
      .toBe('triaged');
    const opened = await caseOf(reference);
    // Nothing is announced at opening (not serious, nobody to acknowledge to), and its deadlines are in the index.
    expect(noticesAtOpening(opened as unknown as Case, deadlineConfig)).toEqual([]);
    expect(opened?.dueShard).toBeDefined();
    // As the lifecycle does: acknowledge and conclude at once, bumping the version.
    const now = new Date().toISOString();
    await dynamo.send(
      new UpdateItemCommand({
        TableName: runtime.tableName,
        Key: marshall(caseKey(reference)),
        UpdateExpression:
          'SET acknowledgedAt = :now, concludedAt = :now, #status = :status, version = version + :one',
        ConditionExpression: 'size(milestonesNotified) = :zero',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: marshall({ ':now': now, ':status': 'unfounded', ':one': 1, ':zero': 0 }),
      }),
    );

    // A sweep has read the concluded case since (only a claim at the version it read takes a case out of the due
    // index, and ours moved the version on) and claimed nothing: it will never be swept again.
    await expect.poll(async () => (await caseOf(reference))?.dueShard, { timeout: 30_000 }).toBeUndefined();
    expect((await caseOf(reference))?.milestonesNotified).toEqual([]);
    // A sweep that read it before the update may have queued a notice (notices are queued before the claim, and
    // that claim then lost): wait until the notifier has finished with every notice queued for it, and find that
    // it dropped each one.
    let handled: string[] | undefined;
    await expect
      .poll(
        () => {
          handled = handledOf(reference);
          return handled !== undefined;
        },
        { timeout: 30_000, interval: 100 },
      )
      .toBe(true);
    for (const outcome of handled ?? []) expect(outcome).toMatch(/ notification no longer due$/);
    expect(await sendRecordsOf(reference)).toEqual([]);
    const sent = await outbox();
    expect(sent.emails.filter((e) => e.subject.includes(reference))).toEqual([]);
    expect(sent.sms.filter((s) => s.text.includes(reference))).toEqual([]);
  }, 90_000);

  it('announces a critical complaint to its body at once', async () => {
    const reference = await submit('郭扶镇国土所的工作人员要我们准备两三千块打点一下，才肯办宅基地的证。');
    await expect.poll(async () => (await caseOf(reference))?.severity, { timeout: 15_000 }).toBe('critical');
    const bodyId = String((await caseOf(reference))?.bodyId);
    const everyone = [...people(bodyId, 'investigator'), ...people(bodyId, 'supervisor')].map((p) => p.email);

    await expect
      .poll(
        async () =>
          (await outbox()).emails
            .filter((e) => e.subject.includes(reference) && e.subject.includes('新案件'))
            .map((e) => e.to)
            .sort(),
        { timeout: 15_000, interval: 250 },
      )
      .toEqual(everyone.sort());
  }, 60_000);
});
