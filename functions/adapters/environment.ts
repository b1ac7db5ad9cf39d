// The only place a function reads its environment: the settings the catalog's access declarations give it
// (wiring.ts). A missing one fails loudly and early, naming the variable.
import type { QueueName, SecretName } from '../catalog.ts';
import { environmentNames } from '../wiring.ts';

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') {
    throw new Error(`${name} is not set: does the catalog declare this access for the function?`);
  }
  return value;
}

export const tableName = (): string => required(environmentNames.tableName);
export const queueUrl = (queue: QueueName): string => required(environmentNames.queueUrl(queue));

/** An ARN of Secrets Manager (deployed) or the secret's value itself (this machine). */
export const secretSetting = (secret: SecretName): string => required(environmentNames.secret(secret));

/** The site's public address, from configuration: links are never built from what a client says its host is. */
export const publicUrl = (): string => required(environmentNames.publicUrl).replace(/\/+$/, '');

/** Where a folder shipped beside the bundle lives. */
export const assetRoot = (folder: string): string => required(environmentNames.assetRoot(folder));

/** How the console signs in: JSON of wiring.ts's SignInSetting, parsed by its reader. */
export const signInSetting = (): string => required(environmentNames.signIn);

/** The evidence bucket's name. */
export const evidenceBucket = (): string => required(environmentNames.evidenceBucket);

/**
 * The origin browsers post uploads to and fetch files from, for the pages' CSP: the S3 endpoint where one is
 * configured (this machine), else the bucket's own virtual host, as the SDK's presigned POST names it.
 */
export function evidenceOrigin(): string {
  const endpoint = process.env.AWS_ENDPOINT_URL_S3 ?? process.env.AWS_ENDPOINT_URL;
  if (endpoint) return new URL(endpoint).origin;
  const region = required('AWS_REGION');
  return `https://${evidenceBucket()}.s3.${region}.amazonaws.com${region.startsWith('cn-') ? '.cn' : ''}`;
}

/** Whether the deployment scans uploads for malware (GuardDuty) before they are checked: 'guardduty' or 'off'. */
export const malwareScan = (): 'guardduty' | 'off' =>
  required(environmentNames.malwareScan) === 'guardduty' ? 'guardduty' : 'off';

export const emailSender = (): string => required(environmentNames.emailSender);
export const smsOriginator = (): string => required(environmentNames.smsOriginator);

/**
 * How much faster than real time the clock runs, since when (epoch ms) and from which instant, on this machine only:
 * the local runtime sets them for demonstrations and tests (HOTLINE_CLOCK_SPEED, HOTLINE_CLOCK_START: the functions'
 * "now" at the origin). Ignored in AWS, where Lambda sets AWS_EXECUTION_ENV: a deployed office's deadlines run on
 * real time whatever a variable says.
 */
export function clockAcceleration(): {
  readonly speed: number;
  readonly origin: number;
  readonly start: number;
} {
  const none = { speed: 1, origin: 0, start: 0 };
  if (process.env.AWS_EXECUTION_ENV !== undefined) return none;
  const speed = Number(process.env.HOTLINE_CLOCK_SPEED ?? '1');
  const origin = Number(process.env.HOTLINE_CLOCK_ORIGIN ?? '');
  const start =
    process.env.HOTLINE_CLOCK_START === undefined ? origin : Number(process.env.HOTLINE_CLOCK_START);
  if (!Number.isFinite(speed) || speed <= 0) throw new Error('HOTLINE_CLOCK_SPEED must be a positive number');
  if (speed === 1 && process.env.HOTLINE_CLOCK_START === undefined) return none;
  if (!Number.isFinite(origin)) throw new Error('HOTLINE_CLOCK_ORIGIN must be set with HOTLINE_CLOCK_SPEED');
  if (!Number.isFinite(start)) throw new Error('HOTLINE_CLOCK_START must be epoch milliseconds');
  return { speed, origin, start };
}
