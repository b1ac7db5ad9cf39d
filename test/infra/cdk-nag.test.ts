// cdk-nag's AWS Solutions pack over the whole stack: no finding left, and no acknowledgement without its reason
// or away from its cause.
import { App, Stack, Validations } from 'aws-cdk-lib';
import { CfnRoute } from 'aws-cdk-lib/aws-apigatewayv2';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { acknowledgementsIn, everyKind, synth } from './support.ts';

const findingsOf = (app: App) =>
  new AwsSolutionsChecks()
    .validateScope(app)
    .violations.map((v) => `${v.ruleName}: ${v.violatingResources.map((r) => r.constructPath).join(', ')}`);

/** Every finding, acknowledged or not: what the acknowledgements answer. */
function rawFindingsOf(app: App): { rule: string; paths: string[] }[] {
  const checks = new AwsSolutionsChecks();
  Object.defineProperty(checks, 'isAcknowledged', { value: () => false });
  return checks.validateScope(app).violations.map((v) => ({
    rule: v.ruleName,
    paths: v.violatingResources.map((r) => r.constructPath ?? ''),
  }));
}

const CONNECT_INSTANCE =
  'arn:aws:connect:eu-west-1:123456789012:instance/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

describe('cdk-nag AwsSolutions', () => {
  it('finds nothing unacknowledged in the stack of the real catalog', () => {
    const { app } = synth({ alarmEmail: 'ops@example.org' });
    expect(findingsOf(app)).toEqual([]);
  });

  it('finds nothing unacknowledged with every trigger and access kind', () => {
    const { app } = synth({ functions: everyKind, connectInstanceArn: CONNECT_INSTANCE });
    expect(findingsOf(app)).toEqual([]);
  });

  it('explains every acknowledgement, and each answers a finding on its own construct', () => {
    const { app } = synth({ functions: everyKind, connectInstanceArn: CONNECT_INSTANCE });
    const raw = rawFindingsOf(app);
    const acknowledgements = acknowledgementsIn(app);
    expect(acknowledgements.length).toBeGreaterThan(0);
    for (const { path, id, reason } of acknowledgements) {
      expect(reason.length, `${path} ${id}`).toBeGreaterThan(40);
      const answered = raw.some(
        (finding) => finding.rule === id && finding.paths.some((p) => p === path || p.startsWith(`${path}/`)),
      );
      expect(answered, `${path} acknowledges ${id}, which is not found there`).toBe(true);
    }
  });

  it('acknowledges only the expected kinds of finding', () => {
    const { app } = synth({ functions: everyKind, connectInstanceArn: CONNECT_INSTANCE });
    const allowed = [
      /^AwsSolutions-APIG4$/, // public routes (citizens report anonymously)
      /^AwsSolutions-SQS3$/, // a dead-letter queue has no dead-letter queue of its own
      /^AwsSolutions-SMG4$/, // the master secret is not rotated on a schedule
      /^AwsSolutions-COG2$/, // MFA optional, TOTP enrolled at first sign-in
      /^AwsSolutions-IAM5\[Resource::\*\]$/, // X-Ray
      /^AwsSolutions-IAM5\[Resource::<Cases[0-9A-F]{8}\.Arn>\/index\/\*\]$/, // the case table's indexes
      /^AwsSolutions-IAM5\[Resource::<[A-Za-z0-9]+\.Arn>:\*\]$/, // scheduler: the function's versions
      /^AwsSolutions-S1$/, // the evidence bucket keeps no access logs: they would hold reporters' IP addresses
      /^AwsSolutions-IAM5\[Resource::<EvidenceBucket[0-9A-F]{8}\.Arn>\/(uploads|evidence)\/\*\]$/, // one area's files
      /^AwsSolutions-IAM5\[Resource::arn:<AWS::Partition>:sms-voice:<AWS::Region>:<AWS::AccountId>:sender-id\/SUNSHINE\/\*\]$/,
    ];
    for (const { path, id } of acknowledgementsIn(app)) {
      expect(
        allowed.some((pattern) => pattern.test(id)),
        `${path}: ${id}`,
      ).toBe(true);
    }
  });

  it('acknowledges the missing authorizer on public routes only', () => {
    const { app } = synth({ functions: everyKind, connectInstanceArn: CONNECT_INSTANCE });
    const routes = app.node.findAll().filter((c): c is CfnRoute => c instanceof CfnRoute);
    const acknowledged = new Set(
      acknowledgementsIn(app)
        .filter((a) => a.id === 'AwsSolutions-APIG4')
        .map((a) => a.path),
    );
    expect(acknowledged.size).toBeGreaterThan(0);
    for (const route of routes) {
      const isPublic = route.authorizationType === 'NONE';
      expect(acknowledged.has(route.node.scope?.node.path ?? ''), route.routeKey).toBe(isPublic);
    }
    expect(routes.some((r) => r.authorizationType === 'JWT')).toBe(true);
  });

  it('still reports a violation when one is introduced (the check can fail)', async () => {
    const { Bucket } = await import('aws-cdk-lib/aws-s3');
    const probe = new App({ context: { 'aws:cdk:bundling-stacks': [] } });
    new Bucket(new Stack(probe, 'Probe'), 'Unlogged');
    Validations.of(probe).addPlugins(new AwsSolutionsChecks(probe));
    expect(findingsOf(probe).length).toBeGreaterThan(0);
  });
});
