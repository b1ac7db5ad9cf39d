// A function run by EventBridge Scheduler: rate expression, retry policy, an encrypted TLS-only DLQ that alarms.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Code, Function as LambdaFunction, Runtime } from 'aws-cdk-lib/aws-lambda';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { describe, expect, it } from 'vitest';
import { ScheduledInvocation, type ScheduledInvocationProps } from '../../lib/scheduled-invocation.ts';
import { logicalIdOf, newStack } from './support.ts';

function build(props: Partial<ScheduledInvocationProps> = {}) {
  const stack = newStack();
  const fn = new LambdaFunction(stack, 'Sweeper', {
    runtime: Runtime.NODEJS_24_X,
    handler: 'index.handler',
    code: Code.fromInline('export const handler = async () => {};'),
  });
  const topic = new Topic(stack, 'Alarms');
  const scheduled = new ScheduledInvocation(stack, 'Every5', {
    fn,
    everyMinutes: 5,
    alarmAction: new SnsAction(topic),
    ...props,
  });
  return { stack, fn, scheduled, template: Template.fromStack(stack) };
}

describe('ScheduledInvocation', () => {
  it('invokes the function at its rate, retrying 3 times within an hour, then dead-lettering', () => {
    const { fn, scheduled, template } = build();
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'rate(5 minutes)',
      State: 'ENABLED',
      Target: {
        Arn: { 'Fn::GetAtt': [logicalIdOf(fn), 'Arn'] },
        RoleArn: { 'Fn::GetAtt': [logicalIdOf(scheduled.role), 'Arn'] },
        RetryPolicy: { MaximumEventAgeInSeconds: 3600, MaximumRetryAttempts: 3 },
        DeadLetterConfig: { Arn: { 'Fn::GetAtt': [logicalIdOf(scheduled.deadLetterQueue), 'Arn'] } },
      },
    });
  });

  it('keeps undeliverable runs in an encrypted, TLS-only queue that alarms', () => {
    const { scheduled, template } = build();
    const dlq = template.toJSON().Resources[logicalIdOf(scheduled.deadLetterQueue)];
    expect(dlq.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 14 * 86_400 });
    expect(JSON.stringify(template.findResources('AWS::SQS::QueuePolicy'))).toContain(
      '"aws:SecureTransport":"false"',
    );
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Dimensions: [{ Name: 'QueueName', Value: Match.anyValue() }],
      Threshold: 0,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Alarms') }],
    });
  });

  it('lets the scheduler invoke this function only, and send to its own DLQ only', () => {
    const { fn, scheduled, template } = build();
    const policy = JSON.stringify(template.findResources('AWS::IAM::Policy'));
    expect(policy).toContain('lambda:InvokeFunction');
    expect(policy).toContain(logicalIdOf(fn));
    expect(policy).toContain(logicalIdOf(scheduled.deadLetterQueue));
    template.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: Match.objectLike({
        Statement: [Match.objectLike({ Principal: { Service: 'scheduler.amazonaws.com' } })],
      }),
    });
  });

  it('takes retries and event age from its props, and refuses what the scheduler would', () => {
    build({ retryAttempts: 0, maxEventAgeMinutes: 10 }).template.hasResourceProperties(
      'AWS::Scheduler::Schedule',
      {
        Target: Match.objectLike({ RetryPolicy: { MaximumEventAgeInSeconds: 600, MaximumRetryAttempts: 0 } }),
      },
    );
    expect(() => build({ everyMinutes: 0 })).toThrow(/at least 1/);
    expect(() => build({ everyMinutes: 2.5 })).toThrow(/whole number/);
    expect(() => build({ retryAttempts: 200 })).toThrow(/between 0 and 185/);
    expect(() => build({ maxEventAgeMinutes: 25 * 60 })).toThrow(/24 hours/);
  });
});
