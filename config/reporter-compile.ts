// Compiles the reporter's side of the office's rules (config/reporter.json: the rating window, the follow-up
// allowance, how long contact details are kept) into the form functions load (config/reporter.ts): validated here,
// once, by `npm run compile:config`, `cdk synth` and the test that keeps the compiled file in step.
import { ReporterPolicySchema } from '#domain/reporter/policy.ts';
import source from './reporter.json' with { type: 'json' };

/** Where `npm run compile:config` writes it, from the repository root. */
export const REPORTER_FILE = 'config/compiled/reporter.json';

/** The compiled file's text; throws, naming the problem, when the source is invalid. */
export function reporterFileText(policy: unknown = source): string {
  return `${JSON.stringify(ReporterPolicySchema.parse(policy))}\n`;
}
