// The case record under load and faults: one case through ten thousand events (transfers with long notes, contact
// views, notifications) where every write still works and the head stays within its bound as DynamoDB counts it;
// merges racing other actions, and writers crashing between the commit and its event, leave no survivor listing a
// case that is not merged into it and no committed step without its event.
import { randomUUID } from 'node:crypto';
import { QueryCommand, Select } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { takeAllowance } from '#adapters/allowance.ts';
import {
  appendEvent,
  commitTransition,
  findCase,
  HEAD_LIMIT_BYTES,
  historyPage,
  indexAttributes,
  mergedInto,
} from '#adapters/case-store.ts';
import { itemSize } from '#adapters/item-size.ts';
import { claimSend, settle } from '#adapters/notification-log.ts';
import { caseTable } from '#catalog';
import { deadlineCalendar, deadlineConfig } from '#config/office.ts';
import { triageConfig } from '#config/triage-config.ts';
import type { Case } from '#domain/case.ts';
import { applyAction, TEXT_LIMITS } from '#domain/lifecycle/actions.ts';
import { caseReference, deriveReferenceKeys } from '#domain/reference.ts';
import {
  CREDENTIALS,
  caseEvents,
  caseItem,
  type EmulatedAws,
  REGION,
  seedCaseItems,
  useEmulatedAws,
} from '../support/emulated-aws.ts';
import { signedInEvent, sqsEvent } from '../support/events.ts';
import { type FaultProxy, startFaultProxy } from '../support/fault-proxy.ts';
import { startFunction, type TestFunction } from '../support/functions.ts';

let aws: EmulatedAws;
const keys = deriveReferenceKeys('test-master-key-for-references-only');
const investigator = { id: 'guofu-cdi-investigator', role: 'investigator' } as const;

beforeAll(async () => {
  aws = await useEmulatedAws();
  // The adapters are called from this process too: point them at this file's table.
  vi.stubEnv('HOTLINE_TABLE_NAME', aws.tableName);
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', aws.endpoints.DYNAMODB);
  vi.stubEnv('AWS_REGION', REGION);
  vi.stubEnv('AWS_ACCESS_KEY_ID', CREDENTIALS.AWS_ACCESS_KEY_ID);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', CREDENTIALS.AWS_SECRET_ACCESS_KEY);
});
afterAll(() => {
  vi.unstubAllEnvs();
});

/** A triaged case of guofu-cdi about a unit two bodies may handle, written as the worker would. */
async function seeded(overrides: Partial<Case> = {}): Promise<Case> {
  const receivedAt = new Date(Date.now() - 3_600_000).toISOString();
  const record: Case = {
    reference: caseReference('web', randomUUID(), keys),
    channel: 'web',
    status: 'triaged',
    language: 'zh-CN',
    anonymous: true,
    // The largest facts a form may give, in three-byte characters: the head must hold them within its bound.
    complaint: {
      subjectUnit: '郭'.repeat(200),
      officialName: '王'.repeat(100),
      location: '镇'.repeat(200),
      amountDemanded: '两'.repeat(50),
    },
    receivedAt,
    verificationDueAt: new Date(Date.parse(receivedAt) + 3 * 86_400_000).toISOString(),
    acknowledgeDueAt: new Date(Date.parse(receivedAt) + 86_400_000).toISOString(),
    createdAt: receivedAt,
    updatedAt: receivedAt,
    version: 1,
    milestonesNotified: [],
    category: 'solicitation',
    severity: 'normal',
    unitId: 'guofu-land-office',
    bodyId: 'guofu-cdi',
    ...overrides,
  };
  await seedCaseItems(aws, record, { description: '郭扶镇国土所窗口的工作人员索要好处费才肯办证。' });
  return record;
}

/** The head as DynamoDB counts it: its attributes, keys and index attributes, in UTF-8 bytes. */
async function headBytes(reference: string): Promise<number> {
  const item = await caseItem(aws, reference);
  return itemSize(marshall(item ?? {}, { removeUndefinedValues: true }));
}

describe('one case through ten thousand events', () => {
  it('takes every transfer, view and notification, and its head stays within its bound', async () => {
    let current = await seeded();
    const longNote = '经初步了解，该事项涉及多个部门，需转交相关机关统一核查处理。'
      .repeat(80)
      .slice(0, TEXT_LIMITS.note);
    expect([...longNote].length).toBe(TEXT_LIMITS.note);
    const bodies = ['district-cdi', 'guofu-cdi'] as const;
    let transitions = 0;
    let sides = 0;
    let largestHead = await headBytes(current.reference);
    const start = Date.parse(current.receivedAt) + 60_000;
    for (let i = 0; i < 10_000; i += 3) {
      // One transition: a transfer to the other body, with the longest note allowed (6,000 bytes in UTF-8).
      const at = new Date(start + i * 1000);
      const { next, event } = applyAction(
        current,
        {
          action: 'transfer',
          expectedVersion: current.version,
          targetBodyId: bodies[(transitions + 0) % 2] as string,
          note: longNote,
        },
        {
          caller: { id: investigator.id },
          now: at,
          routing: triageConfig.routing,
          calendar: deadlineCalendar,
          deadlines: deadlineConfig,
          complaint: { description: '郭扶镇国土所窗口的工作人员索要好处费才肯办证。' },
        },
      );
      expect(await commitTransition(current, { next, event })).toBe('committed');
      current = { ...next, transitions: [...(current.transitions ?? [])] };
      current = (await findCase(current.reference)) as Case;
      transitions++;
      // Two events that move nothing, written at once: a contact view and a notification's record.
      const viewAt = new Date(at.getTime() + 1);
      const writes = [
        appendEvent(
          {
            reference: current.reference,
            kind: 'contact-viewed',
            at: viewAt.toISOString(),
            actor: 'guofu-cdi-supervisor',
          },
          `V#${randomUUID()}`,
        ),
        (async () => {
          const key = {
            reference: current.reference,
            at: viewAt.toISOString(),
            milestone: `verification:escalate-${i}`,
            recipient: 'guofu-cdi-supervisor',
            channel: 'email' as const,
          };
          expect((await claimSend(key, viewAt)).outcome).toBe('send');
          await settle(key, 'sent');
          return true;
        })(),
      ];
      for (const wrote of await Promise.all(writes)) expect(wrote).toBe(true);
      sides += 2;
      if (transitions % 250 === 0) largestHead = Math.max(largestHead, await headBytes(current.reference));
    }
    largestHead = Math.max(largestHead, await headBytes(current.reference));

    expect(transitions + sides).toBeGreaterThanOrEqual(10_000);
    expect(current.version).toBe(1 + transitions);
    // The head never grew with the case: within its stated bound, however many events it has.
    expect(largestHead).toBeLessThanOrEqual(HEAD_LIMIT_BYTES);
    expect((current.transitions ?? []).length).toBeLessThanOrEqual(5);
    // Every event is there (and the opening one), each an item of its own.
    let count = 0;
    for (const prefix of ['T#', 'E#']) {
      let startKey: Record<string, unknown> | undefined;
      do {
        const page = await aws.dynamo.send(
          new QueryCommand({
            TableName: aws.tableName,
            KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
            ExpressionAttributeNames: { '#pk': caseTable.partitionKey, '#sk': caseTable.sortKey },
            ExpressionAttributeValues: marshall({ ':pk': `CASE#${current.reference}`, ':prefix': prefix }),
            Select: Select.COUNT,
            // biome-ignore lint/suspicious/noExplicitAny: the SDK's key type, passed back as received.
            ...(startKey === undefined ? {} : { ExclusiveStartKey: startKey as any }),
          }),
        );
        count += page.Count ?? 0;
        startKey = page.LastEvaluatedKey;
      } while (startKey !== undefined);
    }
    expect(count).toBe(transitions + sides + 1);
    // The history reads a page at a time, newest first, however long it is.
    const first = await historyPage(current.reference, 50);
    expect(first.events).toHaveLength(50);
    expect((first.events[0]?.at ?? '') >= (first.events[49]?.at ?? '')).toBe(true);
    const second = await historyPage(current.reference, 50, first.next);
    expect(second.events).toHaveLength(50);
    expect(new Set([...first.events, ...second.events].map((e) => e.sk)).size).toBe(100);
    expect((second.events[0]?.at ?? '') <= (first.events[49]?.at ?? '')).toBe(true);
    // And one more action still commits.
    expect(indexAttributes(current).assigneeKey).toMatch(/^BODY#/);
  }, 600_000);
});

describe('merges that race and crash', () => {
  let actions: TestFunction;
  let crashing: TestFunction;
  let projector: TestFunction;
  let dropAnswers: FaultProxy;
  /** Head updates whose answer the proxy drops after DynamoDB applied them: the writer "crashes" after its commit. */
  let crashAfterCommit = 0;

  beforeAll(async () => {
    actions = await startFunction('cases-action', aws, { environments: 4 });
    projector = await startFunction('case-projector', aws);
    dropAnswers = await startFaultProxy(aws.endpoints.DYNAMODB, (operation, body) => {
      if (
        operation.endsWith('.UpdateItem') &&
        body.includes('"#version = :expected"') &&
        crashAfterCommit > 0
      ) {
        crashAfterCommit--;
        return {
          status: 500,
          type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
          passThrough: true,
        };
      }
      return 'pass';
    });
    crashing = await startFunction('cases-action', aws, {
      environments: 2,
      endpoints: { DYNAMODB: dropAnswers.endpoint },
      settings: { AWS_MAX_ATTEMPTS: '1' },
    });
  });
  afterAll(async () => {
    await Promise.all([actions.stop(), crashing.stop(), projector.stop()]);
    await dropAnswers.stop();
  });

  const act = (fn: TestFunction, reference: string, body: Record<string, unknown>) =>
    fn.invoke(
      signedInEvent('POST', `/cases/${reference}/actions`, investigator, {
        body,
        pathParameters: { reference },
      }),
    );

  /** Every transition queued for the projector, handed to it until the queue is empty. */
  async function project(): Promise<void> {
    const { ReceiveMessageCommand, DeleteMessageBatchCommand } = await import('@aws-sdk/client-sqs');
    for (let empty = 0; empty < 3; ) {
      const { Messages = [] } = await aws.sqs.send(
        new ReceiveMessageCommand({
          QueueUrl: aws.queues.events.url,
          MaxNumberOfMessages: 10,
          WaitTimeSeconds: 1,
        }),
      );
      if (Messages.length === 0) {
        empty++;
        continue;
      }
      const result = await projector.invoke(
        sqsEvent(
          Messages.map((m) => m.Body ?? ''),
          Messages.map((m) => ({ SentTimestamp: m.Attributes?.SentTimestamp ?? String(Date.now() - 5000) })),
        ),
      );
      expect(result.batchItemFailures).toEqual([]);
      await aws.sqs.send(
        new DeleteMessageBatchCommand({
          QueueUrl: aws.queues.events.url,
          Entries: Messages.map((m, i) => ({ Id: String(i), ReceiptHandle: m.ReceiptHandle ?? '' })),
        }),
      );
    }
  }

  it('a burst of merges racing acknowledgements, some writers crashing after their commit: the survivor lists exactly what merged', async () => {
    const survivor = await seeded({ complaint: { subjectUnit: '郭扶国土所' } });
    const duplicates = await Promise.all(
      Array.from({ length: 24 }, () => seeded({ complaint: { subjectUnit: '郭扶国土所' } })),
    );
    crashAfterCommit = 6;

    const answers = await Promise.all(
      duplicates.flatMap((d, i) => [
        act(i % 3 === 0 ? crashing : actions, d.reference, {
          action: 'merge',
          expectedVersion: 1,
          mergeInto: survivor.reference,
          note: '同一事项的重复举报',
        }),
        act(actions, d.reference, { action: 'acknowledge', expectedVersion: 1 }),
      ]),
    );
    // Each case took exactly one of the two; the other was told it was stale, or its writer "crashed".
    for (const answer of answers) expect([200, 409, 500]).toContain(answer.statusCode);
    await project();

    const heads = await Promise.all(duplicates.map((d) => findCase(d.reference)));
    const merged = heads.filter((h) => h?.status === 'merged').map((h) => h?.reference);
    const acknowledged = heads.filter((h) => h?.status === 'acknowledged').map((h) => h?.reference);
    expect(merged.length + acknowledged.length).toBe(duplicates.length);
    expect(merged.length).toBeGreaterThan(0);
    // The survivor lists exactly the cases whose merge committed: none missing, none that was not merged.
    expect((await mergedInto(survivor.reference)).map((m) => m.reference).sort()).toEqual([...merged].sort());
    // Every committed step has its event, the crashed writers' too (the projector wrote what they could not).
    for (const head of heads) {
      const events = (await caseEvents(aws, head?.reference ?? '')).filter((e) =>
        String(e.sk).startsWith('T#'),
      );
      expect(events.map((e) => e.version)).toEqual([1, 2]);
      expect(events[1]?.kind).toBe(head?.status === 'merged' ? 'merged' : 'acknowledged');
    }
    expect(dropAnswers.refused).toBe(6);
  });

  it('a supervisor undoes a mistaken merge, with the reason on the record', async () => {
    const survivor = await seeded();
    const duplicate = await seeded();
    const supervisor = { id: 'guofu-cdi-supervisor', role: 'supervisor' } as const;
    const merge = await act(actions, duplicate.reference, {
      action: 'merge',
      expectedVersion: 1,
      mergeInto: survivor.reference,
    });
    expect(merge.statusCode).toBe(200);
    expect((await mergedInto(survivor.reference)).map((m) => m.reference)).toEqual([duplicate.reference]);
    const undo = await actions.invoke(
      signedInEvent('POST', `/cases/${duplicate.reference}/actions`, supervisor, {
        body: { action: 'unmerge', expectedVersion: 2, note: '并错了：不是同一窗口' },
        pathParameters: { reference: duplicate.reference },
      }),
    );
    expect(undo.statusCode).toBe(200);
    expect(JSON.parse(undo.body).case).toMatchObject({ status: 'triaged', version: 3 });
    expect(await mergedInto(survivor.reference)).toEqual([]);
    const last = (await caseEvents(aws, duplicate.reference)).at(-1);
    expect(last).toMatchObject({
      kind: 'unmerged',
      note: '并错了：不是同一窗口',
      actor: 'guofu-cdi-supervisor',
    });
  });
});

describe('allowances', () => {
  it('count concurrent takers exactly, and refuse past the limit', async () => {
    const now = new Date();
    const allowance = { key: `test#${randomUUID()}`, limit: 5, windowSeconds: 3600 };
    const taken = await Promise.all(Array.from({ length: 12 }, () => takeAllowance(allowance, now)));
    expect(taken.filter(Boolean)).toHaveLength(5);
  });
});
