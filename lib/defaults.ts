// The secure defaults of every construct in lib/, as plain values and pure functions of the catalog's specs: the
// constructs, the tests and the bundle benchmark all read them from here, so what is tested is what is deployed.
import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import {
  AccountRecovery,
  ClientAttributes,
  FeaturePlan,
  Mfa,
  OAuthScope,
  StandardThreatProtectionMode,
  StringAttribute,
  UserPoolClientIdentityProvider,
  type UserPoolClientOptions,
  type UserPoolProps,
} from 'aws-cdk-lib/aws-cognito';
import { AttributeType, ProjectionType, type TablePropsV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { SecretProps } from 'aws-cdk-lib/aws-secretsmanager';
import { QueueEncryption, type QueueProps } from 'aws-cdk-lib/aws-sqs';
import type { QueueSpec, SecretName, SecretSpec, TableSpec } from '../functions/catalog.ts';

/** esbuild settings for every Lambda bundle: ESM for Node.js 24, minified, with source maps, the SDK inside. */
export const BUNDLE = {
  format: 'esm',
  platform: 'node',
  target: 'node24',
  minify: true,
  sourcemap: true,
  // Stack traces need only the mappings. The sources inside the map would triple its size, and Node reads and
  // parses the whole map at every cold start when source maps are enabled.
  sourcesContent: false,
  mainFields: ['module', 'main'],
  // Some bundled dependencies are CommonJS and call require(); an ESM bundle has to provide it.
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
  /** How each function's Node runs (NODE_OPTIONS): stack traces point into the TypeScript sources. */
  nodeOptions: '--enable-source-maps',
} as const;

/** BUNDLE as esbuild's own options: how the benchmark and the bundle tests build a function as CDK does. */
export const ESBUILD_OPTIONS = {
  bundle: true,
  format: BUNDLE.format,
  platform: BUNDLE.platform,
  target: BUNDLE.target,
  minify: BUNDLE.minify,
  sourcemap: BUNDLE.sourcemap,
  sourcesContent: BUNDLE.sourcesContent,
  mainFields: [...BUNDLE.mainFields],
  banner: { js: BUNDLE.banner },
};

/** How long function logs are kept: long enough to investigate a complaint about the handling of a complaint. */
export const LOG_RETENTION_DAYS = 365;

/** API Gateway gives up on an integration after this long; a route's function must time out sooner. */
export const API_INTEGRATION_TIMEOUT_SECONDS = 29;

/** Stage throttling: a citizen-facing API that should absorb a campaign, not a flood. */
export const API_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/** Access log fields: enough to trace a request, and deliberately no source IP of a possibly anonymous reporter. */
export const ACCESS_LOG_FIELDS: Readonly<Record<string, string>> = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
};

/**
 * Wrong receipt codes per 5 minutes, across all references, above which someone is guessing. Guessing cannot
 * succeed (53-bit codes against the stage's rate limit), but an office wants to know it is being tried.
 */
export const RECEIPT_GUESSING_ALARM = { threshold: 100, periodMinutes: 5 } as const;

/** An alarm on a metric the functions emit (observability namespace and service), past `threshold` in a period. */
export interface MetricAlarmSpec {
  readonly metric: string;
  readonly threshold: number;
  readonly periodMinutes: number;
  /** Periods in a row that must breach. */
  readonly periods: number;
  readonly description: string;
}

/** The domain's own alarms, besides each queue's and each function's: what needs a person. */
export const METRIC_ALARMS: readonly MetricAlarmSpec[] = [
  {
    metric: 'SweepCaseFailed',
    threshold: 0,
    periodMinutes: 5,
    periods: 3,
    description:
      'Sweeps of due cases keep failing (15 minutes in a row): their reminders and escalations are late. A case that fails five sweeps in a row is set aside.',
  },
  {
    metric: 'SweepCaseSetAside',
    threshold: 0,
    periodMinutes: 5,
    periods: 1,
    description:
      'A case was set aside after five failed sweeps: its deadlines send nothing until a person acts on it (look for sweepSetAsideAt).',
  },
  {
    metric: 'NotifyRecordFailed',
    threshold: 0,
    periodMinutes: 5,
    periods: 3,
    description:
      'Notification jobs keep failing (15 minutes in a row): email or SMS sending is refused or down, and reminders and escalations wait on redelivery.',
  },
  {
    metric: 'NotificationGivenUp',
    threshold: 0,
    periodMinutes: 5,
    periods: 1,
    description:
      'A message was given up after its sender crashed twice between sending and recording it: check whether it went out.',
  },
];

/** Where email is sent from when the `emailFrom` context is not given (an SES-verified identity in production). */
export const DEFAULT_EMAIL_SENDER = 'hotline@example.org';

/** The SMS sender ID when the `smsOriginator` context is not given. */
export const DEFAULT_SMS_ORIGINATOR = 'SUNSHINE';

/** Where a folder shipped beside a bundle lies inside the function's file system. */
export const assetRootOf = (folder: string): string => `/var/task/${folder}`;

/** The case table: on demand, recoverable to any second, protected from deletion, and kept with the stack gone. */
export function caseTableProps(spec: TableSpec): TablePropsV2 {
  return {
    partitionKey: { name: spec.partitionKey, type: AttributeType.STRING },
    sortKey: { name: spec.sortKey, type: AttributeType.STRING },
    timeToLiveAttribute: spec.timeToLiveAttribute,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
    // Each index copies only the attributes it names: the reporter's sealed contact never leaves the base item.
    globalSecondaryIndexes: Object.entries(spec.indexes).map(([indexName, index]) => ({
      indexName,
      partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
      sortKey: { name: index.sortKey, type: AttributeType.STRING },
      projectionType: ProjectionType.INCLUDE,
      nonKeyAttributes: [...index.attributes],
    })),
  };
}

/**
 * A dead-letter queue: encrypted, TLS only, kept as long as SQS allows, and kept with the stack gone: what it holds
 * is work that failed for good and waits for a person.
 */
export function deadLetterQueueProps(retentionDays: number): QueueProps {
  return {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    retentionPeriod: Duration.days(retentionDays),
    removalPolicy: RemovalPolicy.RETAIN,
  };
}

/** A work queue of the catalog: encrypted, TLS only, with its dead-letter queue after `maxReceiveCount` receives. */
export function workQueueProps(spec: QueueSpec): Omit<QueueProps, 'deadLetterQueue'> {
  return {
    encryption: QueueEncryption.SQS_MANAGED,
    enforceSSL: true,
    visibilityTimeout: Duration.seconds(spec.visibilityTimeoutSeconds),
    retentionPeriod: Duration.days(spec.retentionDays),
  };
}

/** AWS guidance: a queue's visibility timeout is at least six times its consumer's timeout. */
export const VISIBILITY_TIMEOUT_FACTOR = 6;

/** A scheduled invocation gives up on one run after an hour and 3 retries; the next run comes minutes later. */
export const SCHEDULE_RETRY = {
  maxEventAgeMinutes: 60,
  retryAttempts: 3,
  deadLetterRetentionDays: 14,
} as const;

/**
 * A secret of the catalog: generated by Secrets Manager at deploy time (nothing secret is committed or passed on the
 * command line), and kept with the stack gone: references, receipt codes and sealed contacts derive from it.
 */
export function secretProps(spec: SecretSpec): SecretProps {
  return {
    description: spec.description,
    generateSecretString: { passwordLength: 64, excludePunctuation: true },
    removalPolicy: RemovalPolicy.RETAIN,
  };
}

/**
 * Why each secret of the catalog has no rotation schedule (cdk-nag AwsSolutions-SMG4). A record over SecretName: a
 * new secret does not compile until someone decides whether it rotates, and writes down why not.
 */
export const SECRET_NOT_ROTATED_BECAUSE: Readonly<Record<SecretName, string>> = {
  master:
    'Rotating the master secret would invalidate every receipt code already given to reporters and make sealed contacts unreadable; rotation is a planned migration (README), not a schedule.',
  'webhook-signing':
    'Shared with the call-centre software that signs with it: rotated by hand without downtime by listing the new secret beside the old (space-separated), switching the sender, then removing the old (docs/integrators.md).',
  'twilio-auth-token':
    "Twilio's auth token is issued by Twilio, not by Secrets Manager: rotated in Twilio's console, then listed beside the old one here until Twilio signs with the new (docs/integrators.md).",
  'open311-api-keys':
    'Held by the Open311 clients: a new key is listed beside the old (space-separated), given to the client, and the old removed (docs/integrators.md).',
};

/** The Cognito groups of the investigator console, by role. */
export const INVESTIGATOR_GROUPS = ['investigator', 'supervisor', 'admin'] as const;

/**
 * The custom attribute naming the directory person an account belongs to (config/directory.json `people[].id`): ID
 * tokens carry it as `custom:personId`, and the cases API takes the caller's role and body from that person. An
 * administrator sets it when creating the account; it never changes afterwards, so an account is one person for
 * good and history names the same person locally and in AWS.
 */
export const PERSON_ID_ATTRIBUTE = 'personId';

/**
 * The attribute that named an investigator's body before the directory decided it. Cognito cannot remove a custom
 * attribute from a pool, so it stays declared; nothing reads it, and the console client no longer sees it.
 */
export const BODY_ID_ATTRIBUTE = 'bodyId';

/**
 * The investigators' user pool: accounts are made by an administrator (no self sign-up), strong passwords, TOTP as
 * second factor, Plus tier threat protection that blocks risky and compromised-credential sign-ins.
 */
export function investigatorPoolProps(): UserPoolProps {
  return {
    selfSignUpEnabled: false,
    signInAliases: { email: true },
    mfa: Mfa.OPTIONAL,
    mfaSecondFactor: { otp: true, sms: false },
    passwordPolicy: {
      minLength: 12,
      requireLowercase: true,
      requireUppercase: true,
      requireDigits: true,
      requireSymbols: true,
      tempPasswordValidity: Duration.days(3),
    },
    accountRecovery: AccountRecovery.EMAIL_ONLY,
    customAttributes: {
      [BODY_ID_ATTRIBUTE]: new StringAttribute({ minLen: 1, maxLen: 64, mutable: true }),
      [PERSON_ID_ATTRIBUTE]: new StringAttribute({ minLen: 1, maxLen: 80, mutable: false }),
    },
    featurePlan: FeaturePlan.PLUS,
    standardThreatProtectionMode: StandardThreatProtectionMode.FULL_FUNCTION,
    deletionProtection: true,
    removalPolicy: RemovalPolicy.RETAIN,
  };
}

/**
 * The console's app client: a public client (no secret in a browser) that signs in through the hosted sign-in
 * (authorization code with PKCE, which Cognito requires of a client without a secret) and returns to the console
 * page; no implicit grant, so no token ever travels in a URL. It may read `personId` but never write it, or an
 * investigator could make themselves another person of the directory.
 */
export function consoleClientProps(consoleUrl: string): UserPoolClientOptions {
  return {
    generateSecret: false,
    authFlows: { userSrp: true },
    oAuth: {
      flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
      scopes: [OAuthScope.OPENID, OAuthScope.EMAIL, OAuthScope.PROFILE],
      callbackUrls: [consoleUrl],
      logoutUrls: [consoleUrl],
    },
    supportedIdentityProviders: [UserPoolClientIdentityProvider.COGNITO],
    preventUserExistenceErrors: true,
    accessTokenValidity: Duration.hours(1),
    idTokenValidity: Duration.hours(1),
    refreshTokenValidity: Duration.hours(12),
    readAttributes: new ClientAttributes()
      .withStandardAttributes({ email: true, emailVerified: true, fullname: true })
      .withCustomAttributes(PERSON_ID_ATTRIBUTE),
    writeAttributes: new ClientAttributes().withStandardAttributes({ fullname: true }),
  };
}

/** The context option naming the hosted sign-in's domain prefix (`<prefix>.auth.<region>.amazoncognito.com`). */
export const AUTH_DOMAIN_PREFIX_CONTEXT = 'authDomainPrefix';

/** Where the console lives under the site's public address; it is also where the hosted sign-in returns to. */
export function consoleUrlOf(publicUrl: string): string {
  if (Token.isUnresolved(publicUrl)) return `${publicUrl}/console/`;
  const base = publicUrl.replace(/\/+$/, '');
  const url = URL.parse(base);
  // Cognito accepts plain HTTP only for a loopback address; a deployed console is reached over HTTPS.
  if (
    url === null ||
    !(url.protocol === 'https:' || (url.protocol === 'http:' && url.hostname === 'localhost'))
  ) {
    throw new Error(
      `public URL "${publicUrl}" must be an https:// address for the hosted sign-in to return to`,
    );
  }
  if (url.search !== '' || url.hash !== '')
    throw new Error(`public URL "${publicUrl}" must have no query or fragment`);
  return `${base}/console/`;
}

/**
 * The default domain prefix: the stack's name in kebab case and the account, so that it is the same on every
 * deployment of one stack (sign-in links keep working) and differs between accounts, as prefixes are unique across
 * all of AWS in a region. Two stacks of one name in one account and region need the context option.
 */
export function defaultAuthDomainPrefix(stackName: string, account: string): string {
  const name = stackName
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    // Cognito refuses a prefix containing these words.
    .replace(/aws|amazon|cognito/g, '')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 50)
    .replace(/-$/, '');
  return `${name || 'hotline'}-${account}`;
}

/** Cognito's rules for a prefix: lower-case letters, digits and inner hyphens, at most 63, no reserved word. */
export function checkAuthDomainPrefix(prefix: string): void {
  if (Token.isUnresolved(prefix)) return;
  if (!/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/.test(prefix) || /aws|amazon|cognito/.test(prefix)) {
    throw new Error(
      `auth domain prefix "${prefix}" must be 1-63 lower-case letters, digits and inner hyphens, without "aws", "amazon" or "cognito"`,
    );
  }
}

/**
 * Days a checked evidence file is kept after its upload, until the office's retention rule for reporters' data
 * (issue 19) names the figure: five years. Set it with `-c evidenceRetentionDays=…`.
 */
export const DEFAULT_EVIDENCE_RETENTION_DAYS = 1825;
