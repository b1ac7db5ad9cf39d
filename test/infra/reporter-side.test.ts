// The reporter's side in the stack: the public routes (follow-up through the receipt code, the accountability page
// and its open data) without an authorizer, the TTL the contact items expire by, the hourly retention sweep, and
// the public page's read-only access.
import { Match } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseTable } from '../../functions/catalog.ts';
import { logicalIdOf, policyOf, resourcesOf, synth } from './support.ts';

describe("the reporter's side in the stack", () => {
  let real: ReturnType<typeof synth>;
  beforeAll(() => {
    real = synth({ alarmEmail: 'ops@example.org' });
  });

  it('serves the follow-up and accountability routes publicly, behind no authorizer', () => {
    const routes = resourcesOf(real.template, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    const publicRoutes = [
      'POST /complaints/{reference}/answers',
      'POST /complaints/{reference}/additions',
      'POST /complaints/{reference}/rating',
      'GET /accountability',
      'HEAD /accountability',
      'GET /accountability/{file}',
    ];
    for (const key of publicRoutes) {
      const route = routes.find((r) => r.RouteKey === key);
      expect(route, key).toBeDefined();
      expect(route?.AuthorizationType, key).toBe('NONE');
    }
  });

  it('declares TTL on the attribute the contact items expire by', () => {
    expect(caseTable.timeToLiveAttribute).toBe('expiresAt');
    real.template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('runs the retention sweep hourly through EventBridge Scheduler, with retries and a dead-letter queue', () => {
    const fn = real.stack.functions['retention-sweeper'];
    expect(fn).toBeDefined();
    real.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: Match.stringLikeRegexp('^rate\\((60 minutes|1 hour)\\)$'),
      Target: {
        Arn: { 'Fn::GetAtt': [logicalIdOf(fn?.function as never), 'Arn'] },
        RetryPolicy: Match.anyValue(),
        DeadLetterConfig: { Arn: Match.anyValue() },
      },
    });
    const policy = policyOf(real.stack, real.template, 'retention-sweeper');
    expect(policy).toContain('dynamodb:DeleteItem');
    expect(policy).not.toContain('dynamodb:Scan');
  });

  it('gives the public accountability page queries of the table only, and no secret', () => {
    const policy = policyOf(real.stack, real.template, 'accountability');
    expect(policy).toContain('"dynamodb:Query"');
    for (const action of ['GetItem', 'PutItem', 'UpdateItem', 'DeleteItem', 'Scan', 'BatchGetItem']) {
      expect(policy).not.toContain(`dynamodb:${action}`);
    }
    expect(policy).not.toContain('secretsmanager');
  });

  it("lets the reporter's routes write the case's events but never delete or scan", () => {
    const policy = policyOf(real.stack, real.template, 'reporter-follow-up');
    expect(policy).toContain('dynamodb:UpdateItem');
    for (const action of ['DeleteItem', 'Scan']) expect(policy).not.toContain(`dynamodb:${action}`);
  });
});
