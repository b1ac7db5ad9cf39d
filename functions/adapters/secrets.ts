// The hotline's master secret: from Secrets Manager when deployed, from the environment on this machine.
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { environmentNames } from '../catalog.ts';

const MIN_LENGTH = 32;
let cached: string | undefined;

/** Everything keyed (references, receipt codes, sealed contacts) derives from this one value. */
export async function masterSecret(): Promise<string> {
  if (cached !== undefined) return cached;
  const arn = process.env[environmentNames.secretArn];
  const value = arn
    ? await getSecret<string>(arn, { maxAge: 3600 })
    : process.env[environmentNames.masterKey];
  if (typeof value !== 'string' || value.length < MIN_LENGTH) {
    throw new Error(
      `the master secret is missing or shorter than ${MIN_LENGTH} characters (set ${environmentNames.masterKey} or ${environmentNames.secretArn})`,
    );
  }
  cached = value;
  return value;
}
