// Invokes handlers the way the Lambda service does: each execution environment is a worker thread with its own
// module instances and exactly the environment variables its catalog entry grants; it handles one event at a time,
// has the function's memory and timeout, and is discarded when an event times out.
import { createInterface } from 'node:readline';
import { Worker } from 'node:worker_threads';
import { type FunctionSpec, PROJECT_ROOT } from '#catalog';
import type { EnvironmentData, Invocation, Outcome } from './environment-worker.ts';

export class LambdaTimeoutError extends Error {
  override readonly name = 'LambdaTimeoutError';
}

/** The function failed: the handler threw, or its environment could not start. */
export class LambdaFunctionError extends Error {
  override readonly name = 'LambdaFunctionError';
  readonly errorType: string;
  constructor(errorType: string, message: string) {
    super(`${errorType}: ${message}`);
    this.errorType = errorType;
  }
}

/** One execution environment: it runs one event at a time until it is disposed of. */
export interface ExecutionEnvironment {
  invoke(event: unknown, deadline: number): Promise<unknown>;
  dispose(): Promise<void>;
}

/** Starts the environment numbered `instance`; numbers are never reused. */
export type EnvironmentFactory = (instance: number) => Promise<ExecutionEnvironment>;

/** Anything that runs a function's events: a pool, or a test's wrapper around one. */
export interface Invoker {
  readonly spec: FunctionSpec;
  invoke(event: unknown): Promise<unknown>;
}

export interface WorkerEnvironmentOptions {
  /** Exactly the variables the function is given; nothing of this process's environment leaks in. */
  readonly environment: Readonly<Record<string, string>>;
  readonly region: string;
  /** Where the environment's log lines go. @default this process's stdout */
  readonly logSink?: (line: string) => void;
}

/** Execution environments in worker threads, each loading the handler module afresh. */
export function workerEnvironments(
  spec: FunctionSpec,
  options: WorkerEnvironmentOptions,
): EnvironmentFactory {
  return async () => {
    const worker = new Worker(new URL('./environment-worker.ts', import.meta.url), {
      workerData: { spec, projectRoot: PROJECT_ROOT, region: options.region } satisfies EnvironmentData,
      env: { ...options.environment },
      stdout: true,
      // Lambda gives the function this much memory; the heap may not grow past it here either.
      resourceLimits: { maxOldGenerationSizeMb: spec.memoryMb },
    });
    const sink = options.logSink ?? ((line: string) => process.stdout.write(`${line}\n`));
    createInterface({ input: worker.stdout }).on('line', sink);

    const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
    let nextId = 0;
    let failure: Error | undefined;
    const fail = (error: Error) => {
      failure ??= error;
      for (const { reject } of pending.values()) reject(failure);
      pending.clear();
    };
    worker.on('error', (error) => fail(new LambdaFunctionError(error.name, error.message)));
    worker.on('exit', (code) =>
      fail(new LambdaFunctionError('Runtime.ExitError', `environment exited (${code})`)),
    );

    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
      worker.once('exit', () => reject(failure ?? new Error(`${spec.name}: environment did not start`)));
    });
    worker.on('message', (outcome: Outcome) => {
      const waiting = pending.get(outcome.id);
      if (waiting === undefined) return;
      pending.delete(outcome.id);
      if (outcome.ok) waiting.resolve(outcome.result);
      else waiting.reject(new LambdaFunctionError(outcome.name, outcome.message));
    });

    return {
      invoke(event, deadline) {
        if (failure !== undefined) return Promise.reject(failure);
        const id = nextId++;
        return new Promise((resolve, reject) => {
          pending.set(id, { resolve, reject });
          worker.postMessage({ id, event, deadline } satisfies Invocation);
        });
      },
      async dispose() {
        worker.removeAllListeners('exit');
        await worker.terminate();
      },
    };
  };
}

/** The execution environments of one function: at most `size` events run at once, one per environment. */
export class FunctionPool implements Invoker {
  readonly spec: FunctionSpec;
  readonly #start: EnvironmentFactory;
  readonly #size: number;
  readonly #idle: ExecutionEnvironment[] = [];
  readonly #all = new Set<ExecutionEnvironment>();
  readonly #waiting: ((environment: ExecutionEnvironment) => void)[] = [];
  /** Live environments, and those starting. */
  #created = 0;
  /** Never reused: a discarded environment's module instance must not come back. */
  #nextInstance = 0;

  constructor(spec: FunctionSpec, start: EnvironmentFactory, size: number) {
    this.spec = spec;
    this.#start = start;
    this.#size = size;
  }

  async #acquire(): Promise<ExecutionEnvironment> {
    const idle = this.#idle.pop();
    if (idle !== undefined) return idle;
    if (this.#created < this.#size) {
      this.#created++;
      try {
        const environment = await this.#start(this.#nextInstance++);
        this.#all.add(environment);
        return environment;
      } catch (error) {
        this.#created--;
        throw error;
      }
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(environment: ExecutionEnvironment): void {
    const next = this.#waiting.shift();
    if (next) next(environment);
    else this.#idle.push(environment);
  }

  async #discard(environment: ExecutionEnvironment): Promise<void> {
    this.#all.delete(environment);
    this.#created--;
    await environment.dispose();
    // Someone may be waiting for an environment that will now never be released: start one for them.
    const next = this.#waiting.shift();
    if (next) void this.#acquire().then(next);
  }

  /** Starts one environment ahead of the first event (Lambda's init phase), so a broken handler fails early. */
  async warm(): Promise<void> {
    this.#release(await this.#acquire());
  }

  async invoke(event: unknown): Promise<unknown> {
    const environment = await this.#acquire();
    const deadline = Date.now() + this.spec.timeoutSeconds * 1000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new LambdaTimeoutError(`${this.spec.name} timed out after ${this.spec.timeoutSeconds} s`)),
        this.spec.timeoutSeconds * 1000,
      );
    });
    let broken = false;
    try {
      return await Promise.race([environment.invoke(event, deadline), timeout]);
    } catch (error) {
      // A timed-out environment may still be running its event, and a crashed one is gone: Lambda discards both.
      broken =
        error instanceof LambdaTimeoutError ||
        (error as LambdaFunctionError).errorType === 'Runtime.ExitError';
      throw error;
    } finally {
      clearTimeout(timer);
      if (broken) await this.#discard(environment);
      else this.#release(environment);
    }
  }

  /** Ends every environment; call it once nothing is invoking any more. */
  async stop(): Promise<void> {
    await Promise.all([...this.#all].map((environment) => environment.dispose()));
    this.#all.clear();
    this.#idle.length = 0;
  }
}
