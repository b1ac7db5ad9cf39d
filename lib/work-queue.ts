// A work queue of the catalog with its dead-letter queue and both alarms: nothing accepted is silently dropped.
// A message that keeps failing lands in the DLQ, which alarms at once; a consumer that fails or starves alarms
// when the oldest message grows old.
import { Duration } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IAlarmAction, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { QueueSpec } from '../functions/catalog.ts';
import { deadLetterQueueProps, workQueueProps } from './defaults.ts';

export interface WorkQueueProps {
  /** The queue's name in the catalog, used in alarm descriptions. */
  readonly name: string;
  readonly spec: QueueSpec;
  /** Where both alarms go. @default - the alarms change state and notify no one */
  readonly alarmAction?: IAlarmAction;
}

export class WorkQueue extends Construct {
  readonly queue: Queue;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;
  readonly oldestMessageAlarm: Alarm;

  constructor(scope: Construct, id: string, props: WorkQueueProps) {
    super(scope, id);
    const { name, spec } = props;
    checkSpec(name, spec);

    this.deadLetterQueue = new Queue(
      this,
      'DeadLetterQueue',
      deadLetterQueueProps(spec.deadLetterRetentionDays),
    );
    // No AwsSolutions-SQS3 acknowledgement: cdk-nag sees this queue in the redrive policy below.
    // 'Default' keeps the queue's logical id from before this construct: a replaced queue loses what it holds.
    this.queue = new Queue(this, 'Default', {
      ...workQueueProps(spec),
      deadLetterQueue: { queue: this.deadLetterQueue, maxReceiveCount: spec.maxReceiveCount },
    });

    this.deadLetterAlarm = new Alarm(this, 'DeadLetterNotEmpty', {
      alarmDescription: `Messages in the ${name} dead-letter queue: accepted work failed ${spec.maxReceiveCount} times and needs a person.`,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    this.oldestMessageAlarm = new Alarm(this, 'OldestMessage', {
      alarmDescription: `The oldest ${name} message has waited over ${spec.oldestMessageAlarmSeconds} s: its consumer is failing or starved.`,
      metric: this.queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1) }),
      threshold: spec.oldestMessageAlarmSeconds,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 3,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    if (props.alarmAction) {
      this.deadLetterAlarm.addAlarmAction(props.alarmAction);
      this.oldestMessageAlarm.addAlarmAction(props.alarmAction);
    }
  }
}

/** SQS's own limits, checked at synth rather than at deploy. */
function checkSpec(name: string, spec: QueueSpec): void {
  const days = (value: number) => Number.isInteger(value) && value >= 1 && value <= 14;
  if (!days(spec.retentionDays) || !days(spec.deadLetterRetentionDays)) {
    throw new Error(`${name}: SQS keeps messages between 1 and 14 days`);
  }
  // A message expires by its original enqueue time, also in the DLQ: the DLQ must keep it longer than the queue.
  if (spec.deadLetterRetentionDays < spec.retentionDays) {
    throw new Error(`${name}: the dead-letter queue must keep messages at least as long as the queue`);
  }
  if (spec.visibilityTimeoutSeconds < 0 || spec.visibilityTimeoutSeconds > 43_200) {
    throw new Error(`${name}: a visibility timeout lies between 0 and 12 hours`);
  }
  if (!Number.isInteger(spec.maxReceiveCount) || spec.maxReceiveCount < 1 || spec.maxReceiveCount > 1000) {
    throw new Error(`${name}: maxReceiveCount lies between 1 and 1000`);
  }
  if (spec.oldestMessageAlarmSeconds <= 0)
    throw new Error(`${name}: the oldest-message alarm needs a threshold`);
}
