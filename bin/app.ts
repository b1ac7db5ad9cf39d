// CDK app entry: `npx cdk synth` / `npx cdk deploy`. cdk-nag's AWS Solutions checks run on every synth.
import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { HotlineStack } from '../lib/hotline-stack.ts';
import { PROJECT_ROOT } from '../lib/project-root.ts';

const app = new App();
const alarmEmail = app.node.tryGetContext('alarmEmail') as string | undefined;
const publicUrl = app.node.tryGetContext('publicUrl') as string | undefined;
new HotlineStack(app, 'SunshineHotline', {
  projectRoot: PROJECT_ROOT,
  ...(alarmEmail ? { alarmEmail } : {}),
  ...(publicUrl ? { publicUrl } : {}),
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
