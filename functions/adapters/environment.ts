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

export const emailSender = (): string => required(environmentNames.emailSender);
export const smsOriginator = (): string => required(environmentNames.smsOriginator);
