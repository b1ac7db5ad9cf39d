// The synthesised stack: wiring, settings that protect complaints, least privilege, and cdk-nag.
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseTable, functions, queues } from '../../functions/catalog.ts';
import { HotlineFunction } from '../../lib/hotline-function.ts';
import { HotlineStack } from '../../lib/hotline-stack.ts';
import { PROJECT_ROOT } from '../../lib/project-root.ts';

let app: App;
let template: Template;

beforeAll(() => {
  // Bundling is skipped here (the bundles are built by `npm run synth` and the benchmark); the template is the same.
  app = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
  const stack = new HotlineStack(app, 'Test', { projectRoot: PROJECT_ROOT, alarmEmail: 'ops@example.org' });
  template = Template.fromStack(stack);
});

const resourcesOf = (type: string) =>
  Object.values(template.findResources(type)) as { Properties: Record<string, unknown> }[];

describe('functions', () => {
  it('declares one Lambda per catalog entry, all Node.js 24 on arm64 with active tracing', () => {
    const lambdas = resourcesOf('AWS::Lambda::Function');
    expect(lambdas).toHaveLength(functions.length);
    for (const fn of lambdas) {
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
  });

  it('never lets X-Ray record an answer: every function has response capture off, set by the construct', () => {
    const lambdas = resourcesOf('AWS::Lambda::Function');
    for (const fn of lambdas) {
      const variables = (fn.Properties.Environment as { Variables: Record<string, string> }).Variables;
      expect(variables.POWERTOOLS_TRACER_CAPTURE_RESPONSE).toBe('false');
    }
  });

  it('refuses a function whose environment would switch response capture back on', () => {
    const other = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    const stack = new Stack(other, 'Other');
    const [spec] = functions;
    expect(
      () =>
        new HotlineFunction(stack, 'Leaky', {
          spec: spec as (typeof functions)[number],
          projectRoot: PROJECT_ROOT,
          environment: { POWERTOOLS_TRACER_CAPTURE_RESPONSE: 'true' },
        }),
    ).toThrow(/never go into a trace/);
  });

  it('serves every catalog route through the HTTP API', () => {
    const routeKeys = resourcesOf('AWS::ApiGatewayV2::Route').map((r) => r.Properties.RouteKey);
    const expected = functions.flatMap((f) =>
      f.triggers.flatMap((t) => (t.kind === 'route' ? [`${t.method} ${t.path}`] : [])),
    );
    expect(routeKeys.sort()).toEqual(expected.sort());
  });

  it('throttles the stage and keeps access logs without the client IP', () => {
    const [stage] = resourcesOf('AWS::ApiGatewayV2::Stage');
    expect(stage?.Properties.DefaultRouteSettings).toMatchObject({
      ThrottlingRateLimit: 50,
      ThrottlingBurstLimit: 100,
    });
    const format = (stage?.Properties.AccessLogSettings as { Format?: string } | undefined)?.Format;
    expect(format).toContain('$context.requestId');
    expect(format).not.toContain('sourceIp');
  });
});

describe('intake queue', () => {
  it('feeds the worker in batches of 10 and reports partial batch failures', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('is encrypted, TLS-only, with a DLQ after 5 receives and a visibility timeout of at least 6 × the worker timeout', () => {
    const worker = functions.find((f) => f.name === 'intake-worker');
    const sqsQueues = resourcesOf('AWS::SQS::Queue');
    const intake = sqsQueues.find((q) => q.Properties.RedrivePolicy !== undefined);
    expect(intake?.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      RedrivePolicy: { maxReceiveCount: queues.intake.maxReceiveCount },
    });
    expect(intake?.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(
      6 * (worker?.timeoutSeconds ?? Infinity),
    );
    for (const queue of sqsQueues) expect(queue.Properties.SqsManagedSseEnabled).toBe(true);
    const policies = resourcesOf('AWS::SQS::QueuePolicy');
    expect(policies).toHaveLength(sqsQueues.length);
    for (const policy of policies) {
      expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it('alarms when the DLQ holds anything and when intake messages grow old', () => {
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      AlarmActions: Match.anyValue(),
    });
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
    });
  });
});

describe('case table', () => {
  it("is on demand, with point-in-time recovery, deletion protection, TTL and the catalog's indexes", () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', { DeletionPolicy: 'Retain' });
    const [table] = resourcesOf('AWS::DynamoDB::GlobalTable');
    expect(table?.Properties).toMatchObject({
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: caseTable.timeToLiveAttribute, Enabled: true },
      Replicas: [
        expect.objectContaining({
          PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
          DeletionProtectionEnabled: true,
        }),
      ],
    });
    const indexes = table?.Properties.GlobalSecondaryIndexes as {
      IndexName: string;
      Projection: { NonKeyAttributes: string[] };
    }[];
    expect(indexes.map((i) => i.IndexName).sort()).toEqual(['byAssignee', 'byDue', 'bySubject']);
    for (const index of indexes) expect(index.Projection.NonKeyAttributes).not.toContain('sealedContact');
  });
});

describe('permissions', () => {
  it('grants no wildcard IAM action', () => {
    for (const policy of resourcesOf('AWS::IAM::Policy')) {
      const statements = (policy.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] })
        .Statement;
      for (const statement of statements) {
        for (const action of [statement.Action].flat()) expect(action).not.toContain('*');
      }
    }
  });

  it('gives only the catalog-declared access: the intake cannot read the table, the worker cannot read the secret', () => {
    const policies = template.findResources('AWS::IAM::Policy');
    const policyOf = (name: string) =>
      JSON.stringify(Object.entries(policies).find(([id]) => id.startsWith(name.replace(/-/g, '')))?.[1]);
    expect(policyOf('intake-web')).toContain('sqs:SendMessage');
    expect(policyOf('intake-web')).not.toContain('dynamodb:');
    expect(policyOf('intake-worker')).toContain('dynamodb:PutItem');
    expect(policyOf('intake-worker')).not.toContain('secretsmanager:');
    expect(policyOf('web-pages')).not.toContain('dynamodb:');
  });
});

describe('cdk-nag', () => {
  it('finds no unacknowledged AwsSolutions violation', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    const findings = report.violations.map(
      (v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.resourceLogicalId).join(', ')}`,
    );
    expect(findings).toEqual([]);
  });

  it('still reports a violation when one is introduced (the check can fail)', async () => {
    const { Bucket } = await import('aws-cdk-lib/aws-s3');
    const { Stack } = await import('aws-cdk-lib');
    const probe = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    new Bucket(new Stack(probe, 'Probe'), 'Unlogged');
    Validations.of(probe).addPlugins(new AwsSolutionsChecks(probe));
    expect(new AwsSolutionsChecks().validateScope(probe).violations.length).toBeGreaterThan(0);
  });
});
