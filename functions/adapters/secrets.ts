// The hotline's master secret: from Secrets Manager when deployed, from the environment on this machine.
import { getSecret } from '@aws-lambda-powertools/parameters/secrets';
import { environmentNames } from '../catalog.ts';

const MIN_LENGTH = 32;
/** Powertools keeps the value for this long, so a warm function reads Secrets Manager about once an hour. */
const CACHE_SECONDS = 3600;

/** Everything keyed (references, receipt codes, sealed contacts) derives from this one value. */
export async function masterSecret(): Promise<string> {
  const arn = process.env[environmentNames.secretArn];
  const value = arn
    ? await getSecret<string>(arn, { maxAge: CACHE_SECONDS })
    : process.env[environmentNames.masterKey];
  if (typeof value !== 'string' || value.length < MIN_LENGTH) {
    throw new Error(
      `the master secret is missing or shorter than ${MIN_LENGTH} characters (set ${environmentNames.masterKey} or ${environmentNames.secretArn})`,
    );
  }
  return value;
}
