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
    // Two test files at a time, said so here. Serial, the suite took 875 s; two at a time, 685 s in an earlier
    // round, when record-race.test.ts failed once in three runs: it took the queues for drained while a closed
    // case's transition was still delayed (two seconds) on the events queue, and read the outbox before that case's
    // notice went out. queueDepth now counts delayed messages and that test reads all queues at once; two at a time
    // then passed twice in a row from a fresh clone (394 s and 393 s).
    maxWorkers: 2,
    // Quiet handlers by default; a test that inspects logs raises the level before it loads a handler.
    env: { POWERTOOLS_LOG_LEVEL: 'ERROR', POWERTOOLS_METRICS_DISABLED: 'true' },
    // In CI a JSON report is written beside the usual output, for .ci/run's "N passed, N failed" line.
    reporters: process.env.CI ? ['default', 'json'] : ['default'],
    outputFile: { json: '.ci/out/vitest.json' },
  },
});
