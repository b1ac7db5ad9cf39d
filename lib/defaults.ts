// Defaults shared by every function of the stack, as plain values: the stack, the tests and the bundle
// benchmark all read them from here, so what is measured is what is deployed.

/** esbuild settings for every Lambda bundle: ESM for Node.js 24, minified, with source maps, the SDK inside. */
export const BUNDLE = {
  format: 'esm',
  platform: 'node',
  target: 'node24',
  minify: true,
  sourcemap: true,
  mainFields: ['module', 'main'],
  // Some bundled dependencies are CommonJS and call require(); an ESM bundle has to provide it.
  banner: "import { createRequire } from 'node:module'; const require = createRequire(import.meta.url);",
} as const;

/** How long function logs are kept: long enough to investigate a complaint about the handling of a complaint. */
export const LOG_RETENTION_DAYS = 365;

/** Stage throttling: a citizen-facing API that should absorb a campaign, not a flood. */
export const API_THROTTLE = { rateLimit: 50, burstLimit: 100 } as const;

/** Alarm when the oldest intake message has waited this long: the worker is failing or starved. */
export const OLDEST_INTAKE_MESSAGE_ALARM_SECONDS = 300;

/** Access log fields: enough to trace a request, and deliberately no source IP of a possibly anonymous reporter. */
export const ACCESS_LOG_FIELDS: Record<string, string> = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  routeKey: '$context.routeKey',
  status: '$context.status',
  responseLength: '$context.responseLength',
  responseLatency: '$context.responseLatency',
  integrationLatency: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
};

/**
 * Wrong receipt codes per 5 minutes, across all references, above which someone is guessing. Guessing cannot
 * succeed (53-bit codes against the stage's rate limit), but an office wants to know it is being tried.
 */
export const RECEIPT_GUESSING_ALARM = { threshold: 100, periodMinutes: 5 } as const;
