// Starts the embedded emulators of DynamoDB (dynalite), SQS (fauxqs), SES (aws-ses-v2-local) and S3 (fauxqs behind a
// front that checks policies, s3-front.ts) on loopback.
// Each runs in a worker thread of its own (emulator-thread.ts): they serve every call of the pipeline (a serious
// complaint's notices send two emails), and on the main thread they would share one event loop with the gateway
// and the pollers.
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import dynalite from 'dynalite';
import { startFauxqs } from 'fauxqs';
import type { EmulatorThreadData, EmulatorThreadMessage } from './emulator-thread.ts';
import { type S3FrontOptions, startS3Front } from './s3-front.ts';

// A CommonJS package whose default export is wrapped differently by Node's and Vitest's ESM interop;
// require() gives the same shape under both.
const { default: startSesServer } = createRequire(import.meta.url)(
  'aws-ses-v2-local',
) as typeof import('aws-ses-v2-local');

export interface Emulator {
  readonly name: string;
  /** Where an AWS SDK client reaches it, e.g. `http://127.0.0.1:4567`. */
  readonly endpoint: string;
  stop(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';

/** Closes a server now, dropping idle keep-alive connections instead of waiting for them to time out. */
export function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.closeAllConnections?.();
    server.close(() => resolve());
  });
}

export interface EmulatorOptions {
  /** 0 or absent picks a free port. */
  readonly port?: number;
  /** With a folder the data survives restarts; without one it lives in memory. */
  readonly dataDir?: string;
  /** S3 only: the credentials signatures are checked against, where notifications go, the region. */
  readonly s3?: Omit<S3FrontOptions, 'port' | 'dataDir'>;
}

/** Starts an emulator in a worker thread of its own; stopping it stops the emulator, then ends the thread. */
async function inThread(kind: EmulatorThreadData['kind'], options: EmulatorOptions): Promise<Emulator> {
  const worker = new Worker(new URL('./emulator-thread.ts', import.meta.url), {
    workerData: { kind, options } satisfies EmulatorThreadData,
  });
  const next = () =>
    new Promise<EmulatorThreadMessage>((resolve, reject) => {
      const onExit = (code: number) => reject(new Error(`${kind} emulator thread exited (${code})`));
      worker.once('error', reject);
      worker.once('exit', onExit);
      worker.once('message', (message: EmulatorThreadMessage) => {
        worker.off('error', reject);
        worker.off('exit', onExit);
        resolve(message);
      });
    });
  const first = await next();
  if (!('started' in first)) {
    await worker.terminate();
    throw new Error(`${kind} emulator did not start: ${'failed' in first ? first.failed : 'no answer'}`);
  }
  // An emulator must not keep `npm start` or a test run alive once everything else has ended.
  worker.unref();
  let stopping: Promise<void> | undefined;
  return {
    name: first.name,
    endpoint: first.started,
    stop: () => {
      stopping ??= (async () => {
        const stopped = next();
        worker.postMessage('stop');
        await stopped.catch(() => undefined);
        await worker.terminate();
      })();
      return stopping;
    },
  };
}

/** DynamoDB, in a thread of its own. With a folder the data survives restarts; without one it lives in memory. */
export function startDynamoDb(options: EmulatorOptions = {}): Promise<Emulator> {
  return inThread('dynamodb', options);
}

/** SQS, in a thread of its own. With a folder, queued messages survive a restart, as they would in AWS. */
export function startSqs(options: EmulatorOptions = {}): Promise<Emulator> {
  return inThread('sqs', options);
}

/** DynamoDB on the calling thread (emulator-thread.ts calls it in its own). */
export async function startDynamoDbHere(options: EmulatorOptions = {}): Promise<Emulator> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const server = dynalite({
    ...(options.dataDir ? { path: options.dataDir } : {}),
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    name: 'DynamoDB (dynalite)',
    endpoint: `http://${LOOPBACK}:${port}`,
    stop: () => closeServer(server),
  };
}

/** SQS on the calling thread (emulator-thread.ts calls it in its own). */
export async function startSqsHere(options: EmulatorOptions = {}): Promise<Emulator> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const server = await startFauxqs({
    host: LOOPBACK,
    port: options.port ?? 0,
    logger: false,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  return { name: 'SQS (fauxqs)', endpoint: `http://${LOOPBACK}:${server.port}`, stop: () => server.stop() };
}

/** SES, with a mail viewer at its root address, in a thread of its own. */
export function startSes(options: { port?: number } = {}): Promise<Emulator> {
  return inThread('ses', options.port === undefined ? {} : { port: options.port });
}

/** SES on the calling thread (emulator-thread.ts calls it in its own). */
export async function startSesHere(options: EmulatorOptions = {}): Promise<Emulator> {
  const server = await startSesServer({ host: LOOPBACK, port: options.port ?? 0 });
  const { port } = server.address() as AddressInfo;
  return {
    name: 'SES (aws-ses-v2-local)',
    endpoint: `http://${LOOPBACK}:${port}`,
    stop: () => closeServer(server),
  };
}

/**
 * S3 (the evidence bucket), in a thread of its own: fauxqs keeps the objects, a front checks POST policies and
 * presigned links as S3 does and sends notifications to SQS (s3-front.ts says why and how).
 */
export function startS3(
  options: EmulatorOptions & { s3: NonNullable<EmulatorOptions['s3']> },
): Promise<Emulator> {
  return inThread('s3', options);
}

/** S3 on the calling thread (emulator-thread.ts calls it in its own). */
export async function startS3Here(options: EmulatorOptions = {}): Promise<Emulator> {
  if (options.s3 === undefined) throw new Error('the S3 emulator needs its credentials and SQS endpoint');
  const front = await startS3Front({
    ...options.s3,
    ...(options.port === undefined ? {} : { port: options.port }),
    ...(options.dataDir === undefined ? {} : { dataDir: options.dataDir }),
  });
  return {
    name: 'S3 (fauxqs behind a policy-checking front)',
    endpoint: front.endpoint,
    stop: () => front.stop(),
  };
}
