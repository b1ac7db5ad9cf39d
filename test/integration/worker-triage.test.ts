// Triage inside the worker: the case is classified, routed and indexed in the same write; related cases are
// found both ways, at a bounded cost however many complaints name one official; a complaint that cannot be
// triaged is kept for a person, never lost.
import { QueryCommand } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { relatedCasesOf } from '../../functions/adapters/case-store.ts';
import { caseTable } from '../../functions/catalog.ts';
import { CaseSchema } from '../../functions/domain/case.ts';
import { MAX_RECORDED_RELATED } from '../../functions/domain/case-triage.ts';
import { intakeMessage } from '../support/complaints.ts';
import {
  CREDENTIALS,
  caseEvents,
  caseItem,
  type EmulatedAws,
  REGION,
  useEmulatedAws,
} from '../support/emulated-aws.ts';
import { sqsEvent } from '../support/events.ts';
import { startFunction, type TestFunction } from '../support/functions.ts';

let aws: EmulatedAws;
/** A reader who may see every body's cases. */
const everywhere = () => true;
let worker: TestFunction;

beforeAll(async () => {
  aws = await useEmulatedAws();
  worker = await startFunction('intake-worker', aws);
  // relatedCasesOf is read in this process: point its adapter at this file's table.
  vi.stubEnv('HOTLINE_TABLE_NAME', aws.tableName);
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', aws.endpoints.DYNAMODB);
  vi.stubEnv('AWS_REGION', REGION);
  vi.stubEnv('AWS_ACCESS_KEY_ID', CREDENTIALS.AWS_ACCESS_KEY_ID);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', CREDENTIALS.AWS_SECRET_ACCESS_KEY);
});
afterAll(async () => {
  await worker.stop();
  vi.unstubAllEnvs();
});

async function work(...messages: ReturnType<typeof intakeMessage>[]) {
  for (const message of messages) {
    const result = await worker.invoke(sqsEvent([JSON.stringify(message)]));
    expect(result.batchItemFailures).toEqual([]);
  }
}

async function assigneeIndex(key: string): Promise<Record<string, unknown>[]> {
  const { Items = [] } = await aws.dynamo.send(
    new QueryCommand({
      TableName: aws.tableName,
      IndexName: 'byAssignee',
      KeyConditionExpression: '#k = :k',
      ExpressionAttributeNames: { '#k': caseTable.indexes.byAssignee.partitionKey },
      ExpressionAttributeValues: { ':k': { S: key } },
      ScanIndexForward: false,
    }),
  );
  return Items.map((item) => unmarshall(item));
}

describe('worker triage', () => {
  it('classifies, routes and indexes a new case in the one write that creates it', async () => {
    const message = intakeMessage({
      complaint: {
        description: '郭扶镇国土所窗口的工作人员说要“意思一下”才给办土地证，开口就要两千元。',
        subjectUnit: '郭扶国土所',
      },
    });

    await work(message);

    const item = await caseItem(aws, message.reference);
    expect(item).toMatchObject({
      status: 'triaged',
      category: 'solicitation',
      severity: 'critical',
      unitId: 'guofu-land-office',
      bodyId: 'district-cdi',
      version: 1,
    });
    // The reasons are the opening event's: one event for the receipt and the triage that routed it.
    const events = await caseEvents(aws, message.reference);
    expect(events.map((e) => e.kind)).toEqual(['opened']);
    const details = events[0]?.details as { triageReasons: { rule: string }[] };
    expect(details.triageReasons.map((r) => r.rule)).toEqual(
      expect.arrayContaining(['category.solicitation', 'severity.amount', 'route.critical-escalation']),
    );
    expect(item).not.toHaveProperty('triageReasons');
    const listed = await assigneeIndex('BODY#district-cdi');
    expect(listed.map((c) => c.reference)).toContain(message.reference);
    expect(listed.find((c) => c.reference === message.reference)).not.toHaveProperty('complaint');
  });

  it('never assigns a case to the body it implicates (leadership of the town goes up)', async () => {
    const message = intakeMessage({
      complaint: { description: '三角镇政府的领导乱收费，办个证要交五百元“服务费”，收费目录上根本没有。' },
    });
    await work(message);
    const item = await caseItem(aws, message.reference);
    expect(item).toMatchObject({ unitId: 'sanjiao-government', category: 'misconduct' });
    expect(item?.bodyId).not.toBe('sanjiao-cdi');
    expect(item?.bodyId).toBe('district-cdi');
  });

  it('relates a new case to earlier ones about the same unit and official within 30 days, both ways', async () => {
    const about = { subjectUnit: '古南统计站', officialName: '张明' };
    const first = intakeMessage({
      receivedAt: '2026-11-01T08:00:00.000Z',
      complaint: { description: '古南街道统计站的张明一直拖着不给盖章，让我下周再来。', ...about },
    });
    const tooOld = intakeMessage({
      receivedAt: '2026-09-20T08:00:00.000Z',
      complaint: { description: '古南街道统计站的张明态度恶劣，对群众大呼小叫。', ...about },
    });
    const otherOfficial = intakeMessage({
      receivedAt: '2026-11-10T08:00:00.000Z',
      complaint: {
        description: '古南街道统计站的王强上班时间玩手机不理人。',
        subjectUnit: '古南统计站',
        officialName: '王强',
      },
    });
    const second = intakeMessage({
      receivedAt: '2026-11-20T08:00:00.000Z',
      complaint: { description: '古南统计站张明又让我跑了三趟，还是说材料不全。', ...about },
    });

    await work(tooOld, first, otherOfficial, second);

    expect((await caseItem(aws, second.reference))?.relatedCases).toEqual([first.reference]);
    expect((await caseItem(aws, tooOld.reference))?.relatedCases).toBeUndefined();
    expect((await caseItem(aws, otherOfficial.reference))?.relatedCases).toBeUndefined();
    // The earlier case is not rewritten; whoever looks at it finds the later one through the subject index.
    const firstCase = CaseSchema.parse(await caseItem(aws, first.reference));
    expect(firstCase.relatedCases).toBeUndefined();
    expect(await relatedCasesOf(firstCase, everywhere)).toEqual({
      references: [second.reference],
      elsewhere: 0,
      more: false,
    });
    const tooOldCase = CaseSchema.parse(await caseItem(aws, tooOld.reference));
    expect(await relatedCasesOf(tooOldCase, everywhere)).toEqual({
      references: [],
      elsewhere: 0,
      more: false,
    });

    // A redelivery of the second complaint changes nothing.
    await work(second);
    expect((await caseItem(aws, first.reference))?.version).toBe(1);
    expect(await relatedCasesOf(firstCase, everywhere)).toEqual({
      references: [second.reference],
      elsewhere: 0,
      more: false,
    });
  });

  it('keeps a flood about one official at one bounded query and one write per case', async () => {
    const about = { subjectUnit: '郭扶国土所', officialName: '赵德' };
    const flood = Array.from({ length: 60 }, (_, i) =>
      intakeMessage({
        receivedAt: new Date(Date.parse('2026-11-02T08:00:00.000Z') + i * 60_000).toISOString(),
        complaint: {
          description: `郭扶镇国土所的赵德让我下周再来，这是第${i + 1}位群众的反映，一直拖着不办。`,
          ...about,
        },
      }),
    );

    await work(...flood);

    const items = await Promise.all(flood.map((m) => caseItem(aws, m.reference)));
    for (const item of items) {
      // Nothing is written onto an earlier case, and what a case records stays small.
      expect(item?.version).toBe(1);
      expect(((item?.relatedCases ?? []) as string[]).length).toBeLessThanOrEqual(MAX_RECORDED_RELATED);
    }
    const last = CaseSchema.parse(items.at(-1));
    expect(last.relatedCases).toEqual(flood.slice(-1 - MAX_RECORDED_RELATED, -1).map((m) => m.reference));
    // The full picture is still there for whoever looks: the first case sees the later ones, newest first.
    const first = CaseSchema.parse(items[0]);
    const seen = await relatedCasesOf(first, everywhere, 100);
    expect(seen).toEqual({
      references: flood
        .slice(1)
        .map((m) => m.reference)
        .reverse(),
      elsewhere: 0,
      more: false,
    });
    expect(await relatedCasesOf(first, everywhere, 5)).toMatchObject({ more: true });
    // A reader whose scope holds none of them is told how many there are, never which.
    expect(await relatedCasesOf(first, () => false, 100)).toEqual({
      references: [],
      elsewhere: 59,
      more: false,
    });
  });

  it('keeps a complaint that cannot be triaged as received, flagged for manual triage', async () => {
    // About the top body itself: no body in the directory is free of the conflict.
    const message = intakeMessage({
      complaint: {
        description: '市纪委监委接访窗口的工作人员索要好处费才肯登记我的举报。',
        subjectUnit: '市纪委监委',
      },
    });

    await work(message);

    const item = await caseItem(aws, message.reference);
    expect(item).toMatchObject({ status: 'received', needsManualTriage: true });
    expect(item).not.toHaveProperty('bodyId');
    const [opening] = await caseEvents(aws, message.reference);
    expect(opening).toMatchObject({ kind: 'opened', details: { triageFailure: 'ConflictOfInterestError' } });
    expect((await assigneeIndex('TRIAGE#manual')).map((c) => c.reference)).toContain(message.reference);
  });
});
