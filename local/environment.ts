// The environment a function's execution environments get on this machine: what the Lambda service gives every
// function (region, credentials, the SDK's endpoints, Powertools settings) plus exactly the variables its catalog
// access grants (wiring.ts), resolved to local resources. The runtime and the tests build them the same way.
import { join } from 'node:path';
import { type FunctionSpec, observability, PROJECT_ROOT, type QueueName, type SecretName } from '#catalog';
import {
  type ResourceResolver,
  resolveEnvironment,
  type SignInSetting,
  wiringOf,
} from '#functions/wiring.ts';

export interface LocalResources {
  readonly tableName: string;
  readonly queues: Readonly<Record<QueueName, { readonly url: string }>>;
  /** On this machine a secret's setting is its value (in AWS, the ARN of Secrets Manager's copy). */
  readonly secrets: Readonly<Record<SecretName, string>>;
  readonly publicUrl: string;
  readonly emailSender: string;
  readonly smsOriginator: string;
  /** How the console signs in: on this machine a person of the directory, unless a test stands in for Cognito. */
  readonly signIn: SignInSetting;
  /** The evidence bucket's name (on the S3 emulator, or the endpoint AWS_ENDPOINT_URL_S3 names). */
  readonly evidenceBucket: string;
}

export function localResolver(resources: LocalResources): ResourceResolver<string> {
  return {
    tableName: () => resources.tableName,
    queueUrl: (ref) => resources.queues[ref.queue].url,
    secret: (ref) => resources.secrets[ref.secret],
    emailSender: () => resources.emailSender,
    smsOriginator: () => resources.smsOriginator,
    publicUrl: () => resources.publicUrl,
    assetRoot: (ref) => join(PROJECT_ROOT, ref.folder),
    signIn: () => JSON.stringify(resources.signIn),
    evidenceBucket: () => resources.evidenceBucket,
    // No GuardDuty on this machine: the checker's own checks are all there is (README, "Evidence").
    malwareScan: () => 'off',
  };
}

export interface BaseSettings {
  readonly region: string;
  /** AWS_ACCESS_KEY_ID and friends, passed on as they are. */
  readonly credentials: Readonly<Record<string, string>>;
  /** AWS_ENDPOINT_URL_<SERVICE> for each emulated or configured service. */
  readonly endpoints: Readonly<Record<string, string>>;
  readonly logLevel: string;
  readonly metricsDisabled: boolean;
  /**
   * A faster clock for demonstrations (HOTLINE_CLOCK_SPEED), shared by every function from the same origin, and
   * the instant it reads at the origin (HOTLINE_CLOCK_START; default the origin itself: real time).
   */
  readonly clock?: { readonly speed: number; readonly origin: number; readonly start?: number };
}

export function baseEnvironment(settings: BaseSettings): Record<string, string> {
  const endpoints: Record<string, string> = {};
  for (const [service, url] of Object.entries(settings.endpoints))
    endpoints[`AWS_ENDPOINT_URL_${service}`] = url;
  return {
    AWS_REGION: settings.region,
    AWS_DEFAULT_REGION: settings.region,
    ...settings.credentials,
    ...endpoints,
    TZ: 'UTC',
    POWERTOOLS_SERVICE_NAME: observability.serviceName,
    POWERTOOLS_METRICS_NAMESPACE: observability.namespace,
    POWERTOOLS_LOG_LEVEL: settings.logLevel,
    POWERTOOLS_METRICS_DISABLED: String(settings.metricsDisabled),
    ...(settings.clock === undefined ||
    (settings.clock.speed === 1 && (settings.clock.start ?? settings.clock.origin) === settings.clock.origin)
      ? {}
      : {
          HOTLINE_CLOCK_SPEED: String(settings.clock.speed),
          HOTLINE_CLOCK_ORIGIN: String(settings.clock.origin),
          HOTLINE_CLOCK_START: String(settings.clock.start ?? settings.clock.origin),
        }),
  };
}

/** Everything one function is given: the base, and its catalog access resolved to these resources. */
export function functionEnvironment(
  spec: FunctionSpec,
  resources: LocalResources,
  base: Readonly<Record<string, string>>,
): Record<string, string> {
  return {
    ...base,
    // The SDK names its caller in the user agent: the emulators' call counter tells functions apart by it.
    AWS_SDK_UA_APP_ID: spec.name,
    ...resolveEnvironment(wiringOf(spec).environment, localResolver(resources)),
  };
}
