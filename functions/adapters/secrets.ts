// The hotline's secrets: from Secrets Manager when deployed (the setting is an ARN), the value itself on this machine.
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import type { SecretName } from '../catalog.ts';
import { environmentNames } from '../wiring.ts';
import { secretSetting } from './environment.ts';

const MIN_LENGTH = 32;
/** Powertools keeps the value for this long, so a warm function reads Secrets Manager about once an hour. */
const CACHE_SECONDS = 3600;

export async function secretValue(secret: SecretName): Promise<string> {
  const setting = secretSetting(secret);
  if (!setting.startsWith('arn:')) return setting;
  const value = await getSecret<string>(setting, { maxAge: CACHE_SECONDS });
  if (typeof value !== 'string') throw new Error(`secret ${secret} is not a string`);
  return value;
}

/** Everything keyed (references, receipt codes, sealed contacts) derives from this one value. */
export async function masterSecret(): Promise<string> {
  const value = await secretValue('master');
  if (value.length < MIN_LENGTH) {
    throw new Error(
      `the master secret (${environmentNames.secret('master')}) is shorter than ${MIN_LENGTH} characters`,
    );
  }
  return value;
}
