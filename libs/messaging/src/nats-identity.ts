import { readFileSync } from 'node:fs';
import { nkeyAuthenticator, type Authenticator } from '@nats-io/transport-node';

/**
 * The inbox prefix of an identity's connection: `_INBOX_<id>`. Request replies and pull deliveries
 * come back under it, and the generated server permissions let each identity subscribe only there,
 * so no node can listen in on another's replies.
 */
export function inboxPrefixOf(identity: string): string {
  return `_INBOX_${identity}`;
}

/**
 * Authenticates as the nkey user whose seed (`SU…`) is in `seedFile`. The file is read at every
 * (re)connect, so a rotated seed takes effect on the next connection without a restart.
 */
export function seedFileAuthenticator(seedFile: string): Authenticator {
  return nkeyAuthenticator(() => new TextEncoder().encode(readFileSync(seedFile, 'utf8').trim()));
}
