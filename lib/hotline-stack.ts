// The Sunshine Hotline stack: HTTP API → intake Lambdas → SQS (+ DLQ, alarms) → worker → DynamoDB, every
// function, route and queue taken from functions/catalog.ts.
import {
  type CfnElement,
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  type StackProps,
  Validations,
} from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { AttributeType, ProjectionType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { Key } from 'aws-cdk-lib/aws-kms';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import { LogGroup } from 'aws-cdk-lib/aws-logs';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import {
  caseTable,
  environmentNames,
  type FunctionSpec,
  functions,
  observability,
  type QueueName,
  queues as queueSpecs,
} from '../functions/catalog.ts';
import {
  ACCESS_LOG_FIELDS,
  API_THROTTLE,
  LOG_RETENTION_DAYS,
  OLDEST_INTAKE_MESSAGE_ALARM_SECONDS,
  RECEIPT_GUESSING_ALARM,
} from './defaults.ts';
import { HotlineFunction } from './hotline-function.ts';

export interface HotlineStackProps extends StackProps {
  /** Absolute path of the repository root. */
  readonly projectRoot: string;
  /** Where alarms are emailed. @default - alarms publish to the topic, with no subscriber */
  readonly alarmEmail?: string;
  /** The site's public address, for links such as a case's status page. @default - the HTTP API's own URL */
  readonly publicUrl?: string;
}

export class HotlineStack extends Stack {
  readonly table: TableV2;
  readonly queues: Record<QueueName, { queue: Queue; deadLetterQueue: Queue }>;
  readonly api: HttpApi;
  readonly functions: Record<string, HotlineFunction>;
  private readonly publicUrl: string;

  constructor(scope: Construct, id: string, props: HotlineStackProps) {
    super(scope, id, props);

    this.table = new TableV2(this, 'Cases', {
      partitionKey: { name: caseTable.partitionKey, type: AttributeType.STRING },
      sortKey: { name: caseTable.sortKey, type: AttributeType.STRING },
      timeToLiveAttribute: caseTable.timeToLiveAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      globalSecondaryIndexes: Object.entries(caseTable.indexes).map(([indexName, index]) => ({
        indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.INCLUDE,
        nonKeyAttributes: [...index.attributes],
      })),
    });

    // One random master secret; references, receipt codes and sealed contacts derive from it.
    const secret = new Secret(this, 'MasterSecret', {
      description: 'Sunshine Hotline master secret (references, receipt codes, sealed reporter contacts)',
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(secret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the master secret would invalidate every receipt code already given to reporters and make sealed contacts unreadable; rotation is a planned migration (README), not a schedule.',
    });

    const alarmKey = new Key(this, 'AlarmTopicKey', {
      enableKeyRotation: true,
      description: 'Encrypts the Sunshine Hotline alarm topic',
    });
    // CloudWatch alarms publish to an encrypted topic only when its key lets them.
    alarmKey.grant(new ServicePrincipal('cloudwatch.amazonaws.com'), 'kms:Decrypt', 'kms:GenerateDataKey');
    const alarmTopic = new Topic(this, 'AlarmTopic', { masterKey: alarmKey, enforceSSL: true });
    if (props.alarmEmail) alarmTopic.addSubscription(new EmailSubscription(props.alarmEmail));
    const alarmAction = new SnsAction(alarmTopic);

    this.queues = {} as HotlineStack['queues'];
    for (const [name, spec] of Object.entries(queueSpecs) as [QueueName, (typeof queueSpecs)[QueueName]][]) {
      const deadLetterQueue = new Queue(this, `${name}-dlq`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      Validations.of(deadLetterQueue).acknowledge({
        id: 'AwsSolutions-SQS3',
        reason: 'This queue is itself the dead-letter queue of the intake queue.',
      });
      const queue = new Queue(this, `${name}-queue`, {
        encryption: QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
        retentionPeriod: Duration.days(spec.retentionDays),
        deadLetterQueue: { queue: deadLetterQueue, maxReceiveCount: spec.maxReceiveCount },
      });
      new Alarm(this, `${name}-dlq-not-empty`, {
        alarmDescription: `Messages in the ${name} dead-letter queue: accepted work failed ${spec.maxReceiveCount} times and needs a person.`,
        metric: deadLetterQueue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1) }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(alarmAction);
      new Alarm(this, `${name}-oldest-message`, {
        alarmDescription: `The oldest ${name} message has waited over ${OLDEST_INTAKE_MESSAGE_ALARM_SECONDS} s: its consumer is failing or starved.`,
        metric: queue.metricApproximateAgeOfOldestMessage({ period: Duration.minutes(1) }),
        threshold: OLDEST_INTAKE_MESSAGE_ALARM_SECONDS,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 3,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(alarmAction);
      this.queues[name] = { queue, deadLetterQueue };
    }

    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: LOG_RETENTION_DAYS,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    this.api = new HttpApi(this, 'Api', {
      description: 'Sunshine Hotline public API',
      createDefaultStage: false,
    });
    new HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: API_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(ACCESS_LOG_FIELDS)),
      },
    });

    this.publicUrl = props.publicUrl ?? this.api.apiEndpoint;
    this.functions = {};
    for (const spec of functions) {
      const fn = new HotlineFunction(this, spec.name, {
        spec,
        projectRoot: props.projectRoot,
        environment: this.environmentFor(spec, secret),
      });
      this.grantAccess(spec, fn, secret);
      this.connectTriggers(spec, fn);
      this.functions[spec.name] = fn;
    }

    // Citizens report without an account (often anonymously); the receipt code is the credential of the
    // status route. Investigator routes come with JWT authorisation in their own feature.
    Validations.of(this.api).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason:
        'Public complaint intake and receipt-code status lookup are deliberately open to anonymous citizens.',
    });

    new Alarm(this, 'receipt-code-guessing', {
      alarmDescription: `More than ${RECEIPT_GUESSING_ALARM.threshold} wrong receipt codes in ${RECEIPT_GUESSING_ALARM.periodMinutes} minutes: someone is guessing (they cannot succeed, but the office should know).`,
      metric: new Metric({
        namespace: observability.namespace,
        metricName: 'ReceiptCodeRejected',
        dimensionsMap: { service: observability.serviceName },
        statistic: 'Sum',
        period: Duration.minutes(RECEIPT_GUESSING_ALARM.periodMinutes),
      }),
      threshold: RECEIPT_GUESSING_ALARM.threshold,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
    }).addAlarmAction(alarmAction);

    new CfnOutput(this, 'ApiUrl', { value: this.api.apiEndpoint, description: 'Complaint form and API' });
    new CfnOutput(this, 'AlarmTopicArn', { value: alarmTopic.topicArn });
  }

  private environmentFor(spec: FunctionSpec, secret: Secret): Record<string, string> {
    const environment: Record<string, string> = {};
    if (spec.access.table) environment[environmentNames.tableName] = this.table.tableName;
    for (const name of spec.access.sendTo ?? []) {
      environment[environmentNames.queueUrl(name)] = this.queues[name].queue.queueUrl;
    }
    if (spec.access.secret) environment[environmentNames.secretArn] = secret.secretArn;
    if (spec.assets?.includes('web')) environment[environmentNames.webRoot] = '/var/task/web';
    if (spec.access.publicUrl) environment[environmentNames.publicUrl] = this.publicUrl;
    return environment;
  }

  /** Only grant* methods, and only what the catalog says the function needs. */
  private grantAccess(spec: FunctionSpec, fn: HotlineFunction, secret: Secret): void {
    const { table, sendTo = [], secret: needsSecret } = spec.access;
    if (table === 'read') this.table.grantReadData(fn.function);
    if (table === 'write') this.table.grantWriteData(fn.function);
    if (table === 'readWrite') this.table.grantReadWriteData(fn.function);
    if (table) {
      Validations.of(fn.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${this.resolve((this.table.node.defaultChild as CfnElement).logicalId)}.Arn>/index/*]`,
        reason:
          "Queries go through the table's own indexes (byAssignee, byDue); the grant names this table only.",
      });
    }
    for (const name of sendTo) this.queues[name].queue.grantSendMessages(fn.function);
    if (needsSecret) secret.grantRead(fn.function);
  }

  private connectTriggers(spec: FunctionSpec, fn: HotlineFunction): void {
    for (const trigger of spec.triggers) {
      if (trigger.kind === 'route') {
        this.api.addRoutes({
          path: trigger.path,
          methods: [HttpMethod[trigger.method]],
          integration: new HttpLambdaIntegration(
            `${spec.name}-${trigger.method}-${trigger.path}`,
            fn.function,
          ),
        });
      }
      if (trigger.kind === 'queue') {
        fn.function.addEventSource(
          new SqsEventSource(this.queues[trigger.queue].queue, {
            batchSize: trigger.batchSize,
            maxBatchingWindow: Duration.seconds(trigger.maxBatchingWindowSeconds),
            reportBatchItemFailures: true,
          }),
        );
      }
    }
  }
}
