// Every channel on the local runtime over HTTP, with the documented development secrets: one complaint per channel
// becomes one triaged case with its channel, through the same queue, worker and triage as the web form.
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { marshall, unmarshall } from '@aws-sdk/util-dynamodb';
import { Webhook } from 'standardwebhooks';
import twilio from 'twilio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { caseKey } from '#catalog';
import { DEVELOPMENT_CHANNEL_SECRETS, type LocalRuntime } from '#local/runtime.ts';
import { startTestRuntime } from '../support/local-runtime.ts';

let runtime: LocalRuntime;
let dynamo: DynamoDBClient;

beforeAll(async () => {
  runtime = await startTestRuntime();
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

async function storedCase(reference: string) {
  const { Item } = await dynamo.send(
    new GetItemCommand({
      TableName: runtime.tableName,
      Key: marshall(caseKey(reference)),
      ConsistentRead: true,
    }),
  );
  return Item === undefined ? undefined : unmarshall(Item);
}

async function triaged(reference: string) {
  await expect.poll(async () => (await storedCase(reference))?.status, { timeout: 20_000 }).toBe('triaged');
  return (await storedCase(reference)) as Record<string, unknown>;
}

describe('each channel, end to end', () => {
  it('a signed call-centre webhook', async () => {
    const body = JSON.stringify({
      callId: `e2e-${randomUUID()}`,
      line: 'service-hotline',
      operatorId: 'op-3',
      durationSeconds: 240,
      callerNumber: '+86 138 0013 8000',
      summary: '来电反映三角镇便民服务中心窗口人员索要红包才给盖章。',
      subjectUnit: '三角镇便民服务中心',
    });
    const id = `msg_${randomUUID()}`;
    const now = new Date();
    const response = await fetch(`${runtime.url}/webhooks/telephony`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'webhook-id': id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': new Webhook(DEVELOPMENT_CHANNEL_SECRETS['webhook-signing']).sign(id, now, body),
      },
      body,
    });
    expect(response.status).toBe(202);
    const { reference } = (await response.json()) as { reference: string };
    expect(reference).toMatch(/^HLH-/);
    const record = await triaged(reference);
    expect(record).toMatchObject({
      channel: 'hotline',
      call: { platform: 'webhook', line: 'service-hotline', durationSeconds: 240 },
    });
    // No call back asked for: the caller's number is not kept at all.
    expect(record).not.toHaveProperty('sealedCallerNumber');
    expect(record).not.toHaveProperty('hasContact');
    expect(JSON.stringify(record)).not.toContain('138 0013');
  });

  it('a Twilio call: greeting, 1 for a call back, then speech', async () => {
    const sid = `CA${randomUUID().replaceAll('-', '')}`;
    const post = async (path: string, params: Record<string, string>) => {
      const signature = twilio.getExpectedTwilioSignature(
        DEVELOPMENT_CHANNEL_SECRETS['twilio-auth-token'],
        `${runtime.publicUrl}${path}`,
        params,
      );
      return fetch(`${runtime.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
        body: new URLSearchParams(params).toString(),
      });
    };
    const base = { CallSid: sid, AccountSid: `AC${'a'.repeat(32)}`, From: '+8613900001111' };
    const greeting = await post('/webhooks/twilio/voice', base);
    expect(greeting.status).toBe(200);
    expect(await greeting.text()).toContain(`${runtime.publicUrl}/webhooks/twilio/speech`);
    const pressed = await post('/webhooks/twilio/speech', { ...base, Digits: '1' });
    expect(await pressed.text()).toContain(`${runtime.publicUrl}/webhooks/twilio/speech?callback=1`);
    const spoken = await post('/webhooks/twilio/speech?callback=1', {
      ...base,
      SpeechResult: '区市场监管局窗口的人拖了三个月不给办许可证',
      Confidence: '0.9',
    });
    const twiml = await spoken.text();
    const reference = /受理编号是：([^。]+)。/.exec(twiml)?.[1]?.replaceAll(', ', '');
    expect(reference).toMatch(/^HLH[0-9A-Z]{10}$/);
    const formatted = `${reference?.slice(0, 3)}-${reference?.slice(3, 8)}-${reference?.slice(8)}`;
    expect(await triaged(formatted)).toMatchObject({
      channel: 'hotline',
      call: { platform: 'twilio', callId: sid },
      callbackRequested: true,
      anonymous: false,
      // The number to call back is sealed in the opening event; the head only knows there is one.
      hasContact: true,
    });
  });

  it('an Amazon Connect contact flow, through POST /local/connect', async () => {
    const contactId = randomUUID();
    const response = await fetch(`${runtime.url}/local/connect`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        Name: 'ContactFlowEvent',
        Details: {
          ContactData: {
            ContactId: contactId,
            Channel: 'VOICE',
            CustomerEndpoint: { Address: '+8613700002222', Type: 'TELEPHONE_NUMBER' },
            SystemEndpoint: { Address: '+862312388', Type: 'TELEPHONE_NUMBER' },
          },
          Parameters: {
            description: 'The clerk at the tax window shouted at my mother and refused to help her.',
            language: 'en',
          },
        },
      }),
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { reference: string; receiptCode: string };
    expect(answer.receiptCode).toMatch(/^\d{16}$/);
    expect(await triaged(answer.reference)).toMatchObject({
      channel: 'hotline',
      language: 'en',
      call: { platform: 'connect', callId: contactId },
    });
  });

  it('an Open311 client, then reading the request back', async () => {
    const response = await fetch(`${runtime.url}/open311/v2/requests.json`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        api_key: DEVELOPMENT_CHANNEL_SECRETS['open311-api-keys'],
        service_code: 'obstruction',
        description: '户籍窗口推诿扯皮，让我来回跑了五趟还是不给办理。',
        address_string: '区政务服务中心',
      }).toString(),
    });
    expect(response.status).toBe(202);
    const [{ service_request_id: id }] = (await response.json()) as [{ service_request_id: string }];
    expect(await triaged(id)).toMatchObject({ channel: 'open311' });
    const read = await fetch(`${runtime.url}/open311/v2/requests/${id}.json`);
    expect(await read.json()).toEqual([
      expect.objectContaining({ service_request_id: id, status: 'open', status_notes: 'assigned' }),
    ]);
    const listed = (await (await fetch(`${runtime.url}/open311/v2/requests.json?status=open`)).json()) as {
      service_request_id: string;
    }[];
    expect(listed.map((r) => r.service_request_id)).toEqual([id]);
  });
});
