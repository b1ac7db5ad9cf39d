// CDK app entry: `npx cdk synth` / `npx cdk deploy`. cdk-nag's AWS Solutions checks run on every synth.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { staleCompiledFiles } from '../config/compiled-check.ts';
import { PROJECT_ROOT } from '../functions/catalog.ts';
import { HotlineStack } from '../lib/hotline-stack.ts';

// Functions trust config/compiled/ (they no longer validate the configuration at each cold start), so a broken or
// stale source stops the synth here: compiling validates every file and names the problem.
const stale = staleCompiledFiles(PROJECT_ROOT);
if (stale.length > 0) {
  throw new Error(`${stale.join(', ')} out of date with config/: run npm run compile:config`);
}

const app = new App();
/** A context value given with `-c name=value`, or undefined when absent or empty. */
const context = (name: string): string | undefined => {
  const value: unknown = app.node.tryGetContext(name);
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw new Error(`context ${name} must be a string`);
  return value;
};
const optional = <K extends string>(key: K, value: string | undefined) =>
  (value === undefined ? {} : { [key]: value }) as Partial<Record<K, string>>;

/** `-c evidenceRetentionDays=<days>` and `-c malwareScan=guardduty` (README, "Evidence"). */
function evidenceOptions(retention: string | undefined, scan: string | undefined) {
  if (retention !== undefined && !/^[1-9][0-9]*$/.test(retention)) {
    throw new Error(`context evidenceRetentionDays must be a whole number of days, not "${retention}"`);
  }
  if (scan !== undefined && scan !== 'guardduty' && scan !== 'off') {
    throw new Error(`context malwareScan must be "guardduty" or "off", not "${scan}"`);
  }
  return {
    ...(retention === undefined ? {} : { evidenceRetentionDays: Number(retention) }),
    ...(scan === undefined ? {} : { malwareScan: scan === 'guardduty' }),
  };
}

new HotlineStack(app, 'SunshineHotline', {
  projectRoot: PROJECT_ROOT,
  ...optional('alarmEmail', context('alarmEmail')),
  ...optional('publicUrl', context('publicUrl')),
  ...optional('connectInstanceArn', context('connectInstanceArn')),
  ...optional('emailSender', context('emailFrom')),
  ...optional('smsOriginator', context('smsOriginator')),
  ...evidenceOptions(context('evidenceRetentionDays'), context('malwareScan')),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
