// Starts the whole local runtime in this test process, on free ports and in memory.
import { type LocalRuntime, startLocalRuntime } from '../../local/runtime.ts';

export async function startTestRuntime(): Promise<LocalRuntime> {
  // The test setup's shared emulators are not used here: the runtime starts and stops its own, as `npm start` does.
  for (const service of ['DYNAMODB', 'SQS', 'SES']) delete process.env[`AWS_ENDPOINT_URL_${service}`];
  process.env.POWERTOOLS_LOG_LEVEL = 'ERROR';
  return startLocalRuntime({
    port: 0,
    sesPort: 0,
    dataDir: null,
    visibilityTimeoutSeconds: 1,
    resourcePrefix: 'e2e',
  });
}

export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}
