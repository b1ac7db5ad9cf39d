// The reporter's side of the office's rules as functions load them: validated when compiled (reporter-compile.ts),
// so a cold start builds no schema.
import type { ReporterPolicy } from '#domain/reporter/policy.ts';
import compiled from './compiled/reporter.json' with { type: 'json' };

export const reporterPolicy: ReporterPolicy = compiled;
