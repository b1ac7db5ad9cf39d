// One emulator in a worker thread of its own, so that DynamoDB, SQS and SES each answer on their own event loop
// (and core) instead of queueing behind the gateway, the pollers and each other on the runtime's main thread.
import { parentPort, workerData } from 'node:worker_threads';
import {
  type Emulator,
  type EmulatorOptions,
  startDynamoDbHere,
  startS3Here,
  startSesHere,
  startSqsHere,
} from './emulators.ts';

export interface EmulatorThreadData {
  readonly kind: 'dynamodb' | 'sqs' | 'ses' | 's3';
  readonly options: EmulatorOptions;
}

/** What the thread tells its parent: started (with the endpoint), failed to start, or stopped. */
export type EmulatorThreadMessage =
  | { readonly started: string; readonly name: string }
  | { readonly failed: string }
  | { readonly stopped: true };

const port = parentPort;
if (port === null) throw new Error('emulator-thread runs only as a worker thread');
const { kind, options } = workerData as EmulatorThreadData;

let emulator: Emulator;
try {
  const start = { dynamodb: startDynamoDbHere, sqs: startSqsHere, ses: startSesHere, s3: startS3Here }[kind];
  emulator = await start(options);
  port.postMessage({ started: emulator.endpoint, name: emulator.name } satisfies EmulatorThreadMessage);
} catch (error) {
  port.postMessage({ failed: (error as Error).message } satisfies EmulatorThreadMessage);
  port.close();
}
port.on('message', async (message: 'stop') => {
  if (message !== 'stop') return;
  await emulator.stop();
  port.postMessage({ stopped: true } satisfies EmulatorThreadMessage);
  port.close();
});
