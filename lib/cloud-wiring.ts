// The cloud's side of functions/wiring.ts: what each resource reference, grant, trigger and route authorisation
// means in this stack. Each table is a mapped type over the catalog's kinds, so a kind added there does not compile
// here until it is handled.
import { Annotations, Arn, ArnFormat, Duration, Stack, Token, Validations } from 'aws-cdk-lib';
import { HttpNoneAuthorizer, type HttpRoute, type IHttpRouteAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type { IAlarmAction } from 'aws-cdk-lib/aws-cloudwatch';
import { Grant, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { InvokeTrigger, QueueName, QueueSpec, RouteAuth, SecretName } from '../functions/catalog.ts';
import type {
  AuthWiring,
  GrantApplier,
  ResourceResolver,
  SignInSetting,
  TriggerWiring,
} from '../functions/wiring.ts';
import type { CaseTable } from './case-table.ts';
import { assetRootOf, VISIBILITY_TIMEOUT_FACTOR } from './defaults.ts';
import type { EvidenceBucket } from './evidence-bucket.ts';
import type { HotlineFunction } from './hotline-function.ts';
import type { InvestigatorPool } from './investigator-pool.ts';
import type { PublicApi } from './public-api.ts';
import { ScheduledInvocation } from './scheduled-invocation.ts';
import type { WorkQueue } from './work-queue.ts';

/** The stack's resources, as the wiring reads them. */
export interface CloudResources {
  readonly cases: CaseTable;
  readonly queues: Readonly<Record<QueueName, WorkQueue>>;
  readonly queueSpecs: Readonly<Record<QueueName, QueueSpec>>;
  readonly secrets: Readonly<Record<SecretName, ISecret>>;
  readonly api: PublicApi;
  /** The user pool of investigators, created on first use: a stack with no JWT route has none. */
  readonly investigators: () => InvestigatorPool;
  readonly publicUrl: string;
  readonly emailSender: string;
  readonly smsOriginator: string;
  readonly connectInstanceArn: string | undefined;
  readonly alarmAction: IAlarmAction;
  readonly evidence: EvidenceBucket;
}

/** Environment variables: each resource reference becomes a CDK token (or a plain value). */
export function resourceResolver(resources: CloudResources): ResourceResolver<string> {
  return {
    tableName: () => resources.cases.table.tableName,
    queueUrl: (ref) => resources.queues[ref.queue].queue.queueUrl,
    // An ARN: the function reads the value from Secrets Manager, and it never appears in the template.
    secret: (ref) => resources.secrets[ref.secret].secretArn,
    emailSender: () => resources.emailSender,
    smsOriginator: () => resources.smsOriginator,
    publicUrl: () => resources.publicUrl,
    assetRoot: (ref) => assetRootOf(ref.folder),
    // The hosted sign-in of the user pool (made here if no JWT route made it first), as JSON that CloudFormation
    // completes with the domain's region and the client's id.
    signIn: () => {
      const pool = resources.investigators();
      const setting: SignInSetting = {
        signIn: 'cognito',
        domain: pool.domain.baseUrl(),
        clientId: pool.consoleClient.userPoolClientId,
        redirectUri: pool.consoleUrl,
      };
      return Stack.of(pool).toJsonString(setting);
    },
    evidenceBucket: () => resources.evidence.bucket.bucketName,
    malwareScan: () => (resources.evidence.malwareScan ? 'guardduty' : 'off'),
  };
}

/** Permissions of one function: only grant methods, and only what its access declarations say. */
export function grantApplier(resources: CloudResources, fn: HotlineFunction): GrantApplier {
  const grantee = fn.function;
  return {
    table: (grant) => resources.cases.grantActions(grantee, grant.actions),
    sendToQueue: (grant) => resources.queues[grant.queue].queue.grantSendMessages(grantee),
    readSecret: (grant) => resources.secrets[grant.secret].grantRead(grantee),
    sendEmail: () => grantSendEmail(fn, resources.emailSender),
    sendSms: () => grantSendSms(fn, resources.smsOriginator),
    evidence: (grant) => {
      resources.evidence.acknowledgeGrant(fn.role, grant.area);
      return resources.evidence.grant(grantee, grant.area, grant.actions);
    },
  };
}

/** SES checks sending against the identity that verifies the sender: the address itself, or its domain. */
export function grantSendEmail(fn: HotlineFunction, sender: string): Grant {
  const domain = sender.slice(sender.lastIndexOf('@') + 1);
  const identityArn = (identity: string) =>
    Stack.of(fn).formatArn({
      service: 'ses',
      resource: 'identity',
      resourceName: identity,
    });
  return Grant.addToPrincipal({
    grantee: fn.function,
    actions: ['ses:SendEmail', 'ses:SendRawEmail'],
    resourceArns: [identityArn(sender), identityArn(domain)],
    // Even with the whole domain verified, the function sends as the hotline's address only.
    conditions: { StringEquals: { 'ses:FromAddress': sender } },
  });
}

/**
 * AWS End User Messaging SMS authorises SendTextMessage on the origination identity: a pool or phone number (given
 * as its ARN), or a sender ID, whose ARN ends in the destination's country code.
 */
export function grantSendSms(fn: HotlineFunction, originator: string): Grant {
  const grantee = fn.function;
  if (originator.startsWith('arn:')) {
    return Grant.addToPrincipal({
      grantee,
      actions: ['sms-voice:SendTextMessage'],
      resourceArns: [originator],
    });
  }
  if (!/^[A-Za-z0-9-]{1,11}$/.test(originator)) {
    throw new Error(
      `SMS originator "${originator}" is neither a sender ID (1-11 letters, digits, hyphens) nor the ARN of a phone number or pool`,
    );
  }
  const stack = Stack.of(fn);
  const senderIdArn = stack.formatArn({
    service: 'sms-voice',
    resource: 'sender-id',
    resourceName: `${originator}/*`,
  });
  const grant = Grant.addToPrincipal({
    grantee,
    actions: ['sms-voice:SendTextMessage'],
    resourceArns: [senderIdArn],
  });
  // cdk-nag names the finding with the stack's region and account as synthesised: placeholders when the stack is
  // environment-agnostic, the literal values when it is deployed to a given environment.
  const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
  const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
  Validations.of(fn.role).acknowledge({
    id: `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:sms-voice:${region}:${account}:sender-id/${originator}/*]`,
    reason: `A sender ID's ARN ends in the destination's country code (sender-id/${originator}/<country>); the wildcard spans the countries of this one sender ID only.`,
  });
  return grant;
}

/** How a route of each kind of authorisation is guarded. */
export interface RouteGuard {
  readonly authorizer: () => IHttpRouteAuthorizer;
  /** Called with the routes once added (for acknowledgements that belong to them). */
  readonly guarded: (routes: readonly HttpRoute[]) => void;
}

export function authWiring(resources: CloudResources): AuthWiring<RouteGuard> {
  return {
    public: {
      // Explicitly none, so that no default authorizer of the API ever applies to a citizen's route.
      authorizer: () => new HttpNoneAuthorizer(),
      guarded: (routes) => {
        for (const route of routes) {
          Validations.of(route).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason:
              "Declared auth: 'public' in the catalog: citizens report without an account (often anonymously), follow their case with its receipt code, and load the public pages.",
          });
        }
      },
    },
    jwt: {
      authorizer: () => resources.investigators().authorizer,
      guarded: () => {},
    },
  } satisfies Record<RouteAuth, RouteGuard>;
}

/** What a service that invokes a function directly is, by the catalog's `by`. */
const INVOKERS: Readonly<
  Record<
    InvokeTrigger['by'],
    {
      readonly principal: string;
      readonly context: string;
      readonly what: string;
      /** The caller gives up on the function after this long. */
      readonly waitsSeconds: number;
    }
  >
> = {
  // A contact flow waits at most 8 s for a Lambda before it takes its error branch.
  connect: {
    principal: 'connect.amazonaws.com',
    context: 'connectInstanceArn',
    what: 'an Amazon Connect instance',
    waitsSeconds: 8,
  },
};

export function triggerWiring(resources: CloudResources): TriggerWiring<HotlineFunction> {
  const auth = authWiring(resources);
  return {
    route: (trigger, spec, fn) => {
      const guard = auth[trigger.auth];
      const routes = resources.api.addRoute({
        method: trigger.method,
        path: trigger.path,
        integration: new HttpLambdaIntegration(`${spec.name}-${trigger.method}-${trigger.path}`, fn.function),
        authorizer: guard.authorizer(),
        ...(trigger.throttle === undefined ? {} : { throttle: trigger.throttle }),
      });
      guard.guarded(routes);
    },
    queue: (trigger, spec, fn) => {
      const queueSpec = resources.queueSpecs[trigger.queue];
      if (queueSpec.visibilityTimeoutSeconds < VISIBILITY_TIMEOUT_FACTOR * spec.timeoutSeconds) {
        throw new Error(
          `${spec.name}: the ${trigger.queue} queue's visibility timeout must be at least ${VISIBILITY_TIMEOUT_FACTOR} × the consumer's ${spec.timeoutSeconds} s`,
        );
      }
      fn.function.addEventSource(
        new SqsEventSource(resources.queues[trigger.queue].queue, {
          batchSize: trigger.batchSize,
          maxBatchingWindow: Duration.seconds(trigger.maxBatchingWindowSeconds),
          maxConcurrency: trigger.maxConcurrency,
          reportBatchItemFailures: true,
        }),
      );
    },
    schedule: (trigger, spec, fn) => {
      new ScheduledInvocation(fn, `Every${trigger.everyMinutes}Minutes`, {
        fn: fn.function,
        everyMinutes: trigger.everyMinutes,
        description: `Runs ${spec.name} every ${trigger.everyMinutes} min: ${spec.description}`.slice(0, 512),
        alarmAction: resources.alarmAction,
      });
    },
    invoke: (trigger, spec, fn) => {
      const invoker = INVOKERS[trigger.by];
      if (spec.timeoutSeconds > invoker.waitsSeconds) {
        throw new Error(
          `${spec.name}: ${invoker.what} waits at most ${invoker.waitsSeconds} s; the function must time out sooner`,
        );
      }
      const sourceArn = resources.connectInstanceArn;
      if (sourceArn === undefined) {
        Annotations.of(fn).addInfo(
          `${spec.name} is deployed but nothing may invoke it yet: deploy with -c ${invoker.context}=<ARN> to let ${invoker.what} invoke it, or add the function to the instance's flows in its console.`,
        );
        return;
      }
      if (!Token.isUnresolved(sourceArn)) checkInstanceArn(sourceArn);
      fn.function.addPermission(`InvokeBy-${trigger.by}`, {
        principal: new ServicePrincipal(invoker.principal),
        // Only this instance: another customer's Connect instance cannot invoke the function.
        sourceArn,
      });
    },
  };
}

function checkInstanceArn(arn: string): void {
  const parts = Arn.split(arn, ArnFormat.SLASH_RESOURCE_NAME);
  if (parts.service !== 'connect' || parts.resource !== 'instance' || !parts.resourceName) {
    throw new Error(`connectInstanceArn "${arn}" is not the ARN of an Amazon Connect instance`);
  }
}
