// The whole pipeline on this machine: emulators (or the endpoints you name), the table and queues from the catalog,
// each function in its own execution environments with exactly the variables the catalog grants it, the gateway in
// front of the routes, pollers in front of the queues and a scheduler for the schedules. Used by `npm start`, the
// end-to-end tests and the benchmarks alike. It never changes this process's environment.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { S3Client } from '@aws-sdk/client-s3';
import { SQSClient } from '@aws-sdk/client-sqs';
import { functions as catalog, type FunctionSpec, PROJECT_ROOT, type QueueName } from '#catalog';
import {
  type AuthWiring,
  connectTriggers,
  type SignInSetting,
  type TriggerWiring,
} from '#functions/wiring.ts';
import { type CallCounts, countCalls } from './call-counter.ts';
import { type Emulator, startDynamoDb, startS3, startSes, startSqs } from './emulators.ts';
import { baseEnvironment, functionEnvironment, type LocalResources } from './environment.ts';
import { type Authorizer, type LocalRoute, type Route, startGateway } from './gateway.ts';
import { localIdentity, type SignOptions } from './identity.ts';
import { FunctionPool, workerEnvironments } from './lambda.ts';
import { type Poller, startPoller } from './poller.ts';
import { ensureCaseTable, ensureEvidenceBucket, ensureQueues, type QueueAddresses } from './resources.ts';
import { type Scheduler, startScheduler } from './scheduler.ts';
import { type OutboxSms, sesEmails, startSmsOutbox } from './sms-outbox.ts';

/** Execution environments per function at most: how many events one function may handle at once here. */
const ENVIRONMENTS_PER_FUNCTION = 8;

export interface LocalRuntimeOptions {
  /** Gateway port; 0 picks a free one. @default 3000 */
  readonly port?: number;
  /** Where DynamoDB and SQS keep their data and the master key is kept; `null` keeps everything in memory. */
  readonly dataDir?: string | null;
  /** SES emulator port; 0 picks a free one. @default 8005 */
  readonly sesPort?: number;
  /** Shorter than the deployed visibility timeout, so a failed message is retried in seconds, not minutes. */
  readonly visibilityTimeoutSeconds?: number;
  /** Name prefix of the table and queues. @default 'hotline-local' */
  readonly resourcePrefix?: string;
  /** The site's public address, for links in answers. @default http://localhost:<port> */
  readonly publicUrl?: string;
  /** Runs scheduled functions this often instead of their catalog rate. @default HOTLINE_SWEEP_INTERVAL_SECONDS */
  readonly scheduleIntervalSeconds?: number;
  /** How much faster than real time the functions' clock runs (1440: a day a minute). @default HOTLINE_CLOCK_SPEED or 1 */
  readonly clockSpeed?: number;
  /** Count the AWS calls each emulator answers (the benchmark's calls per complaint). @default false */
  readonly countCalls?: boolean;
  /** Only these functions, for tests of one function. @default every function of the catalog */
  readonly functions?: readonly FunctionSpec[];
  /** The functions' log lines. @default this process's stdout */
  readonly logSink?: (line: string) => void;
  /** The runtime's own messages. */
  readonly log?: (line: string) => void;
  /** How the console signs in (a test's stand-in for Cognito's hosted sign-in). @default { signIn: 'local' } */
  readonly signIn?: SignInSetting;
  /** Configuration read from outside (endpoints, credentials, log level). @default process.env */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

export interface LocalRuntime {
  /** Where this process reaches the gateway (loopback). */
  readonly url: string;
  /** Where people reach it: links in answers are built from this, never from a request's Host header. */
  readonly publicUrl: string;
  readonly mailViewerUrl: string;
  readonly endpoints: {
    readonly dynamodb: string;
    readonly sqs: string;
    readonly ses: string;
    readonly sms: string;
    readonly s3: string;
  };
  /** The evidence bucket's name. */
  readonly evidenceBucket: string;
  /** The SMS the functions sent, when SMS is emulated here (the outbox). */
  readonly smsOutbox: readonly OutboxSms[];
  /** How much faster than real time the functions' clock runs. */
  readonly clockSpeed: number;
  readonly tableName: string;
  readonly queues: Record<QueueName, QueueAddresses>;
  /** The environment each function's execution environments get, by function name. */
  readonly environments: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** AWS calls answered by the emulators so far, by operation; only with `countCalls`. */
  readonly calls: CallCounts;
  /**
   * Lets time pass for the S3 emulator only (upload policies and links expire by its clock): a test sees a link stop
   * working without waiting for it. Nothing without the emulator (AWS_ENDPOINT_URL_S3 set).
   */
  advanceStorageClock(seconds: number): void;
  /** Signs an investigator's token as `POST /local/token` does. */
  signToken(personId: string, options?: SignOptions): Promise<string>;
  stop(): Promise<void>;
}

/** The master secret survives restarts in the data folder, or receipt codes already given out would stop working. */
function localMasterKey(configured: string | undefined, dataDir: string | null): string {
  if (configured) return configured;
  if (dataDir === null) return randomBytes(32).toString('base64url');
  const file = join(dataDir, 'master-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

/**
 * Development defaults of the channel secrets: published in docs/integrators.md so a developer can sign a call
 * at once. They sign nothing anywhere else — in AWS the secrets are Secrets Manager's, generated at deploy.
 */
export const DEVELOPMENT_CHANNEL_SECRETS = {
  /** `whsec_` + base64 of "sunshine-hotline-local-webhook-secret!". */
  'webhook-signing': 'whsec_c3Vuc2hpbmUtaG90bGluZS1sb2NhbC13ZWJob29rLXNlY3JldCE=',
  'twilio-auth-token': 'local-development-twilio-auth-token',
  'open311-api-keys': 'local-open311-key',
} as const;

/** The channel secrets from the environment (space-separated lists rotate), else the development defaults. */
function channelSecrets(env: Readonly<Record<string, string | undefined>>) {
  return {
    'webhook-signing': env.HOTLINE_WEBHOOK_SECRETS || DEVELOPMENT_CHANNEL_SECRETS['webhook-signing'],
    'twilio-auth-token': env.TWILIO_AUTH_TOKEN || DEVELOPMENT_CHANNEL_SECRETS['twilio-auth-token'],
    'open311-api-keys': env.HOTLINE_OPEN311_API_KEYS || DEVELOPMENT_CHANNEL_SECRETS['open311-api-keys'],
  };
}

const SDK_SETTINGS = [
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_PROFILE',
  'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE',
  'HOME',
] as const;

function positiveNumber(env: Readonly<Record<string, string | undefined>>, name: string): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0)
    throw new Error(`${name} must be a positive number, not "${raw}"`);
  return value;
}

export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => undefined);
  const dataDir = options.dataDir === undefined ? join(PROJECT_ROOT, '.hotline') : options.dataDir;
  const prefix = options.resourcePrefix ?? 'hotline-local';
  const emulators: Emulator[] = [];
  const stops: (() => Promise<void>)[] = [];
  const calls: CallCounts = {};

  const endpointOf = async (service: string, start: () => Promise<Emulator>): Promise<string> => {
    const configured = env[`AWS_ENDPOINT_URL_${service}`];
    if (configured) {
      log(`using AWS_ENDPOINT_URL_${service}=${configured}`);
      return configured;
    }
    const emulator = await start();
    emulators.push(emulator);
    if (!options.countCalls) return emulator.endpoint;
    const counter = await countCalls(emulator.endpoint, calls);
    stops.push(() => counter.stop());
    return counter.endpoint;
  };

  try {
    const fullyEmulated = !['DYNAMODB', 'SQS', 'SES'].some((s) => env[`AWS_ENDPOINT_URL_${s}`]);
    const dynamodb = await endpointOf('DYNAMODB', () =>
      startDynamoDb(dataDir === null ? {} : { dataDir: join(dataDir, 'dynamodb') }),
    );
    const sqs = await endpointOf('SQS', () =>
      startSqs(dataDir === null ? {} : { dataDir: join(dataDir, 'sqs') }),
    );
    const ses = await endpointOf('SES', () => startSes({ port: options.sesPort ?? 8005 }));
    let smsOutbox: readonly OutboxSms[] = [];
    const sms = await endpointOf('PINPOINT_SMS_VOICE_V2', async () => {
      const outbox = await startSmsOutbox();
      smsOutbox = outbox.messages;
      return outbox;
    });
    const clockSpeed = options.clockSpeed ?? positiveNumber(env, 'HOTLINE_CLOCK_SPEED') ?? 1;
    const scheduleIntervalSeconds =
      options.scheduleIntervalSeconds ?? positiveNumber(env, 'HOTLINE_SWEEP_INTERVAL_SECONDS');
    const region = env.AWS_REGION ?? 'us-east-1';
    // Emulators accept any credentials; with real endpoints, your own are passed on.
    const credentials: Record<string, string> = {};
    for (const name of SDK_SETTINGS) {
      const value = env[name];
      if (value !== undefined) credentials[name] = value;
    }
    if (fullyEmulated && !credentials.AWS_ACCESS_KEY_ID && !credentials.AWS_PROFILE) {
      credentials.AWS_ACCESS_KEY_ID = 'local';
      credentials.AWS_SECRET_ACCESS_KEY = 'local';
    }
    const sdk = {
      region,
      credentials: {
        accessKeyId: credentials.AWS_ACCESS_KEY_ID ?? 'local',
        secretAccessKey: credentials.AWS_SECRET_ACCESS_KEY ?? 'local',
      },
    };
    // S3 (the evidence bucket) checks signatures, so it is told the credentials the functions sign with.
    let s3 = env.AWS_ENDPOINT_URL_S3;
    const storageClock = new Int32Array(new SharedArrayBuffer(4));
    if (s3) log(`using AWS_ENDPOINT_URL_S3=${s3}`);
    else {
      const emulator = await startS3({
        ...(dataDir === null ? {} : { dataDir: join(dataDir, 's3') }),
        s3: {
          credentials: { [sdk.credentials.accessKeyId]: sdk.credentials.secretAccessKey },
          sqsEndpoint: sqs,
          region,
          clockOffset: storageClock,
        },
      });
      emulators.push(emulator);
      s3 = emulator.endpoint;
    }
    const dynamoClient = new DynamoDBClient({ ...sdk, endpoint: dynamodb });
    const sqsClient = new SQSClient({ ...sdk, endpoint: sqs, useQueueUrlAsEndpoint: false });
    const s3Client = new S3Client({ ...sdk, endpoint: s3, forcePathStyle: true });
    stops.push(async () => {
      dynamoClient.destroy();
      sqsClient.destroy();
      s3Client.destroy();
    });

    const tableName = `${prefix}-cases`;
    await ensureCaseTable(dynamoClient, tableName);
    const queues = await ensureQueues(
      sqsClient,
      prefix,
      options.visibilityTimeoutSeconds === undefined
        ? {}
        : { visibilityTimeoutSeconds: options.visibilityTimeoutSeconds },
    );

    // The gateway listens first, so the public address (and its port) is known before functions are configured.
    const gateway = await startGateway({ port: options.port ?? 3000 });
    stops.push(() => gateway.stop());
    const publicUrl = (options.publicUrl ?? `http://localhost:${gateway.port}`).replace(/\/+$/, '');
    const evidenceBucket = `${prefix}-evidence`;
    await ensureEvidenceBucket(s3Client, evidenceBucket, queues.evidence, [
      new URL(publicUrl).origin,
      new URL(gateway.url).origin,
    ]);

    const resources: LocalResources = {
      tableName,
      queues,
      secrets: {
        master: localMasterKey(env.HOTLINE_MASTER_KEY, dataDir),
        ...channelSecrets(env),
      },
      publicUrl,
      emailSender: env.HOTLINE_EMAIL_FROM ?? 'hotline@localhost',
      smsOriginator: env.HOTLINE_SMS_ORIGINATOR ?? 'SUNSHINE',
      signIn: options.signIn ?? { signIn: 'local' },
      evidenceBucket,
    };
    const base = baseEnvironment({
      region,
      credentials,
      endpoints: { DYNAMODB: dynamodb, SQS: sqs, SES: ses, SESV2: ses, PINPOINT_SMS_VOICE_V2: sms, S3: s3 },
      logLevel: env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      metricsDisabled: env.POWERTOOLS_METRICS_DISABLED !== 'false',
      clock: { speed: clockSpeed, origin: Date.now() },
    });

    const identity = await localIdentity(`${publicUrl}/local/issuer`);
    const authorizers: AuthWiring<Authorizer> = {
      public: async () => ({ allowed: true }),
      jwt: identity.authorizer,
    };
    const routes: Route[] = [];
    const sesEmulated = !env.AWS_ENDPOINT_URL_SES;
    const localRoutes: LocalRoute[] = [
      identity.tokenRoute,
      identity.peopleRoute,
      {
        // What the functions sent, for a developer and the end-to-end tests; never deployed.
        method: 'GET',
        path: '/local/outbox',
        async handle() {
          const emails = sesEmulated ? await sesEmails(ses) : [];
          return {
            status: 200,
            body: { emails, sms: smsOutbox.map(({ to, text, sentAt }) => ({ to, text, sentAt })) },
          };
        },
      },
    ];
    const pollers: Poller[] = [];
    const schedulers: Scheduler[] = [];
    const pools: FunctionPool[] = [];
    const environments: Record<string, Record<string, string>> = {};
    const onError = (spec: FunctionSpec) => (error: Error) =>
      log(`[${spec.name}] ${error.name}: ${error.message}`);

    const triggers: TriggerWiring<FunctionPool> = {
      route: (trigger, _spec, pool) => routes.push({ trigger, invoker: pool }),
      queue: (trigger, spec, pool) =>
        pollers.push(
          startPoller({
            sqs: sqsClient,
            queueUrl: queues[trigger.queue].url,
            queueArn: queues[trigger.queue].arn,
            region,
            trigger,
            invoker: pool,
            concurrency: trigger.maxConcurrency,
            onError: onError(spec),
          }),
        ),
      schedule: (trigger, spec, pool) =>
        schedulers.push(
          startScheduler({
            invoker: pool,
            everySeconds: scheduleIntervalSeconds ?? trigger.everyMinutes * 60,
            onError: onError(spec),
          }),
        ),
      // Amazon Connect invokes the function from a contact flow; here a test or a developer posts the event.
      invoke: (trigger, _spec, pool) =>
        localRoutes.push({
          method: 'POST',
          path: `/local/${trigger.by}`,
          async handle(body) {
            try {
              return { status: 200, body: await pool.invoke(JSON.parse(body)) };
            } catch (error) {
              return { status: 502, body: { message: (error as Error).message } };
            }
          },
        }),
    };

    for (const spec of options.functions ?? catalog) {
      const environment = functionEnvironment(spec, resources, base);
      environments[spec.name] = environment;
      const size = Math.min(
        ENVIRONMENTS_PER_FUNCTION,
        ...spec.triggers.flatMap((t) => (t.kind === 'queue' ? [t.maxConcurrency] : [])),
      );
      const pool = new FunctionPool(
        spec,
        workerEnvironments(spec, {
          environment,
          region,
          ...(options.logSink === undefined ? {} : { logSink: options.logSink }),
        }),
        size,
      );
      pools.push(pool);
      // Start one environment now, so a handler that cannot start fails `npm start` rather than a request.
      await pool.warm();
      connectTriggers(spec, pool, triggers);
    }
    // Stopping runs in reverse: the gateway first (it was pushed before these), then queue and schedule work
    // (in-flight work finishes), then the environments, the clients and the counters.
    const gatewayStop = stops.pop();
    stops.push(async () => {
      await Promise.all(pools.map((pool) => pool.stop()));
    });
    stops.push(async () => {
      await Promise.all([...pollers, ...schedulers].map((p) => p.stop()));
    });
    if (gatewayStop) stops.push(gatewayStop);
    gateway.serve({ routes, authorizers, localRoutes });

    return {
      url: gateway.url,
      publicUrl,
      mailViewerUrl: sesEmulated ? ses.replace('127.0.0.1', 'localhost') : '(SES is not emulated here)',
      endpoints: { dynamodb, sqs, ses, sms, s3 },
      evidenceBucket,
      smsOutbox,
      clockSpeed,
      tableName,
      queues,
      environments,
      calls,
      signToken: identity.sign,
      advanceStorageClock: (seconds) => {
        Atomics.add(storageClock, 0, Math.round(seconds));
      },
      async stop() {
        for (const stop of stops.reverse()) await stop();
        await Promise.all(emulators.map((e) => e.stop()));
      },
    };
  } catch (error) {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    await Promise.all(emulators.map((e) => e.stop().catch(() => undefined)));
    throw error;
  }
}
