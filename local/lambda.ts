// Invokes handlers the way the Lambda service does: one event at a time per execution environment, a context
// with a deadline, and the function's timeout enforced.
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import type { FunctionSpec } from '#catalog';
import { PROJECT_ROOT } from '../lib/project-root.ts';

// biome-ignore lint/suspicious/noExplicitAny: handlers take different event types; the runtime passes each its own.
export type LambdaHandler = (event: any, context: Context) => Promise<unknown>;

export class LambdaTimeoutError extends Error {
  override readonly name = 'LambdaTimeoutError';
}

export function lambdaContext(spec: FunctionSpec, region: string): Context {
  const deadline = Date.now() + spec.timeoutSeconds * 1000;
  const functionName = `hotline-${spec.name}`;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName,
    functionVersion: '$LATEST',
    invokedFunctionArn: `arn:aws:lambda:${region}:000000000000:function:${functionName}`,
    memoryLimitInMB: String(spec.memoryMb),
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/${functionName}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
}

/** Loads one execution environment's copy of a handler; `instance` numbers them from 0. */
export type HandlerLoader = (instance: number) => Promise<LambdaHandler>;

/**
 * A fresh module instance per environment (the query string makes it a module of its own), so module-level
 * state a handler keeps for its invocation, such as Powertools' BatchProcessor, is never shared by two events
 * at once. Shared imports (SDK clients, the logger) stay shared, as they are safe to share.
 */
export function handlerModule(spec: FunctionSpec): HandlerLoader {
  const href = pathToFileURL(join(PROJECT_ROOT, spec.entry)).href;
  return async (instance) => {
    const module = (await import(`${href}?environment=${instance}`)) as { handler?: LambdaHandler };
    if (typeof module.handler !== 'function') throw new Error(`${spec.entry} exports no handler`);
    return module.handler;
  };
}

/** The execution environments of one function: at most `size` events run at once, one per environment. */
export class FunctionPool {
  readonly spec: FunctionSpec;
  readonly #load: HandlerLoader;
  readonly #size: number;
  readonly #idle: LambdaHandler[] = [];
  readonly #waiting: ((handler: LambdaHandler) => void)[] = [];
  /** Live environments. */
  #created = 0;
  /** Never reused: a discarded environment's module instance must not come back. */
  #nextInstance = 0;

  constructor(spec: FunctionSpec, load: HandlerLoader, size: number) {
    this.spec = spec;
    this.#load = load;
    this.#size = size;
  }

  async #acquire(): Promise<LambdaHandler> {
    const idle = this.#idle.pop();
    if (idle !== undefined) return idle;
    if (this.#created < this.#size) {
      this.#created++;
      try {
        return await this.#load(this.#nextInstance++);
      } catch (error) {
        this.#created--;
        throw error;
      }
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }

  #release(handler: LambdaHandler): void {
    const next = this.#waiting.shift();
    if (next) next(handler);
    else this.#idle.push(handler);
  }

  /** Starts one environment ahead of the first event (Lambda's init phase), so a broken handler fails early. */
  async warm(): Promise<void> {
    this.#release(await this.#acquire());
  }

  async invoke(event: unknown, region: string): Promise<unknown> {
    const handler = await this.#acquire();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () =>
          reject(new LambdaTimeoutError(`${this.spec.name} timed out after ${this.spec.timeoutSeconds} s`)),
        this.spec.timeoutSeconds * 1000,
      );
    });
    let timedOut = false;
    try {
      return await Promise.race([handler(event, lambdaContext(this.spec, region)), timeout]);
    } catch (error) {
      timedOut = error instanceof LambdaTimeoutError;
      throw error;
    } finally {
      clearTimeout(timer);
      // A timed-out environment may still be running its event: Lambda discards it, and so does this pool.
      if (timedOut) this.#created--;
      else this.#release(handler);
    }
  }
}
