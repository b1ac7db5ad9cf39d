// The local runtime over HTTP, as a citizen's browser or a script would use it: complaint in, case out.
import { request } from 'node:http';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseKey } from '../../functions/catalog.ts';
import type { LocalRuntime } from '../../local/runtime.ts';
import { startTestRuntime } from '../support/local-runtime.ts';
import { rawRequest } from '../support/raw-http.ts';

let runtime: LocalRuntime;

beforeAll(async () => {
  runtime = await startTestRuntime();
});
afterAll(async () => {
  await runtime?.stop();
});

async function submit(body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${runtime.url}/complaints`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

async function status(reference: string, receiptCode: string) {
  const response = await fetch(`${runtime.url}/complaints/${reference}/status`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ receiptCode }),
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
}

describe('npm start, over HTTP', () => {
  it('takes a complaint, answers 202, and the triaged case exists within seconds', async () => {
    const accepted = await submit({
      description:
        'At the District Administrative Service Center the clerk asked me for 800 yuan before she would process my business licence.',
      subjectUnit: 'District Administrative Service Center',
      language: 'en',
    });
    expect(accepted.status).toBe(202);
    const { reference, receiptCode } = accepted.json as { reference: string; receiptCode: string };

    await expect
      .poll(async () => (await status(reference, receiptCode)).json, { timeout: 15_000 })
      .toMatchObject({ reference, status: 'triaged' });

    const dynamo = new DynamoDBClient({
      endpoint: runtime.endpoints.dynamodb,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    });
    const { Item } = await dynamo.send(
      new GetItemCommand({
        TableName: runtime.tableName,
        Key: marshall(caseKey(reference)),
      }),
    );
    dynamo.destroy();
    expect(unmarshall(Item ?? {})).toMatchObject({
      reference,
      channel: 'web',
      status: 'triaged',
      language: 'en',
      category: 'solicitation',
      unitId: 'district-admin-center',
      bodyId: 'district-cdi',
    });
  });

  it('answers bad input with a JSON 400, and unknown routes and methods with 404 as API Gateway does', async () => {
    const bad = await submit({ description: 'short' });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ error: { code: 'invalid-request' } });
    for (const [method, path] of [
      ['GET', '/nowhere'],
      ['GET', '/complaints'],
      ['DELETE', '/'],
    ] as const) {
      const response = await fetch(`${runtime.url}${path}`, { method });
      expect(response.status, `${method} ${path}`).toBe(404);
      expect(await response.json()).toEqual({ message: 'Not Found' });
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('answers broken percent-encoding in a path with the JSON 4xx of the route, never a 500', async () => {
    for (const path of ['/complaints/%/status', '/complaints/%E4%B8/status', '/complaints/%zz/status']) {
      const response = await fetch(`${runtime.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ receiptCode: '0000000000000000' }),
      });
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not-found');
    }
    for (const path of ['/assets/%', '/assets/%E4%B8', '/assets/%2e%2e%2fpackage.json']) {
      const response = await fetch(`${runtime.url}${path}`);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not-found');
    }
  });

  it('answers HEAD on the pages with the status and headers a GET gets', async () => {
    // Node drops a body sent in answer to HEAD, so what HEAD can get wrong is its status and headers.
    const comparable = (response: Response) =>
      Object.fromEntries(
        [...response.headers].filter(
          ([name]) =>
            !['date', 'content-length', 'transfer-encoding', 'connection', 'keep-alive'].includes(name),
        ),
      );
    for (const path of [
      '/',
      '/status',
      '/assets/site.css',
      '/assets/complaint-form.js',
      '/assets/missing.css',
    ]) {
      const [head, get] = await Promise.all(
        ['HEAD', 'GET'].map((method) => fetch(`${runtime.url}${path}`, { method })),
      );
      await get?.arrayBuffer();
      expect(head?.status, path).toBe(get?.status);
      expect(comparable(head as Response), path).toEqual(comparable(get as Response));
      expect(get?.headers.get('content-type'), path).toMatch(
        /^(text\/(html|css|javascript)|application\/json);/,
      );
    }
  });

  it('routes a path as it was sent: `//` and `//host/complaints` are 404 (they were a 500 and a 202)', async () => {
    for (const [method, target] of [
      ['GET', '//'],
      ['GET', '///'],
      ['POST', '//evil.example/complaints'],
      ['POST', '/x/../complaints'],
    ] as const) {
      const answer = await rawRequest(runtime.url, method, target, {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ description: '三角镇公共服务中心的人上班时间一直玩手机，不理人。' }),
      });
      expect(answer.status, `${method} ${target}`).toBe(404);
      expect(JSON.parse(answer.body)).toEqual({ message: 'Not Found' });
    }
  });

  it('builds the status link from its configured address, not from the Host header', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const body = JSON.stringify({ description: '三角镇公共服务中心的人上班时间一直玩手机，不理人。' });
      const req = request(
        `${runtime.url}/complaints`,
        {
          method: 'POST',
          headers: {
            host: 'evil.example',
            'content-type': 'application/json',
            'content-length': Buffer.byteLength(body),
          },
        },
        (res) => {
          let text = '';
          res.on('data', (chunk) => {
            text += chunk;
          });
          res.on('end', () => resolve(text));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
    const { statusUrl } = JSON.parse(answer) as { statusUrl: string };
    expect(statusUrl.startsWith(`${runtime.publicUrl}/status?reference=`)).toBe(true);
    expect(statusUrl).not.toContain('evil');
  });

  it('serves the form and the status page with a content security policy', async () => {
    for (const path of ['/', '/status', '/assets/site.css', '/assets/complaint-form.js']) {
      const response = await fetch(`${runtime.url}${path}`);
      expect(response.status, path).toBe(200);
      expect(response.headers.get('content-security-policy')).toContain("default-src 'self'");
    }
    expect((await fetch(`${runtime.url}/assets/../package.json`)).status).toBe(404);
  });
});
