// Reads the settings a deployed or local function is given; fails loudly and early when one is missing.
import { environmentNames, type QueueName } from '../catalog.ts';

export function requiredSetting(name: string): string {
  const value = process.env[name];
  if (value === undefined || value === '') throw new Error(`${name} is not set`);
  return value;
}

export const tableName = (): string => requiredSetting(environmentNames.tableName);
export const queueUrl = (queue: QueueName): string => requiredSetting(environmentNames.queueUrl(queue));

/** The site's public address, from configuration: links are never built from what a client says its host is. */
export const publicUrl = (): string => requiredSetting(environmentNames.publicUrl).replace(/\/+$/, '');
