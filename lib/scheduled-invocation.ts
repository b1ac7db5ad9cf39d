// A function run on a schedule by EventBridge Scheduler, with a retry policy and a dead-letter queue for runs that
// could not be delivered; the DLQ alarms, as every DLQ of the stack does.
import { type CfnElement, Duration, Stack, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, type IAlarmAction, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import type { IFunction } from 'aws-cdk-lib/aws-lambda';
import { Schedule, ScheduleExpression } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { deadLetterQueueProps, SCHEDULE_RETRY } from './defaults.ts';

export interface ScheduledInvocationProps {
  readonly fn: IFunction;
  /** Runs every this many minutes. */
  readonly everyMinutes: number;
  /** @default - the schedule's description names the function */
  readonly description?: string;
  /** Where the dead-letter alarm goes. @default - the alarm notifies no one */
  readonly alarmAction?: IAlarmAction;
  /** How long one run may wait for delivery. @default SCHEDULE_RETRY.maxEventAgeMinutes (60) */
  readonly maxEventAgeMinutes?: number;
  /** @default SCHEDULE_RETRY.retryAttempts (3) */
  readonly retryAttempts?: number;
}

export class ScheduledInvocation extends Construct {
  readonly schedule: Schedule;
  readonly deadLetterQueue: Queue;
  readonly deadLetterAlarm: Alarm;
  /** The role EventBridge Scheduler assumes to invoke the function. */
  readonly role: Role;

  constructor(scope: Construct, id: string, props: ScheduledInvocationProps) {
    super(scope, id);
    const maxEventAgeMinutes = props.maxEventAgeMinutes ?? SCHEDULE_RETRY.maxEventAgeMinutes;
    const retryAttempts = props.retryAttempts ?? SCHEDULE_RETRY.retryAttempts;
    if (!Number.isInteger(props.everyMinutes) || props.everyMinutes < 1) {
      throw new Error('a schedule runs every whole number of minutes, at least 1');
    }
    if (maxEventAgeMinutes < 1 || maxEventAgeMinutes > 24 * 60) {
      throw new Error('EventBridge Scheduler keeps an event between 1 minute and 24 hours');
    }
    if (!Number.isInteger(retryAttempts) || retryAttempts < 0 || retryAttempts > 185) {
      throw new Error('EventBridge Scheduler retries between 0 and 185 times');
    }

    this.deadLetterQueue = new Queue(
      this,
      'DeadLetterQueue',
      deadLetterQueueProps(SCHEDULE_RETRY.deadLetterRetentionDays),
    );
    Validations.of(this.deadLetterQueue).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason:
        'This queue is itself the dead-letter queue of an EventBridge Scheduler schedule (cdk-nag recognises only SQS redrive policies).',
    });

    // An own role, so its one acknowledgement below concerns this schedule only.
    this.role = new Role(this, 'Role', {
      assumedBy: new ServicePrincipal('scheduler.amazonaws.com'),
      description: 'Lets EventBridge Scheduler invoke one function of Sunshine Hotline',
    });
    this.schedule = new Schedule(this, 'Default', {
      schedule: ScheduleExpression.rate(Duration.minutes(props.everyMinutes)),
      description: props.description ?? `Runs ${props.fn.node.path} every ${props.everyMinutes} min`,
      target: new LambdaInvoke(props.fn, {
        role: this.role,
        deadLetterQueue: this.deadLetterQueue,
        maxEventAge: Duration.minutes(maxEventAgeMinutes),
        retryAttempts,
      }),
    });
    // LambdaInvoke grants with IFunction.grantInvoke, which names the function and its versions (`<arn>:*`).
    Validations.of(this.role).acknowledge({
      id: `AwsSolutions-IAM5[Resource::<${functionLogicalId(props.fn)}.Arn>:*]`,
      reason:
        "IFunction.grantInvoke names the function's versions and aliases (`<function ARN>:*`) beside the function itself; it is this one function.",
    });

    this.deadLetterAlarm = new Alarm(this, 'DeadLetterNotEmpty', {
      alarmDescription: `A scheduled run of ${props.fn.node.path} could not be delivered after ${retryAttempts} retries: its work is late until the next run succeeds.`,
      metric: this.deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    });
    if (props.alarmAction) this.deadLetterAlarm.addAlarmAction(props.alarmAction);
  }
}

function functionLogicalId(fn: IFunction): string {
  const resource = fn.node.defaultChild;
  if (resource === undefined) throw new Error(`${fn.node.path} has no CloudFormation resource to schedule`);
  return Stack.of(fn).resolve((resource as CfnElement).logicalId) as string;
}
