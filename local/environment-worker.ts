// One execution environment of a function, in a worker thread of its own: its own module instances (logger,
// batch processor, caches, SDK clients) and exactly the environment variables its catalog entry grants, as on
// Lambda. Loads the handler once (the init phase), then handles one event at a time.
import { enableCompileCache, flushCompileCache } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import type { FunctionSpec } from '#catalog';
import { lambdaContext } from './context.ts';

export interface EnvironmentData {
  readonly spec: FunctionSpec;
  readonly projectRoot: string;
  readonly region: string;
}

export type Invocation = { readonly id: number; readonly event: unknown; readonly deadline: number };
export type Outcome =
  | { readonly id: number; readonly ok: true; readonly result: unknown }
  | { readonly id: number; readonly ok: false; readonly name: string; readonly message: string };

const { spec, projectRoot, region } = workerData as EnvironmentData;
const port = parentPort;
if (port === null) throw new Error('environment-worker runs only as a worker thread');

// Node's compile cache keeps the type-stripped and compiled form of each module on disk, so the second environment of a
// function (and every later `npm start`) compiles nothing again; each still evaluates its own module instances.
enableCompileCache();
const module = (await import(pathToFileURL(join(projectRoot, spec.entry)).href)) as {
  handler?: (event: unknown, context: unknown) => Promise<unknown>;
};
const handler = module.handler;
if (typeof handler !== 'function') throw new Error(`${spec.entry} exports no handler`);
// Written now: a discarded environment is terminated, and would take what it compiled with it.
flushCompileCache();

port.on('message', async ({ id, event, deadline }: Invocation) => {
  try {
    const result = await handler(event, lambdaContext(spec, region, deadline));
    port.postMessage({ id, ok: true, result } satisfies Outcome);
  } catch (error) {
    const { name = 'Error', message = String(error) } = (error ?? {}) as Error;
    port.postMessage({ id, ok: false, name, message } satisfies Outcome);
  }
});
port.postMessage('ready');
