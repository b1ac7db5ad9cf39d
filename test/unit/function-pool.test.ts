// The local runtime's execution environments: one event at a time each, as in Lambda.
import { describe, expect, it } from 'vitest';
import { functionNamed } from '../../functions/catalog.ts';
import { FunctionPool, handlerModule, type LambdaHandler, LambdaTimeoutError } from '../../local/lambda.ts';

const spec = { ...functionNamed('intake-worker'), timeoutSeconds: 1 };

function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

describe('FunctionPool', () => {
  it('gives concurrent events their own environments and never more than its size', async () => {
    const loaded: number[] = [];
    let running = 0;
    let most = 0;
    const release = gate();
    const pool = new FunctionPool(
      spec,
      async (instance) => {
        loaded.push(instance);
        return async () => {
          running++;
          most = Math.max(most, running);
          await release.opened;
          running--;
          return instance;
        };
      },
      2,
    );

    const results = [
      pool.invoke({}, 'us-east-1'),
      pool.invoke({}, 'us-east-1'),
      pool.invoke({}, 'us-east-1'),
    ];
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(loaded).toEqual([0, 1]);
    expect(running).toBe(2);
    release.open();

    expect((await Promise.all(results)).sort()).toEqual([0, 0, 1].sort());
    expect(most).toBe(2);
  });

  it('discards an environment whose event timed out, and starts a new one', async () => {
    const loaded: number[] = [];
    const hang: LambdaHandler = () => new Promise(() => undefined);
    const pool = new FunctionPool(
      spec,
      async (instance) => {
        loaded.push(instance);
        return instance === 0 ? hang : async () => 'fresh';
      },
      1,
    );

    await expect(pool.invoke({}, 'us-east-1')).rejects.toBeInstanceOf(LambdaTimeoutError);
    expect(await pool.invoke({}, 'us-east-1')).toBe('fresh');
    expect(loaded).toEqual([0, 1]);
  });

  it('loads a separate module instance of the handler for each environment', async () => {
    const load = handlerModule(functionNamed('intake-worker'));
    const [first, second, firstAgain] = await Promise.all([load(0), load(1), load(0)]);
    expect(first).not.toBe(second);
    expect(firstAgain).toBe(first);
  });
});
