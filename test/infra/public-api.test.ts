// The public HTTP API: its stage, its access logs, and every method of the catalog mapped to API Gateway's.
import { Template } from 'aws-cdk-lib/assertions';
import { HttpNoneAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import type { HttpMethod } from '../../functions/catalog.ts';
import { ACCESS_LOG_FIELDS } from '../../lib/defaults.ts';
import { API_METHODS, PublicApi } from '../../lib/public-api.ts';
import { newStack, resourcesOf } from './support.ts';

const EVERY_METHOD: readonly HttpMethod[] = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'];

function build(props: ConstructorParameters<typeof PublicApi>[2] = {}) {
  const stack = newStack();
  const api = new PublicApi(stack, 'Api', props);
  const fn = new LambdaFunction(stack, 'Fn', {
    runtime: Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: Code.fromInline('export const handler = async () => ({ statusCode: 204 });'),
  });
  return { stack, api, fn };
}

describe('PublicApi', () => {
  it('maps every method the catalog can name', () => {
    expect(Object.keys(API_METHODS).sort()).toEqual([...EVERY_METHOD].sort());
    const { stack, api, fn } = build();
    for (const method of EVERY_METHOD) {
      api.addRoute({
        method,
        path: '/things/{id}',
        integration: new HttpLambdaIntegration(`things-${method}`, fn),
        authorizer: new HttpNoneAuthorizer(),
      });
    }
    const keys = resourcesOf(Template.fromStack(stack), 'AWS::ApiGatewayV2::Route').map(
      ([, route]) => route.Properties.RouteKey,
    );
    expect(keys.sort()).toEqual(EVERY_METHOD.map((m) => `${m} /things/{id}`).sort());
  });

  it('has one auto-deployed $default stage, throttled, with JSON access logs that never record a client IP', () => {
    const { stack } = build();
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::ApiGatewayV2::Stage', 1);
    const [[, stage] = []] = resourcesOf(template, 'AWS::ApiGatewayV2::Stage');
    expect(stage?.Properties).toMatchObject({
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    });
    const settings = stage?.Properties.AccessLogSettings as { Format: string } | undefined;
    const format = JSON.parse(settings?.Format ?? '{}') as Record<string, string>;
    expect(format).toEqual(ACCESS_LOG_FIELDS);
    expect(JSON.stringify(format)).not.toMatch(/sourceIp|identity/i);
    template.hasResource('AWS::Logs::LogGroup', {
      DeletionPolicy: 'Retain',
      Properties: { RetentionInDays: 365 },
    });
  });

  it('takes throttling and log retention from its props', () => {
    const { stack } = build({ throttle: { rateLimit: 5, burstLimit: 10 }, accessLogRetentionDays: 30 });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 5, ThrottlingBurstLimit: 10 },
    });
    template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
  });

  it('refuses a throttle that cannot hold its own rate, and a path without its slash', () => {
    expect(() => build({ throttle: { rateLimit: 10, burstLimit: 5 } })).toThrow(/burst/);
    const { api, fn } = build();
    expect(() =>
      api.addRoute({
        method: 'GET',
        path: 'things',
        integration: new HttpLambdaIntegration('things', fn),
        authorizer: new HttpNoneAuthorizer(),
      }),
    ).toThrow(/must start with \//);
  });
});
