import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Emulators and a synthesised stack take a few seconds on a 2-core machine.
    testTimeout: 30_000,
    // A local runtime warms thirty functions before its first request: over a minute when the cores are shared.
    hookTimeout: 120_000,
    // expect.poll waits for what the runtime does asynchronously (a projector, a page's next request); its default
    // second is shorter than a cold function start on shared cores. Tests that wait longer say so.
    expect: { poll: { timeout: 15_000, interval: 100 } },
    pool: 'forks',
    // Two test files at a time. Vitest's default, one worker fewer than the cores, is a single worker on the 2-core
    // machines this runs on (CI included), so the files ran one after another, though much of a slow file's time is
    // waiting (a runtime warming its functions, Chromium, polling). Files may overlap: each has its own table, queues,
    // bucket and ports. Not more than two: the emulators, functions and Chromium use the cores too, and the timeouts
    // above are set for two.
    maxWorkers: 2,
    // Quiet handlers by default; a test that inspects logs raises the level before it loads a handler.
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR', POWERTOOLS_METRICS_DISABLED: 'true' },
    // In CI a JSON report is written beside the usual output, for .ci/run's "N passed, N failed" line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.ci/out/vitest.json' },
  },
});
