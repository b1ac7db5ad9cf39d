// Builders for the events API Gateway and SQS hand to a Lambda, so handler tests read as the request they make.
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEventV2, Context, SQSEvent } from 'aws-lambda';
import { functionNamed } from '#catalog';
import { lambdaContext } from '#local/context.ts';

export function httpEvent(
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string>; pathParameters?: Record<string, string> } = {},
): APIGatewayProxyEventV2 {
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: { host: 'hotline.example', 'x-forwarded-proto': 'https', ...options.headers },
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    requestContext: {
      accountId: '000000000000',
      apiId: 'test',
      domainName: 'hotline.example',
      domainPrefix: 'hotline',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'vitest' },
      requestId: randomUUID(),
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: new Date().toUTCString(),
      timeEpoch: Date.now(),
    },
    ...(options.body === undefined ? {} : { body: options.body }),
    isBase64Encoded: false,
  };
}

export const jsonPost = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  httpEvent('POST', path, {
    body: JSON.stringify(body),
    headers: { 'content-type': 'application/json', ...headers },
  });

/** SQS records of these bodies; `sent` gives each its SentTimestamp when it matters (default: now). */
export function sqsEvent(
  bodies: readonly string[],
  sent: readonly { SentTimestamp: string }[] = [],
): SQSEvent {
  return {
    Records: bodies.map((body, i) => ({
      messageId: `message-${i}-${randomUUID()}`,
      receiptHandle: `handle-${i}`,
      body,
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: sent[i]?.SentTimestamp ?? String(Date.now()),
        SenderId: 'test',
        ApproximateFirstReceiveTimestamp: String(Date.now()),
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:intake',
      awsRegion: 'us-east-1',
    })),
  };
}

/** The context the Lambda service would pass to the catalog's function of this name. */
export const contextFor = (name: string): Context => lambdaContext(functionNamed(name), 'us-east-1');

/**
 * A request to a JWT route as API Gateway hands it on once its authorizer verified the token: the claims of a
 * directory person's ID token (custom:personId, their one group), as the pool signs them.
 */
export function signedInEvent(
  method: string,
  path: string,
  person: { readonly id: string; readonly role: string },
  options: { body?: unknown; pathParameters?: Record<string, string> } = {},
): APIGatewayProxyEventV2 {
  const event = httpEvent(method, path, {
    ...(options.body === undefined
      ? {}
      : { body: JSON.stringify(options.body), headers: { 'content-type': 'application/json' } }),
    ...(options.pathParameters === undefined ? {} : { pathParameters: options.pathParameters }),
  });
  const claims = {
    sub: randomUUID(),
    token_use: 'id',
    'custom:personId': person.id,
    'cognito:groups': `[${person.role}]`,
  };
  return {
    ...event,
    requestContext: { ...event.requestContext, authorizer: { jwt: { claims, scopes: [] } } },
  } as APIGatewayProxyEventV2;
}
