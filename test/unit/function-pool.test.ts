// The local runtime's execution environments: one event at a time each, as on Lambda; each its own thread with its
// own module instances and exactly the environment it was given.
import { afterEach, describe, expect, it } from 'vitest';
import { functionNamed } from '#catalog';
import {
  type ExecutionEnvironment,
  FunctionPool,
  LambdaTimeoutError,
  workerEnvironments,
} from '#local/lambda.ts';

const spec = { ...functionNamed('intake-worker'), timeoutSeconds: 1 };
const pools: FunctionPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.stop()));
});

function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

/** An environment in this process that runs `run` for each event. */
const fake = (run: (event: unknown) => Promise<unknown>): ExecutionEnvironment => ({
  invoke: (event) => run(event),
  dispose: async () => undefined,
});

describe('FunctionPool', () => {
  it('gives concurrent events their own environments and never more than its size', async () => {
    const started: number[] = [];
    let running = 0;
    let most = 0;
    const release = gate();
    const pool = new FunctionPool(
      spec,
      async (instance) => {
        started.push(instance);
        return fake(async () => {
          running++;
          most = Math.max(most, running);
          await release.opened;
          running--;
          return instance;
        });
      },
      2,
    );

    const results = [pool.invoke({}), pool.invoke({}), pool.invoke({})];
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(started).toEqual([0, 1]);
    expect(running).toBe(2);
    release.open();

    expect((await Promise.all(results)).sort()).toEqual([0, 0, 1].sort());
    expect(most).toBe(2);
  });

  it('discards an environment whose event timed out, and starts a new one', async () => {
    const started: number[] = [];
    const pool = new FunctionPool(
      spec,
      async (instance) => {
        started.push(instance);
        return fake(instance === 0 ? () => new Promise(() => undefined) : async () => 'fresh');
      },
      1,
    );

    await expect(pool.invoke({})).rejects.toBeInstanceOf(LambdaTimeoutError);
    expect(await pool.invoke({})).toBe('fresh');
    expect(started).toEqual([0, 1]);
  });
});

describe('worker-thread environments', () => {
  const pages = functionNamed('web-pages');

  const introspect = { ...pages, entry: 'test/fixtures/handlers/introspect.ts' };

  it('see exactly the variables they are given, nothing of this process', async () => {
    process.env.HOTLINE_TEST_LEAK = 'from the test process';
    const start = workerEnvironments(introspect, { environment: { ONLY_THIS: '1' }, region: 'us-east-1' });
    const environment = await start(0);
    try {
      const answer = (await environment.invoke({}, Date.now() + 5000)) as { variables: string[] };
      expect(answer.variables).toEqual(['ONLY_THIS']);
    } finally {
      await environment.dispose();
      delete process.env.HOTLINE_TEST_LEAK;
    }
  });

  it('fail a function whose catalog access was not declared, as it would fail in AWS', async () => {
    // The pages without their asset root: the variable the catalog grants is missing.
    const start = workerEnvironments(pages, {
      environment: { POWERTOOLS_LOG_LEVEL: 'CRITICAL' },
      region: 'us-east-1',
    });
    const pool = new FunctionPool(pages, start, 1);
    pools.push(pool);
    const event = {
      version: '2.0',
      rawPath: '/',
      headers: {},
      requestContext: { http: { method: 'GET', path: '/' } },
      isBase64Encoded: false,
    };
    const answer = (await pool.invoke(event)) as { statusCode: number; body: string };
    expect(answer.statusCode).toBe(500);
    expect(JSON.parse(answer.body).error.code).toBe('internal');
  });

  it('keep module state apart: two environments are two module instances', async () => {
    const start = workerEnvironments(introspect, { environment: {}, region: 'us-east-1' });
    const [a, b] = await Promise.all([start(0), start(1)]);
    try {
      const calls = async (environment: ExecutionEnvironment) =>
        ((await environment.invoke({}, Date.now() + 5000)) as { invocations: number }).invocations;
      expect([await calls(a), await calls(a), await calls(b)]).toEqual([1, 2, 1]);
    } finally {
      await Promise.all([a.dispose(), b.dispose()]);
    }
  });

  it('report a handler module that cannot load', async () => {
    const broken = { ...pages, entry: 'functions/handlers/does-not-exist.ts' };
    await expect(workerEnvironments(broken, { environment: {}, region: 'us-east-1' })(0)).rejects.toThrow(
      /does-not-exist/,
    );
  });
});
