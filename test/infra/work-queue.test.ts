// A work queue with its dead-letter queue and both alarms, from a queue spec of the catalog.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { describe, expect, it } from 'vitest';
import { type QueueSpec, queues } from '../../functions/catalog.ts';
import { WorkQueue } from '../../lib/work-queue.ts';
import { logicalIdOf, newStack, resourcesOf } from './support.ts';

// Differs from the catalog's in every figure, so each property is seen to come from the spec.
const spec: QueueSpec = {
  visibilityTimeoutSeconds: 120,
  maxReceiveCount: 3,
  retentionDays: 4,
  deadLetterRetentionDays: 10,
  oldestMessageAlarmSeconds: 600,
};

function build(queueSpec: QueueSpec = spec) {
  const stack = newStack();
  const topic = new Topic(stack, 'Alarms');
  const work = new WorkQueue(stack, 'notify-queue', {
    name: 'notify',
    spec: queueSpec,
    alarmAction: new SnsAction(topic),
  });
  return { stack, work, template: Template.fromStack(stack) };
}

describe('WorkQueue', () => {
  it('is encrypted and TLS-only, with its DLQ after maxReceiveCount receives', () => {
    const { work, template } = build();
    const queue = template.toJSON().Resources[logicalIdOf(work.queue)].Properties;
    expect(queue).toMatchObject({
      SqsManagedSseEnabled: true,
      VisibilityTimeout: 120,
      MessageRetentionPeriod: 4 * 86_400,
      RedrivePolicy: { maxReceiveCount: 3 },
    });
    const policies = resourcesOf(template, 'AWS::SQS::QueuePolicy');
    expect(policies).toHaveLength(2);
    for (const [, policy] of policies) {
      expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
    }
  });

  it('keeps dead letters as long as the spec says, encrypted, and keeps the DLQ with the stack gone', () => {
    const { work, template } = build();
    const dlq = template.toJSON().Resources[logicalIdOf(work.deadLetterQueue)];
    expect(dlq.DeletionPolicy).toBe('Retain');
    expect(dlq.Properties).toMatchObject({ SqsManagedSseEnabled: true, MessageRetentionPeriod: 10 * 86_400 });
  });

  it('alarms at once on a dead letter, and when the oldest message is older than the spec allows', () => {
    const { template } = build();
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateNumberOfMessagesVisible',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 1,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Alarms') }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'ApproximateAgeOfOldestMessage',
      Threshold: 600,
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^Alarms') }],
    });
  });

  it('builds the catalog’s intake queue with a visibility timeout of 180 s', () => {
    const { work, template } = build(queues.intake);
    expect(template.toJSON().Resources[logicalIdOf(work.queue)].Properties.VisibilityTimeout).toBe(180);
  });

  it('refuses a spec SQS would refuse, or a DLQ that drops messages before the queue would', () => {
    expect(() => build({ ...spec, retentionDays: 15 })).toThrow(/between 1 and 14 days/);
    expect(() => build({ ...spec, deadLetterRetentionDays: 2 })).toThrow(/at least as long as the queue/);
    expect(() => build({ ...spec, maxReceiveCount: 0 })).toThrow(/maxReceiveCount/);
    expect(() => build({ ...spec, visibilityTimeoutSeconds: 50_000 })).toThrow(/visibility timeout/);
  });
});
