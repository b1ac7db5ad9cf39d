// Starts the embedded emulators of DynamoDB (dynalite), SQS (fauxqs) and SES (aws-ses-v2-local) on loopback.
import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';
import { startFauxqs } from 'fauxqs';

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

/** DynamoDB. With a folder the data survives restarts; without one it lives in memory. */
export async function startDynamoDb(options: { port?: number; dataDir?: string } = {}): Promise<Emulator> {
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

/** SQS. With a folder, queued messages survive a restart, as they would in AWS. */
export async function startSqs(options: { port?: number; dataDir?: string } = {}): Promise<Emulator> {
  if (options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const server = await startFauxqs({
    host: LOOPBACK,
    port: options.port ?? 0,
    logger: false,
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
  });
  return { name: 'SQS (fauxqs)', endpoint: `http://${LOOPBACK}:${server.port}`, stop: () => server.stop() };
}

/** SES, with a mail viewer at its root address. */
export async function startSes(options: { port?: number } = {}): Promise<Emulator> {
  const server = await startSesServer({ host: LOOPBACK, port: options.port ?? 0 });
  const { port } = server.address() as AddressInfo;
  return {
    name: 'SES (aws-ses-v2-local)',
    endpoint: `http://${LOOPBACK}:${port}`,
    stop: () => closeServer(server),
  };
}
