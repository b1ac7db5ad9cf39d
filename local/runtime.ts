// The whole pipeline on this machine: emulators (or the endpoints you name), the table and queues from the catalog,
// the gateway in front of the HTTP handlers and pollers in front of the queue handlers. Used by `npm start`, the
// end-to-end tests and the benchmarks alike.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { environmentNames, functions, type QueueName } from '#catalog';
import { PROJECT_ROOT } from '../lib/project-root.ts';
import { type Emulator, startDynamoDb, startSes, startSqs } from './emulators.ts';
import { type Gateway, type Route, startGateway } from './gateway.ts';
import { FunctionPool, handlerModule } from './lambda.ts';
import { type Poller, startPoller } from './poller.ts';
import { ensureCaseTable, ensureQueues, type QueueAddresses } from './resources.ts';

/** Execution environments per function: how many events one function may handle at once here. */
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
  /** Concurrent pollers per queue. @default 2 */
  readonly pollerConcurrency?: number;
  readonly log?: (line: string) => void;
}

export interface LocalRuntime {
  readonly url: string;
  /** Where people reach it: links in answers are built from this, never from a request's Host header. */
  readonly publicUrl: string;
  readonly mailViewerUrl: string;
  readonly endpoints: { readonly dynamodb: string; readonly sqs: string; readonly ses: string };
  readonly tableName: string;
  readonly queues: Record<QueueName, QueueAddresses>;
  stop(): Promise<void>;
}

/** The master secret survives restarts in the data folder, or receipt codes already given out would stop working. */
function localMasterKey(dataDir: string | null): string {
  const fromEnv = process.env[environmentNames.masterKey];
  if (fromEnv) return fromEnv;
  if (dataDir === null) return randomBytes(32).toString('base64url');
  const file = join(dataDir, 'master-key');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const key = randomBytes(32).toString('base64url');
  writeFileSync(file, key, { mode: 0o600 });
  return key;
}

export async function startLocalRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  const log = options.log ?? (() => undefined);
  const dataDir = options.dataDir === undefined ? join(PROJECT_ROOT, '.hotline') : options.dataDir;
  const prefix = options.resourcePrefix ?? 'hotline-local';
  const emulators: Emulator[] = [];
  const stops: (() => Promise<void>)[] = [];

  const endpointOf = async (variable: string, start: () => Promise<Emulator>): Promise<string> => {
    const configured = process.env[variable];
    if (configured) {
      log(`using ${variable}=${configured}`);
      return configured;
    }
    const emulator = await start();
    emulators.push(emulator);
    return emulator.endpoint;
  };

  try {
    const fullyEmulated = !['DYNAMODB', 'SQS', 'SES'].some((s) => process.env[`AWS_ENDPOINT_URL_${s}`]);
    const dynamodb = await endpointOf('AWS_ENDPOINT_URL_DYNAMODB', () =>
      startDynamoDb(dataDir === null ? {} : { dataDir: join(dataDir, 'dynamodb') }),
    );
    const sqs = await endpointOf('AWS_ENDPOINT_URL_SQS', () =>
      startSqs(dataDir === null ? {} : { dataDir: join(dataDir, 'sqs') }),
    );
    const ses = await endpointOf('AWS_ENDPOINT_URL_SES', () => startSes({ port: options.sesPort ?? 8005 }));

    // Handlers read the same variables in the cloud; the SDK picks the endpoints up by itself.
    process.env.AWS_REGION ??= 'us-east-1';
    if (fullyEmulated && !process.env.AWS_ACCESS_KEY_ID && !process.env.AWS_PROFILE) {
      // Emulators accept any credentials; real ones are never needed or read here.
      process.env.AWS_ACCESS_KEY_ID = 'local';
      process.env.AWS_SECRET_ACCESS_KEY = 'local';
    }
    process.env.AWS_ENDPOINT_URL_DYNAMODB = dynamodb;
    process.env.AWS_ENDPOINT_URL_SQS = sqs;
    process.env.AWS_ENDPOINT_URL_SES = ses;
    process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
    process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
    const region = process.env.AWS_REGION;

    const tableName = `${prefix}-cases`;
    const dynamoClient = new DynamoDBClient({});
    const sqsClient = new SQSClient({ useQueueUrlAsEndpoint: false });
    stops.push(async () => {
      dynamoClient.destroy();
      sqsClient.destroy();
    });
    await ensureCaseTable(dynamoClient, tableName);
    const queues = await ensureQueues(
      sqsClient,
      prefix,
      options.visibilityTimeoutSeconds === undefined
        ? {}
        : { visibilityTimeoutSeconds: options.visibilityTimeoutSeconds },
    );
    process.env[environmentNames.tableName] = tableName;
    for (const [name, addresses] of Object.entries(queues)) {
      process.env[environmentNames.queueUrl(name as QueueName)] = addresses.url;
    }
    process.env[environmentNames.masterKey] = localMasterKey(dataDir);
    process.env[environmentNames.webRoot] = join(PROJECT_ROOT, 'web');

    const routes: Route[] = [];
    const pollers: Poller[] = [];
    for (const spec of functions) {
      const pool = new FunctionPool(spec, handlerModule(spec), ENVIRONMENTS_PER_FUNCTION);
      // Load one environment now, so a handler that cannot start fails `npm start` rather than a request.
      await pool.warm();
      for (const trigger of spec.triggers) {
        if (trigger.kind === 'route') routes.push({ trigger, pool });
        if (trigger.kind === 'queue') {
          pollers.push(
            startPoller({
              sqs: sqsClient,
              queueUrl: queues[trigger.queue].url,
              queueArn: queues[trigger.queue].arn,
              region,
              trigger,
              pool,
              concurrency: options.pollerConcurrency ?? 2,
              onError: (error) => log(`[${spec.name}] ${error.name}: ${error.message}`),
            }),
          );
        }
      }
    }
    stops.push(async () => {
      await Promise.all(pollers.map((p) => p.stop()));
    });
    const gateway: Gateway = await startGateway(routes, { port: options.port ?? 3000, region });
    stops.push(() => gateway.stop());
    const publicUrl = (options.publicUrl ?? `http://localhost:${new URL(gateway.url).port}`).replace(
      /\/+$/,
      '',
    );
    process.env[environmentNames.publicUrl] = publicUrl;

    const sesEmulated = emulators.some((e) => e.endpoint === ses);
    return {
      url: gateway.url,
      publicUrl,
      mailViewerUrl: sesEmulated ? ses : '(SES is not emulated here)',
      endpoints: { dynamodb, sqs, ses },
      tableName,
      queues,
      async stop() {
        // Stop taking work first, then let in-flight work finish, then the emulators.
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
