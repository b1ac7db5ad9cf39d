// Helpers of the channel tests: requests signed exactly as each sender's own library signs them, and the queue
// drained into cases through the real worker.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { Webhook } from 'standardwebhooks';
import twilio from 'twilio';
import { allItems, type EmulatedAws, PUBLIC_URL, receiveAll } from '../support/emulated-aws.ts';
import { httpEvent, sqsEvent } from '../support/events.ts';
import { TEST_CHANNEL_SECRETS, type TestFunction } from '../support/functions.ts';

export interface Answer {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
  // biome-ignore lint/suspicious/noExplicitAny: each test knows the shape it asserts on.
  readonly json: any;
}

export async function answer(fn: TestFunction, event: unknown): Promise<Answer> {
  const result = (await fn.invoke(event)) as {
    statusCode: number;
    headers?: Record<string, string>;
    body?: string;
  };
  const body = result.body ?? '';
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  return { statusCode: result.statusCode, headers: result.headers ?? {}, body, json: parsed };
}

export interface Signing {
  readonly secret?: string;
  readonly id?: string;
  /** When the sender signed. @default now */
  readonly at?: Date;
  /** Replace the signature header (several `v1,` entries, say). */
  readonly signature?: (signed: string) => string;
  readonly contentType?: string;
}

/** A call as a Standard Webhooks sender posts it: the `standardwebhooks` package signs id, timestamp and body. */
export function signedCall(body: string, signing: Signing = {}): APIGatewayProxyEventV2 {
  const id = signing.id ?? `msg_${randomUUID()}`;
  const at = signing.at ?? new Date();
  const signed = new Webhook(signing.secret ?? TEST_CHANNEL_SECRETS['webhook-signing']).sign(id, at, body);
  return httpEvent('POST', '/webhooks/telephony', {
    body,
    headers: {
      'content-type': signing.contentType ?? 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': signing.signature ? signing.signature(signed) : signed,
    },
  });
}

/** A Twilio callback: the form Twilio posts, signed by the `twilio` package over the URL it requested. */
export function twilioCallback(
  path: string,
  params: Record<string, string>,
  options: { token?: string; query?: string; signedUrl?: string; body?: string } = {},
): APIGatewayProxyEventV2 {
  const url = options.signedUrl ?? `${PUBLIC_URL}${path}${options.query ? `?${options.query}` : ''}`;
  const signature = twilio.getExpectedTwilioSignature(
    options.token ?? TEST_CHANNEL_SECRETS['twilio-auth-token'],
    url,
    params,
  );
  const event = httpEvent('POST', path, {
    body: options.body ?? new URLSearchParams(params).toString(),
    headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature },
  });
  return options.query
    ? {
        ...event,
        rawQueryString: options.query,
        queryStringParameters: Object.fromEntries(new URLSearchParams(options.query)),
      }
    : event;
}

export const callSid = () => `CA${randomUUID().replaceAll('-', '')}`;
export const ACCOUNT_SID = `AC${'0123456789abcdef'.repeat(2)}`;

/** Everything on the intake queue, through the real worker: each message once. */
export async function drainIntoCases(aws: EmulatedAws, worker: TestFunction): Promise<number> {
  let delivered = 0;
  for (;;) {
    const bodies = await receiveAll(aws, aws.queues.intake.url);
    if (bodies.length === 0) return delivered;
    const result = await worker.invoke(sqsEvent(bodies));
    if (result.batchItemFailures.length > 0)
      throw new Error(`worker failed ${result.batchItemFailures.length} records`);
    delivered += bodies.length;
  }
}

export async function cases(aws: EmulatedAws): Promise<Record<string, unknown>[]> {
  // The heads: one per case, whatever events each has.
  return (await allItems(aws)).filter((item) => String(item.pk).startsWith('CASE#') && item.sk === 'HEAD');
}
