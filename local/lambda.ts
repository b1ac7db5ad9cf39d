// Invokes a handler the way the Lambda service would: a context with a deadline, and the function's timeout enforced.
import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import type { FunctionSpec } from '#catalog';

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

export async function invoke(
  handler: LambdaHandler,
  spec: FunctionSpec,
  event: unknown,
  region: string,
): Promise<unknown> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new LambdaTimeoutError(`${spec.name} timed out after ${spec.timeoutSeconds} s`)),
      spec.timeoutSeconds * 1000,
    );
  });
  try {
    return await Promise.race([handler(event, lambdaContext(spec, region)), timeout]);
  } finally {
    clearTimeout(timer);
  }
}
