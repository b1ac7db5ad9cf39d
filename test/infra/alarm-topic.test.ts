// The alarm topic: encrypted with a rotating key CloudWatch may use, TLS only, optionally emailed.
import { Match, Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { AlarmTopic } from '../../lib/alarm-topic.ts';
import { newStack } from './support.ts';

describe('AlarmTopic', () => {
  it('is encrypted with a rotating key that CloudWatch may use, and TLS only', () => {
    const stack = newStack();
    new AlarmTopic(stack, 'AlarmTopic');
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
    const key = JSON.stringify(template.findResources('AWS::KMS::Key'));
    expect(key).toContain('cloudwatch.amazonaws.com');
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    expect(JSON.stringify(template.findResources('AWS::SNS::TopicPolicy'))).toContain(
      '"aws:SecureTransport":"false"',
    );
    template.resourceCountIs('AWS::SNS::Subscription', 0);
  });

  it('emails alarms when given an address, and refuses what is not one', () => {
    const stack = newStack();
    new AlarmTopic(stack, 'AlarmTopic', { email: 'ops@example.org' });
    Template.fromStack(stack).hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'email',
      Endpoint: 'ops@example.org',
    });
    expect(() => new AlarmTopic(newStack(), 'AlarmTopic', { email: 'ops' })).toThrow(/not an email address/);
  });
});
