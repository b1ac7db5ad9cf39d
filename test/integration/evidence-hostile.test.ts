// The evidence routes against what a hostile or unlucky caller sends: a thousand malformed requests for upload slots
// (never a 5xx, always the error shape, nothing written), a right receipt code with wrong files (nothing written, no
// slot taken), and the checker handed notices that name no upload or another bucket (nothing read, nothing written).
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseReference, deriveReferenceKeys, receiptCode } from '#domain/reference.ts';
import { allItems, type EmulatedAws, useEmulatedAws, useEvidenceBucket } from '#support/emulated-aws.ts';
import { httpEvent, sqsEvent } from '#support/events.ts';
import { startFunction, type TestFunction } from '#support/functions.ts';

const RUNS = Number(process.env.HOTLINE_PROPERTY_RUNS ?? 1000);

let aws: EmulatedAws;
let uploadsFn: TestFunction;
let checkerFn: TestFunction;
type Answer = { statusCode: number; body: string };

beforeAll(async () => {
  aws = await useEmulatedAws();
  (await useEvidenceBucket(aws)).destroy();
  [uploadsFn, checkerFn] = await Promise.all([
    startFunction('evidence-uploads', aws, { environments: 2 }),
    startFunction('evidence-checker', aws),
  ]);
}, 120_000);
afterAll(async () => {
  await Promise.all([uploadsFn?.stop(), checkerFn?.stop()]);
});

const keys = () => deriveReferenceKeys(aws.masterKey);

/** The reporter's upload slots given out for a case so far. */
async function slotsTaken(reference: string): Promise<number> {
  const { Item } = await aws.dynamo.send(
    new GetItemCommand({
      TableName: aws.tableName,
      Key: marshall({ pk: `CASE#${reference}`, sk: 'EVIDENCE#slots' }),
      ConsistentRead: true,
    }),
  );
  return Item === undefined ? 0 : Number(unmarshall(Item).reporter ?? 0);
}

function slotsEvent(reference: string, body: string, contentType = 'application/json') {
  return {
    ...httpEvent('POST', `/complaints/${reference}/evidence`, {
      body,
      headers: { 'content-type': contentType },
    }),
    pathParameters: { reference },
  };
}

function expectErrorShape(response: Answer): void {
  expect(response.statusCode, response.body).toBeGreaterThanOrEqual(400);
  expect(response.statusCode, response.body).toBeLessThan(500);
  const { error } = JSON.parse(response.body) as { error: { code: unknown; message: unknown } };
  expect(typeof error.code).toBe('string');
  expect(typeof error.message).toBe('string');
}

describe('upload slots against hostile input', () => {
  it('answers a thousand malformed requests with 4xx and the error shape, and writes nothing', async () => {
    const reference = caseReference('web', crypto.randomUUID(), keys());
    const code = receiptCode(reference, keys());
    const file = fc.record(
      {
        name: fc.oneof(fc.string(), fc.constant('__proto__'), fc.constant('../../etc/passwd')),
        type: fc.oneof(fc.string(), fc.constantFrom('image/jpeg', 'application/x-msdownload', 'text/html')),
        size: fc.oneof(fc.integer(), fc.double(), fc.constant(20 * 1024 * 1024 + 1), fc.string()),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      fc.string(),
      fc.json(),
      fc.record({ receiptCode: fc.oneof(fc.string(), fc.constant(code)), files: fc.anything() }),
      // The right code, files that are wrong in some way: the type, the size, too many, an extra key.
      fc.record({ receiptCode: fc.constant(code), files: fc.array(file, { maxLength: 12 }) }),
      fc.constant(
        `{"receiptCode":"${code}","files":[{"name":"a.jpg","size":1,"__proto__":{"type":"image/jpeg"}}]}`,
      ),
    );
    const path = fc.oneof(fc.constant(reference), fc.string(), fc.constant('HLW-00000-00000'));
    let taken = 0;
    await fc.assert(
      fc.asyncProperty(path, body, async (where, payload) => {
        const text = typeof payload === 'string' ? payload : JSON.stringify(payload);
        const answer: Answer = await uploadsFn.invoke(slotsEvent(where, text));
        const now = await slotsTaken(reference);
        if (answer.statusCode === 201) {
          // A well-formed request with the right code and files the hotline takes: its slots, and no more.
          expect(now).toBe(taken + JSON.parse(answer.body).uploads.length);
          taken = now;
          return;
        }
        expectErrorShape(answer);
        expect(now, 'a refused request took slots').toBe(taken);
      }),
      { numRuns: RUNS },
    );
    const elsewhere = (await allItems(aws)).filter(
      (item) => String(item.sk).startsWith('EVIDENCE#') && item.pk !== `CASE#${reference}`,
    );
    expect(elsewhere).toEqual([]);
  }, 300_000);

  it('takes no slot for a request it refuses, and refuses past 30 files a case', async () => {
    const reference = caseReference('web', crypto.randomUUID(), keys());
    const code = receiptCode(reference, keys());
    const ask = (files: unknown[]) =>
      uploadsFn.invoke(
        slotsEvent(reference, JSON.stringify({ receiptCode: code, files })),
      ) as Promise<Answer>;
    const zip = await ask([{ name: 'all.zip', type: 'application/zip', size: 10 }]);
    expect(zip.statusCode).toBe(400);
    expect(JSON.parse(zip.body).error.fields).toEqual({ 'files.0.type': expect.any(String) });
    expect((await allItems(aws)).filter((item) => item.pk === `CASE#${reference}`)).toEqual([]);
    const ten = Array.from({ length: 10 }, (_, i) => ({ name: `${i}.jpg`, type: 'image/jpeg', size: 10 }));
    for (let round = 0; round < 3; round++) expect((await ask(ten)).statusCode).toBe(201);
    const more = await ask([{ name: 'one-more.jpg', type: 'image/jpeg', size: 10 }]);
    expect(more.statusCode).toBe(409);
    expect(JSON.parse(more.body).error.code).toBe('too-many-files');
  });
});

describe('the checker against notices it should not act on', () => {
  it('ignores keys outside the uploads, other buckets and S3 test events, writing nothing', async () => {
    const reference = caseReference('web', crypto.randomUUID(), keys());
    const notice = (bucket: string, key: string) =>
      JSON.stringify({
        Records: [
          {
            eventSource: 'aws:s3',
            eventName: 'ObjectCreated:Post',
            eventTime: '2026-12-07T04:00:00.000Z',
            s3: { bucket: { name: bucket }, object: { key } },
          },
        ],
      });
    const answer = await checkerFn.invoke(
      sqsEvent([
        notice(aws.evidenceBucket, `evidence/${reference}/${'a'.repeat(32)}`),
        notice(aws.evidenceBucket, `uploads/${reference}/..%2F..%2Fevidence`),
        notice('someone-elses-bucket', `uploads/${reference}/${'a'.repeat(32)}`),
        JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent', Bucket: aws.evidenceBucket }),
      ]),
    );
    expect(answer).toEqual({ batchItemFailures: [] });
    expect((await allItems(aws)).filter((item) => item.pk === `CASE#${reference}`)).toEqual([]);
  });

  it('fails only the records that are not notices at all, each alone', async () => {
    const answer = await checkerFn.invoke(
      sqsEvent([
        JSON.stringify({ Service: 'Amazon S3', Event: 's3:TestEvent' }),
        'not json',
        JSON.stringify({ something: 'else' }),
      ]),
    );
    expect(answer.batchItemFailures).toHaveLength(2);
  });
});
