// The secrets of the hotline channels, as lists: one value, or two while a sender moves to a new one.

import { secretList } from '#domain/channels/call.ts';
import type { SecretName } from '../catalog.ts';
import { secretValue } from './secrets.ts';

export type ChannelSecret = Exclude<SecretName, 'master'>;

export async function channelSecrets(secret: ChannelSecret): Promise<string[]> {
  return secretList(await secretValue(secret));
}
