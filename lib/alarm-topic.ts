// Where every alarm of the stack is published: one encrypted, TLS-only SNS topic, optionally emailed to on-call.

import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Construct } from 'constructs';

export interface AlarmTopicProps {
  /** Where alarms are emailed. @default - alarms publish to the topic, with no subscriber */
  readonly email?: string;
}

export class AlarmTopic extends Construct {
  readonly topic: Topic;
  /** The action every alarm of the stack adds. */
  readonly action: SnsAction;

  constructor(scope: Construct, id: string, props: AlarmTopicProps = {}) {
    super(scope, id);
    if (props.email !== undefined && !/^[^@\s]+@[^@\s]+$/.test(props.email)) {
      throw new Error(`alarm email "${props.email}" is not an email address`);
    }

    const key = new Key(this, 'Key', {
      enableKeyRotation: true,
      description: 'Encrypts the Sunshine Hotline alarm topic',
    });
    // CloudWatch alarms publish to an encrypted topic only when its key lets them.
    key.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');
    // 'Default' keeps the topic's logical id (and so its confirmed subscriptions) from before this construct.
    this.topic = new Topic(this, 'Default', { masterKey: key, enforceSSL: true });
    if (props.email) this.topic.addSubscription(new EmailSubscription(props.email));
    this.action = new SnsAction(this.topic);
  }
}
