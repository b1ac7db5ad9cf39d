// The daily aggregates on the emulator: each event counted once however often it is delivered (even at once), the
// statistics read O(bodies × days) items, a settled day rolled up into one item and a late count marking it stale,
// and `npm run rebuild:aggregates` making the same figures again from the events alone.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { DeleteItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  countContribution,
  dailyCounts,
  dayFromShards,
  sealedThrough,
  setSealedThrough,
  staleDays,
  writeRollup,
} from '#adapters/aggregates.ts';
import { PROJECT_ROOT } from '#catalog';
import { deadlineCalendar } from '#config/office.ts';
import { aggregateShardOf, aggregatesOf, contributionsOf, countedId, sumCounts } from '#domain/aggregates.ts';
import type { TransitionEvent } from '#domain/events.ts';
import { CREDENTIALS, type EmulatedAws, REGION, useEmulatedAws } from '../support/emulated-aws.ts';

let aws: EmulatedAws;

beforeAll(async () => {
  aws = await useEmulatedAws();
  vi.stubEnv('HOTLINE_TABLE_NAME', aws.tableName);
  vi.stubEnv('AWS_ENDPOINT_URL_DYNAMODB', aws.endpoints.DYNAMODB);
  vi.stubEnv('AWS_REGION', REGION);
  vi.stubEnv('AWS_ACCESS_KEY_ID', CREDENTIALS.AWS_ACCESS_KEY_ID);
  vi.stubEnv('AWS_SECRET_ACCESS_KEY', CREDENTIALS.AWS_SECRET_ACCESS_KEY);
});
afterAll(() => {
  vi.unstubAllEnvs();
});

const snapshot = (at: string, extra: Record<string, unknown> = {}) => ({
  status: 'triaged' as const,
  channel: 'web' as const,
  receivedAt: at,
  verificationDueAt: new Date(Date.parse(at) + 3 * 86_400_000).toISOString(),
  bodyId: 'sanjiao-cdi',
  unitId: 'sanjiao-service-center',
  category: 'obstruction' as const,
  severity: 'normal' as const,
  ...extra,
});

/** Cases opened, acknowledged and concluded on three days of March, as the projector receives them. */
function events(): (TransitionEvent & { reference: string })[] {
  const all: (TransitionEvent & { reference: string })[] = [];
  for (let i = 0; i < 30; i++) {
    const reference = `HLW-00000-${String(10_000 + i).padStart(5, '0')}`;
    const day = `2026-03-${String(10 + (i % 3)).padStart(2, '0')}`;
    const at = `${day}T02:00:00.000Z`;
    const opened = snapshot(at);
    all.push({ reference, kind: 'opened', at, actor: 'system', version: 1, after: opened });
    const acked = { ...opened, status: 'acknowledged' as const, acknowledgedAt: `${day}T03:00:00.000Z` };
    all.push({
      reference,
      kind: 'acknowledged',
      at: `${day}T03:00:00.000Z`,
      actor: 'x',
      version: 2,
      before: opened,
      after: acked,
    });
    if (i % 2 === 0) {
      const concluded = {
        ...acked,
        status: 'unfounded' as const,
        outcome: 'unfounded' as const,
        concludedAt: `${day}T05:00:00.000Z`,
      };
      all.push({
        reference,
        kind: 'unfounded',
        at: `${day}T05:00:00.000Z`,
        actor: 'x',
        version: 3,
        before: acked,
        after: concluded,
      });
    }
  }
  return all;
}

async function countAll(list: readonly (TransitionEvent & { reference: string })[]): Promise<number> {
  let counted = 0;
  for (const event of list) {
    for (const contribution of contributionsOf(event, deadlineCalendar)) {
      if (await countContribution(event.reference, countedId(event.reference, event.version), contribution))
        counted++;
    }
  }
  return counted;
}

describe('daily aggregates', () => {
  it('count each event once, however often and however concurrently it is delivered', async () => {
    const list = events();
    // Every event delivered three times, two of them at once.
    const first = await Promise.all([countAll(list), countAll(list)]);
    const again = await countAll(list);
    expect(first[0] + first[1]).toBe(list.length);
    expect(again).toBe(0);
    const { days, itemsRead } = await dailyCounts('sanjiao-cdi', '2026-03-01', '2026-03-31');
    const total = sumCounts(days.map((d) => d.counts));
    expect(total).toMatchObject({ received: 30, acknowledged: 30, verified: 15, 'outcome.unfounded': 15 });
    expect(total['received.unit.sanjiao-service-center']).toBe(30);
    // The same as counting the events once in memory.
    const expected = sumCounts([...aggregatesOf(list, deadlineCalendar).values()].map((s) => s.counts));
    expect(total).toEqual(expected);
    // What the read cost: a few shards of the three days with counts and the (empty) days around them, never a case.
    expect(itemsRead).toBeLessThanOrEqual(1 + 31 + 3 * 4);
  });

  it('rolls a settled day up into one item, and a late count marks it stale until it is rolled up again', async () => {
    const bodyId = 'gunan-cdi';
    const at = '2026-04-02T02:00:00.000Z';
    const opened = (reference: string): TransitionEvent & { reference: string } => ({
      reference,
      kind: 'opened',
      at,
      actor: 'system',
      version: 1,
      after: snapshot(at, { bodyId }),
    });
    await countAll([opened('HLW-00000-20001'), opened('HLW-00000-20002')]);
    await setSealedThrough(bodyId, '2026-04-02');
    expect(await writeRollup(bodyId, '2026-04-02', (await dayFromShards(bodyId, '2026-04-02')).counts)).toBe(
      true,
    );
    expect(await sealedThrough(bodyId)).toBe('2026-04-02');
    const rolled = await dailyCounts(bodyId, '2026-04-02', '2026-04-02');
    expect(rolled.days[0]?.counts.received).toBe(2);
    // Read from the roll-up: the sealed marker and the one roll-up item, no shard.
    expect(rolled.itemsRead).toBe(2);

    await countAll([opened('HLW-00000-20003')]);
    expect((await staleDays(bodyId)).map((s) => s.day)).toEqual(['2026-04-02']);
    // Stale: read from the shards, so the late count is there at once.
    expect((await dailyCounts(bodyId, '2026-04-02', '2026-04-02')).days[0]?.counts.received).toBe(3);
    const [stale] = await staleDays(bodyId);
    expect(
      await writeRollup(
        bodyId,
        '2026-04-02',
        (await dayFromShards(bodyId, '2026-04-02')).counts,
        stale?.mark,
      ),
    ).toBe(true);
    expect(await staleDays(bodyId)).toEqual([]);
    const after = await dailyCounts(bodyId, '2026-04-02', '2026-04-02');
    expect(after).toMatchObject({ itemsRead: 2, days: [{ counts: { received: 3 } }] });
  });

  it('are made again from the events by `npm run rebuild:aggregates`', async () => {
    const list = events();
    // A shard lost (or counted by an old rule): the figures are wrong until the rebuild.
    await aws.dynamo.send(
      new DeleteItemCommand({
        TableName: aws.tableName,
        Key: marshall({
          pk: 'AGG#sanjiao-cdi#2026-03-10',
          sk: `S#${aggregateShardOf(list[0]?.reference ?? '')}`,
        }),
      }),
    );
    const broken = sumCounts(
      (await dailyCounts('sanjiao-cdi', '2026-03-01', '2026-03-31')).days.map((d) => d.counts),
    );
    expect(broken.received).toBeLessThan(30);
    // The events are in the table as the record keeps them.
    const { PutItemCommand } = await import('@aws-sdk/client-dynamodb');
    for (const event of list) {
      await aws.dynamo.send(
        new PutItemCommand({
          TableName: aws.tableName,
          Item: marshall(
            {
              ...event,
              pk: `CASE#${event.reference}`,
              sk: `T#${event.at}#${String(event.version).padStart(6, '0')}`,
            },
            { removeUndefinedValues: true },
          ),
        }),
      );
    }

    const { stdout } = await promisify(execFile)(process.execPath, ['bin/rebuild-aggregates.ts'], {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH,
        HOTLINE_TABLE_NAME: aws.tableName,
        AWS_ENDPOINT_URL_DYNAMODB: aws.endpoints.DYNAMODB,
        AWS_REGION: REGION,
        ...CREDENTIALS,
      },
    });

    expect(stdout).toContain(`${list.length} transition events counted`);
    const rebuilt = sumCounts(
      (await dailyCounts('sanjiao-cdi', '2026-03-01', '2026-03-31')).days.map((d) => d.counts),
    );
    expect(rebuilt).toMatchObject({ received: 30, acknowledged: 30, verified: 15 });
    // Counting an event again after the rebuild changes nothing: its id is in the rebuilt shard.
    expect(await countAll(list)).toBe(0);
  });
});
