// The Sunshine Hotline stack: it composes the constructs of lib/ and wires every function of the catalog through
// functions/wiring.ts (its variables, grants and triggers), so the cloud means what the local runtime means.
import { CfnOutput, Duration, Stack, type StackProps, Token, Validations } from 'aws-cdk-lib';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { type ISecret, Secret } from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import {
  caseTable,
  functions as catalogFunctions,
  evidenceStore,
  type FunctionSpec,
  observability,
  type QueueName,
  queues as queueSpecs,
  type SecretName,
  secrets as secretSpecs,
} from '../functions/catalog.ts';
import { applyGrants, connectTriggers, resolveEnvironment, wiringOf } from '../functions/wiring.ts';
import { AlarmTopic } from './alarm-topic.ts';
import { CaseTable } from './case-table.ts';
import { type CloudResources, grantApplier, resourceResolver, triggerWiring } from './cloud-wiring.ts';
import {
  consoleUrlOf,
  DEFAULT_EMAIL_SENDER,
  DEFAULT_EVIDENCE_RETENTION_DAYS,
  DEFAULT_SMS_ORIGINATOR,
  METRIC_ALARMS,
  RECEIPT_GUESSING_ALARM,
  SECRET_NOT_ROTATED_BECAUSE,
  secretProps,
} from './defaults.ts';
import { EvidenceBucket } from './evidence-bucket.ts';
import { HotlineFunction } from './hotline-function.ts';
import { InvestigatorPool } from './investigator-pool.ts';
import { PublicApi } from './public-api.ts';
import { WorkQueue } from './work-queue.ts';

export interface HotlineStackProps extends StackProps {
  /** Absolute path of the repository root (PROJECT_ROOT of the catalog). */
  readonly projectRoot: string;
  /** Where alarms are emailed. @default - alarms publish to the topic, with no subscriber */
  readonly alarmEmail?: string;
  /** The site's public address, for links such as a case's status page. @default - the HTTP API's own URL */
  readonly publicUrl?: string;
  /** The Amazon Connect instance allowed to invoke `invoke: connect` functions. @default - none may; an info annotation says how */
  readonly connectInstanceArn?: string;
  /** The SES-verified address email is sent from. @default DEFAULT_EMAIL_SENDER */
  readonly emailSender?: string;
  /** The SMS sender ID, or the ARN of an origination phone number or pool. @default DEFAULT_SMS_ORIGINATOR */
  readonly smsOriginator?: string;
  /** Days a checked evidence file is kept (README, "Evidence"). @default DEFAULT_EVIDENCE_RETENTION_DAYS */
  readonly evidenceRetentionDays?: number;
  /** Scan uploads with GuardDuty Malware Protection for S3 before they are checked. @default false */
  readonly malwareScan?: boolean;
  /** The functions to deploy (tests pass their own). @default - every function of functions/catalog.ts */
  readonly functions?: readonly FunctionSpec[];
}

export class HotlineStack extends Stack {
  readonly alarms: AlarmTopic;
  readonly cases: CaseTable;
  readonly queues: Readonly<Record<QueueName, WorkQueue>>;
  readonly secrets: Readonly<Record<SecretName, ISecret>>;
  readonly api: PublicApi;
  readonly evidence: EvidenceBucket;
  readonly functions: Readonly<Record<string, HotlineFunction>>;
  private investigatorPool: InvestigatorPool | undefined;

  constructor(scope: Construct, id: string, props: HotlineStackProps) {
    super(scope, id, props);
    const specs = props.functions ?? catalogFunctions;
    checkFunctions(specs);
    const emailSender = props.emailSender ?? DEFAULT_EMAIL_SENDER;
    if (!Token.isUnresolved(emailSender) && !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(emailSender)) {
      throw new Error(`email sender "${emailSender}" is not an email address`);
    }

    this.alarms = new AlarmTopic(this, 'AlarmTopic', props.alarmEmail ? { email: props.alarmEmail } : {});
    this.cases = new CaseTable(this, 'Cases', { spec: caseTable });
    this.secrets = mapRecord(secretSpecs, (name, spec) => {
      const secret = new Secret(
        this,
        `${name.charAt(0).toUpperCase()}${name.slice(1)}Secret`,
        secretProps(spec),
      );
      Validations.of(secret).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason: SECRET_NOT_ROTATED_BECAUSE[name],
      });
      return secret;
    });
    this.queues = mapRecord(
      queueSpecs,
      (name, spec) => new WorkQueue(this, `${name}-queue`, { name, spec, alarmAction: this.alarms.action }),
    );
    this.api = new PublicApi(this, 'Api');
    this.evidence = new EvidenceBucket(this, 'Evidence', {
      queue: this.queues[evidenceStore.notifies].queue,
      uploadPrefix: evidenceStore.uploadPrefix,
      checkedPrefix: evidenceStore.checkedPrefix,
      uncheckedExpiryDays: evidenceStore.uncheckedExpiryDays,
      retentionDays: props.evidenceRetentionDays ?? DEFAULT_EVIDENCE_RETENTION_DAYS,
      // The pages that upload and show files: the site's own origin, which is the API's own without a publicUrl.
      allowedOrigins: [
        props.publicUrl === undefined || Token.isUnresolved(props.publicUrl)
          ? `https://${this.api.api.apiId}.execute-api.${this.region}.${this.urlSuffix}`
          : new URL(props.publicUrl).origin,
      ],
      malwareScan: props.malwareScan ?? false,
    });

    const resources: CloudResources = {
      cases: this.cases,
      queues: this.queues,
      queueSpecs,
      secrets: this.secrets,
      api: this.api,
      investigators: () => this.investigators(consoleUrlOf(props.publicUrl ?? this.api.url)),
      publicUrl: props.publicUrl ?? this.api.url,
      emailSender,
      smsOriginator: props.smsOriginator ?? DEFAULT_SMS_ORIGINATOR,
      connectInstanceArn: props.connectInstanceArn,
      alarmAction: this.alarms.action,
      evidence: this.evidence,
    };
    const resolver = resourceResolver(resources);
    const triggers = triggerWiring(resources);
    const functions: Record<string, HotlineFunction> = {};
    for (const spec of specs) {
      const wiring = wiringOf(spec);
      const fn = new HotlineFunction(this, spec.name, {
        spec,
        projectRoot: props.projectRoot,
        environment: resolveEnvironment(wiring.environment, resolver),
        assets: wiring.assets,
      });
      applyGrants(wiring.grants, grantApplier(resources, fn));
      connectTriggers(spec, fn, triggers);
      functions[spec.name] = fn;
      // Any function failing is a person's business: an HTTP route answers 500, a queue's record comes back.
      new Alarm(this, `${spec.name}-errors`, {
        alarmDescription: `${spec.name} failed (Lambda errors) in two 5-minute periods running.`,
        metric: fn.function.metricErrors({ period: Duration.minutes(5), statistic: 'Sum' }),
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 2,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(this.alarms.action);
    }
    this.functions = functions;

    for (const alarm of METRIC_ALARMS) {
      new Alarm(this, `metric-${alarm.metric}`, {
        alarmDescription: alarm.description,
        metric: new Metric({
          namespace: observability.namespace,
          metricName: alarm.metric,
          dimensionsMap: { service: observability.serviceName },
          statistic: 'Sum',
          period: Duration.minutes(alarm.periodMinutes),
        }),
        threshold: alarm.threshold,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: alarm.periods,
        treatMissingData: TreatMissingData.NOT_BREACHING,
      }).addAlarmAction(this.alarms.action);
    }

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
    }).addAlarmAction(this.alarms.action);

    new CfnOutput(this, 'ApiUrl', { value: this.api.url, description: 'Complaint form and API' });
    new CfnOutput(this, 'AlarmTopicArn', {
      value: this.alarms.topic.topicArn,
      description: 'Subscribe on-call here',
    });
  }

  /** The investigators' user pool, if some route of the catalog needs one. */
  get userPool(): InvestigatorPool | undefined {
    return this.investigatorPool;
  }

  private investigators(consoleUrl: string): InvestigatorPool {
    if (this.investigatorPool === undefined) {
      this.investigatorPool = new InvestigatorPool(this, 'Investigators', { consoleUrl });
      new CfnOutput(this, 'InvestigatorUserPoolId', {
        value: this.investigatorPool.userPool.userPoolId,
        description:
          'Cognito user pool of investigators (create accounts here, each with custom:personId and one group)',
      });
      new CfnOutput(this, 'InvestigatorConsoleClientId', {
        value: this.investigatorPool.consoleClient.userPoolClientId,
        description: 'App client id of the investigator console',
      });
    }
    return this.investigatorPool;
  }
}

/** Names are construct ids and environment settings: each function once, and each route once. */
function checkFunctions(specs: readonly FunctionSpec[]): void {
  const names = new Set<string>();
  const routes = new Set<string>();
  for (const spec of specs) {
    if (names.has(spec.name)) throw new Error(`function ${spec.name} is declared twice`);
    names.add(spec.name);
    for (const trigger of spec.triggers) {
      if (trigger.kind !== 'route') continue;
      const key = `${trigger.method} ${trigger.path}`;
      if (routes.has(key)) throw new Error(`route ${key} is declared twice`);
      routes.add(key);
    }
  }
}

function mapRecord<K extends string, V, R>(
  record: Readonly<Record<K, V>>,
  map: (key: K, value: V) => R,
): Record<K, R> {
  return Object.fromEntries(
    (Object.entries(record) as [K, V][]).map(([key, value]) => [key, map(key, value)]),
  ) as Record<K, R>;
}
