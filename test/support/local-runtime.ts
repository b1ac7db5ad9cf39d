// Starts the whole local runtime in this test process, on free ports and in memory, with its own emulators.
import { type LocalRuntime, type LocalRuntimeOptions, startLocalRuntime } from '#local/runtime.ts';

export async function startTestRuntime(options: LocalRuntimeOptions = {}): Promise<LocalRuntime> {
  return startLocalRuntime({
    port: 0,
    sesPort: 0,
    dataDir: null,
    visibilityTimeoutSeconds: 1,
    resourcePrefix: 'e2e',
    // Not this process's environment: the test setup's shared emulators are not used here.
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR' },
    ...options,
  });
}
