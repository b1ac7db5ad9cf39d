// The composed stack: every function of the catalog gets exactly the environment and grants its access
// declarations mean (wiring.ts), and every trigger kind is connected, for the real catalog and a test catalog that
// uses every kind.
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { beforeAll, describe, expect, it } from 'vitest';
import { caseTable, functionNamed, functions, PROJECT_ROOT } from '../../functions/catalog.ts';
import { environmentNames, wiringOf } from '../../functions/wiring.ts';
import { caseTableProps, secretProps } from '../../lib/defaults.ts';
import { HotlineStack } from '../../lib/hotline-stack.ts';
import { everyKind, logicalIdOf, newApp, newStack, policyOf, resourcesOf, synth } from './support.ts';

const CONNECT_INSTANCE =
  'arn:aws:connect:eu-west-1:123456789012:instance/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

describe('with the real catalog', () => {
  let real: ReturnType<typeof synth>;
  beforeAll(() => {
    real = synth({ alarmEmail: 'ops@example.org' });
  });

  it('deploys one Lambda per catalog entry, Node.js 24 on arm64 with active tracing', () => {
    const lambdas = resourcesOf(real.template, 'AWS::Lambda::Function');
    expect(lambdas).toHaveLength(functions.length);
    for (const [, fn] of lambdas) {
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.TracingConfig).toEqual({ Mode: 'Active' });
    }
  });

  it('serves every catalog route through the HTTP API, the JWT routes (and only they) behind the authorizer', () => {
    const routes = resourcesOf(real.template, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    const expected = functions.flatMap((f) =>
      f.triggers.flatMap((t) => (t.kind === 'route' ? [`${t.method} ${t.path}`] : [])),
    );
    expect(routes.map((r) => r.RouteKey).sort()).toEqual(expected.sort());
    const jwt = new Set(
      functions.flatMap((f) =>
        f.triggers.flatMap((t) => (t.kind === 'route' && t.auth === 'jwt' ? [`${t.method} ${t.path}`] : [])),
      ),
    );
    expect(jwt.size).toBeGreaterThan(0);
    for (const route of routes)
      expect(route.AuthorizationType).toBe(jwt.has(String(route.RouteKey)) ? 'JWT' : 'NONE');
  });

  it('throttles each route the catalog throttles to its own limit, after the route exists', () => {
    const throttled = functions.flatMap((f) =>
      f.triggers.flatMap((t) =>
        t.kind === 'route' && t.throttle ? [[`${t.method} ${t.path}`, t.throttle] as const] : [],
      ),
    );
    expect(throttled.length).toBeGreaterThan(0);
    const [[stageId, stage]] = resourcesOf(real.template, 'AWS::ApiGatewayV2::Stage') as [
      [string, { Properties: { RouteSettings: Record<string, unknown> }; DependsOn?: string[] }],
    ];
    for (const [routeKey, throttle] of throttled) {
      expect(stage.Properties.RouteSettings[routeKey], routeKey).toEqual({
        ThrottlingRateLimit: throttle.rateLimit,
        ThrottlingBurstLimit: throttle.burstLimit,
      });
    }
    const routeIds = resourcesOf(real.template, 'AWS::ApiGatewayV2::Route')
      .filter(([, r]) => throttled.some(([key]) => key === r.Properties.RouteKey))
      .map(([id]) => id);
    expect(stage.DependsOn ?? [], stageId).toEqual(expect.arrayContaining(routeIds));
  });

  it('creates the investigator pool, because the cases API needs it', () => {
    real.template.resourceCountIs('AWS::Cognito::UserPool', 1);
    expect(real.stack.userPool).toBeDefined();
  });

  it('feeds the worker in batches, with a batching window, at most 5 batches at once, reporting partial failures', () => {
    real.template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: 10,
      MaximumBatchingWindowInSeconds: 1,
      ScalingConfig: { MaximumConcurrency: 5 },
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
  });

  it('gives the status route reads only (the head, the transitions): never a write, a delete or a scan', () => {
    const policy = policyOf(real.stack, real.template, 'case-status');
    expect(policy).toContain('"dynamodb:GetItem"');
    expect(policy).toContain('"dynamodb:Query"');
    for (const action of ['DeleteItem', 'Scan', 'BatchWriteItem', 'PutItem', 'UpdateItem']) {
      expect(policy).not.toContain(`dynamodb:${action}`);
    }
  });

  it('gives only the declared access: the intake cannot touch the table, the worker cannot read the secret', () => {
    const intake = policyOf(real.stack, real.template, 'intake-web');
    expect(intake).toContain('sqs:SendMessage');
    expect(intake).toContain('secretsmanager:GetSecretValue');
    expect(intake).not.toContain('dynamodb:');
    const worker = policyOf(real.stack, real.template, 'intake-worker');
    expect(worker).toContain('"dynamodb:Query"');
    expect(worker).toContain('"dynamodb:PutItem"');
    expect(worker).not.toContain('secretsmanager:');
    // The worker queues notices (serious cases, reporters' acknowledgements) on the notify queue, never on intake.
    const sends = JSON.stringify(
      (JSON.parse(worker) as { Statement: { Action: string | string[] }[] }[])
        .flatMap((document) => document.Statement)
        .filter((statement) => [statement.Action].flat().includes('sqs:SendMessage')),
    );
    expect(sends).toContain(logicalIdOf(real.stack.queues.notify.queue));
    expect(sends).not.toContain(logicalIdOf(real.stack.queues.intake.queue));
    expect(policyOf(real.stack, real.template, 'web-pages')).not.toMatch(
      /dynamodb:|sqs:Send|secretsmanager:/,
    );
  });

  it('grants no wildcard IAM action anywhere', () => {
    for (const [, policy] of resourcesOf(real.template, 'AWS::IAM::Policy')) {
      const statements = (policy.Properties.PolicyDocument as { Statement: { Action: string | string[] }[] })
        .Statement;
      for (const statement of statements) {
        for (const action of [statement.Action].flat()) expect(action).not.toContain('*');
      }
    }
  });

  it('gives the public URL as the API endpoint unless one is given', () => {
    const variables = environmentOf(real, 'intake-web');
    expect(JSON.stringify(variables[environmentNames.publicUrl])).toContain(logicalIdOf(real.stack.api.api));
    const given = synth({ publicUrl: 'https://jubao.example.gov.cn' });
    expect(environmentOf(given, 'intake-web')[environmentNames.publicUrl]).toBe(
      'https://jubao.example.gov.cn',
    );
  });

  it('names each secret by its ARN, never its value, and ships the pages beside their bundle', () => {
    const secret = environmentOf(real, 'intake-web')[environmentNames.secret('master')];
    expect(secret).toEqual({ Ref: logicalIdOf(real.stack.secrets.master) });
    expect(environmentOf(real, 'web-pages')[environmentNames.assetRoot('web')]).toBe('/var/task/web');
  });

  it('generates the master secret at deploy time and keeps it', () => {
    real.template.hasResource('AWS::SecretsManager::Secret', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
      }),
    });
  });

  it('alarms on receipt-code guessing, in the namespace and service the functions emit under', () => {
    real.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ReceiptCodeRejected',
      Namespace: 'SunshineHotline',
      Dimensions: [{ Name: 'service', Value: 'sunshine-hotline' }],
      Threshold: 100,
      Period: 300,
      AlarmActions: Match.anyValue(),
    });
  });

  it('alarms on sweeps that keep failing, a case set aside, a message given up, and every function’s errors', () => {
    for (const metric of [
      'SweepCaseFailed',
      'SweepCaseSetAside',
      'NotifyRecordFailed',
      'NotificationGivenUp',
    ]) {
      real.template.hasResourceProperties('AWS::CloudWatch::Alarm', {
        MetricName: metric,
        Namespace: 'SunshineHotline',
        Dimensions: [{ Name: 'service', Value: 'sunshine-hotline' }],
        AlarmActions: Match.anyValue(),
      });
    }
    const errors = Object.values(real.template.findResources('AWS::CloudWatch::Alarm')).filter(
      (alarm) => (alarm as { Properties: { MetricName?: string } }).Properties.MetricName === 'Errors',
    );
    expect(errors).toHaveLength(functions.length);
    // The notify queue's dead letters alarm, as every queue's do.
    const deadLetters = Object.values(real.template.findResources('AWS::CloudWatch::Alarm')).filter((alarm) =>
      String((alarm as { Properties: { AlarmDescription?: string } }).Properties.AlarmDescription).includes(
        'notify dead-letter queue',
      ),
    );
    expect(deadLetters).toHaveLength(1);
  });

  it('keeps the logical ids of its stateful resources from before the constructs, so none is replaced', () => {
    // The ids the resources had when the stack created them directly, as computed by CDK for those paths.
    const before = newStack();
    const expected = {
      table: logicalIdOf(new TableV2(before, 'Cases', caseTableProps(caseTable))),
      secret: logicalIdOf(new Secret(before, 'MasterSecret', secretProps({ description: 'x' }))),
      queue: logicalIdOf(new Queue(before, 'intake-queue')),
      api: logicalIdOf(new HttpApi(before, 'Api')),
      topic: logicalIdOf(new Topic(before, 'AlarmTopic')),
    };
    expect({
      table: logicalIdOf(real.stack.cases.table),
      secret: logicalIdOf(real.stack.secrets.master),
      queue: logicalIdOf(real.stack.queues.intake.queue),
      api: logicalIdOf(real.stack.api.api),
      topic: logicalIdOf(real.stack.alarms.topic),
    }).toEqual(expected);
  });
});

describe('with every trigger and access kind (a test catalog)', () => {
  let all: ReturnType<typeof synth>;
  beforeAll(() => {
    all = synth({ functions: everyKind, connectInstanceArn: CONNECT_INSTANCE });
  });

  it('gives each function exactly the variables its access declarations mean, and the construct its own', () => {
    const own = ['NODE_OPTIONS', 'POWERTOOLS_SERVICE_NAME', 'POWERTOOLS_METRICS_NAMESPACE'];
    for (const spec of everyKind) {
      const expected = [...own, ...Object.keys(wiringOf(spec).environment)].sort();
      expect(Object.keys(environmentOf(all, spec.name)).sort(), spec.name).toEqual(expected);
    }
  });

  it('takes Powertools service name and namespace from the catalog', () => {
    const variables = environmentOf(all, 'deadline-sweeper');
    expect(variables.POWERTOOLS_SERVICE_NAME).toBe('sunshine-hotline');
    expect(variables.POWERTOOLS_METRICS_NAMESPACE).toBe('SunshineHotline');
  });

  it('puts JWT routes behind the investigators’ user pool authorizer, public routes behind none', () => {
    const routes = resourcesOf(all.template, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties);
    const jwt = routes.filter((r) => String(r.RouteKey).includes('/test-cases'));
    expect(jwt.map((r) => r.RouteKey).sort()).toEqual([
      'DELETE /test-cases/{reference}/links/{other}',
      'GET /test-cases',
      'PATCH /test-cases/{reference}',
      'PUT /test-cases/{reference}',
    ]);
    for (const route of jwt) {
      expect(route.AuthorizationType).toBe('JWT');
      expect(route.AuthorizerId).toBeDefined();
    }
    const declaredJwt = new Set(
      everyKind.flatMap((f) =>
        f.triggers.flatMap((t) => (t.kind === 'route' && t.auth === 'jwt' ? [`${t.method} ${t.path}`] : [])),
      ),
    );
    for (const route of routes) {
      expect(route.AuthorizationType).toBe(declaredJwt.has(String(route.RouteKey)) ? 'JWT' : 'NONE');
    }
    all.template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    all.template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: Match.stringLikeRegexp('ConsoleClient') }],
        Issuer: Match.anyValue(),
      },
    });
  });

  it('creates one user pool for them, and outputs its id and the console client id', () => {
    all.template.resourceCountIs('AWS::Cognito::UserPool', 1);
    const outputs = all.template.findOutputs('*');
    expect(outputs.InvestigatorUserPoolId?.Value).toEqual({ Ref: logicalIdOf(poolOf(all.stack).userPool) });
    expect(outputs.InvestigatorConsoleClientId?.Value).toEqual({
      Ref: logicalIdOf(poolOf(all.stack).consoleClient),
    });
  });

  it('runs the sweeper every 5 minutes through EventBridge Scheduler, with retries and a dead-letter queue', () => {
    all.template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      Target: {
        Arn: { 'Fn::GetAtt': [logicalIdOf(lambdaOf(all.stack, 'deadline-sweeper')), 'Arn'] },
        RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 3 },
        DeadLetterConfig: { Arn: Match.anyValue() },
      },
    });
  });

  it('lets the Connect instance, and only it, invoke the Connect function', () => {
    const fn = logicalIdOf(lambdaOf(all.stack, 'intake-connect'));
    const permissions = resourcesOf(all.template, 'AWS::Lambda::Permission')
      .map(([, p]) => p.Properties)
      .filter((p) => p.Principal === 'connect.amazonaws.com');
    // One per function Connect invokes (the catalog's own and this test's), each for that instance only.
    for (const permission of permissions) expect(permission.SourceArn).toBe(CONNECT_INSTANCE);
    expect(permissions.filter((p) => JSON.stringify(p.FunctionName).includes(fn))).toEqual([
      {
        Action: 'lambda:InvokeFunction',
        FunctionName: { 'Fn::GetAtt': [fn, 'Arn'] },
        Principal: 'connect.amazonaws.com',
        SourceArn: CONNECT_INSTANCE,
      },
    ]);
  });

  it('still deploys the Connect function without an instance, and says how to connect it', () => {
    const app = newApp();
    const stack = new HotlineStack(app, 'NoConnect', { projectRoot: PROJECT_ROOT, functions: everyKind });
    Annotations.fromStack(stack).hasInfo(
      '/NoConnect/intake-connect',
      Match.stringLikeRegexp('-c connectInstanceArn='),
    );
    const template = Template.fromStack(stack);
    template.resourcePropertiesCountIs('AWS::Lambda::Permission', { Principal: 'connect.amazonaws.com' }, 0);
    expect(template.toJSON().Resources[logicalIdOf(lambdaOf(stack, 'intake-connect'))]).toBeDefined();
  });

  it('refuses a Connect function that would outlive the 8 s a contact flow waits', () => {
    const connect = everyKind.find((f) => f.name === 'intake-connect');
    expect(() => synth({ functions: connect ? [{ ...connect, timeoutSeconds: 9 }] : [] })).toThrow(
      /at most 8 s/,
    );
  });

  it('refuses a Connect ARN that names no Connect instance', () => {
    expect(() =>
      synth({ functions: everyKind, connectInstanceArn: 'arn:aws:sqs:eu-west-1:123456789012:queue' }),
    ).toThrow(/not the ARN of an Amazon Connect instance/);
  });

  it('sends email as the hotline address only, on its SES identities', () => {
    const policy = JSON.parse(policyOf(all.stack, all.template, 'deadline-sweeper')) as {
      Statement: { Action: unknown; Resource: unknown; Condition?: unknown }[];
    }[];
    const statement = policy
      .flatMap((p) => p.Statement)
      .find((s) => JSON.stringify(s.Action).includes('ses:SendEmail'));
    expect(statement?.Action).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
    expect(JSON.stringify(statement?.Resource)).toContain(':identity/hotline@example.org');
    expect(JSON.stringify(statement?.Resource)).toContain(':identity/example.org');
    expect(statement?.Condition).toEqual({ StringEquals: { 'ses:FromAddress': 'hotline@example.org' } });
    expect(environmentOf(all, 'deadline-sweeper')[environmentNames.emailSender]).toBe('hotline@example.org');
  });

  it('sends SMS from its sender ID only', () => {
    const policy = policyOf(all.stack, all.template, 'deadline-sweeper');
    expect(policy).toContain('"sms-voice:SendTextMessage"');
    expect(policy).toContain(':sender-id/SUNSHINE/*');
    expect(environmentOf(all, 'deadline-sweeper')[environmentNames.smsOriginator]).toBe('SUNSHINE');
  });

  it('takes the email sender and SMS originator from the props (the context of bin/app.ts)', () => {
    const given = synth({
      functions: everyKind,
      emailSender: 'jubao@example.gov.cn',
      smsOriginator: 'arn:aws:sms-voice:eu-west-1:123456789012:pool/pool-0123',
    });
    const variables = environmentOf(given, 'deadline-sweeper');
    expect(variables[environmentNames.emailSender]).toBe('jubao@example.gov.cn');
    const policy = policyOf(given.stack, given.template, 'deadline-sweeper');
    expect(policy).toContain('"arn:aws:sms-voice:eu-west-1:123456789012:pool/pool-0123"');
    expect(policy).not.toContain('sender-id');
  });

  it('refuses an SMS originator or email sender it cannot grant', () => {
    expect(() => synth({ functions: everyKind, smsOriginator: '+8613800000000' })).toThrow(
      /neither a sender ID/,
    );
    expect(() => synth({ emailSender: 'not an address' })).toThrow(/not an email address/);
  });

  it('refuses a function or a route declared twice', () => {
    const first = functionNamed('intake-web');
    expect(() => synth({ functions: [first, first] })).toThrow(/declared twice/);
    expect(() => synth({ functions: [first, { ...first, name: 'copy' }] })).toThrow(
      /route .* declared twice/,
    );
  });

  it('refuses a queue consumer whose timeout the visibility timeout cannot cover six times', () => {
    const worker = functionNamed('intake-worker');
    expect(() => synth({ functions: [{ ...worker, timeoutSeconds: 31 }] })).toThrow(
      /at least 6 × the consumer/,
    );
  });
});

function environmentOf(synthesised: ReturnType<typeof synth>, name: string): Record<string, unknown> {
  const fn = synthesised.stack.functions[name];
  if (fn === undefined) throw new Error(`no function ${name}`);
  const resource = synthesised.template.toJSON().Resources[logicalIdOf(fn.function)] as {
    Properties: { Environment: { Variables: Record<string, unknown> } };
  };
  return resource.Properties.Environment.Variables;
}

function lambdaOf(stack: HotlineStack, name: string) {
  const fn = stack.functions[name];
  if (fn === undefined) throw new Error(`no function ${name}`);
  return fn.function;
}

function poolOf(stack: HotlineStack) {
  if (stack.userPool === undefined) throw new Error('no user pool');
  return stack.userPool;
}
