import { existsSync } from 'node:fs';
import { rename } from 'node:fs/promises';
import { join } from 'node:path';
import { HUB_ACCOUNT } from '#nats-config';

/**
 * Moves the streams of a single server's JetStream store made before the hub's streams had an
 * account of their own (docs/decisions.md §24): they are stored under the global account, `$G`,
 * and become the `HUB` account's by renaming its folder while the server is stopped. Resolves with
 * whether it moved anything; a store already migrated, or new, is left alone.
 */
export async function moveGlobalStreams(storeDir: string): Promise<boolean> {
  const global = join(storeDir, 'jetstream', '$G');
  const hub = join(storeDir, 'jetstream', HUB_ACCOUNT);
  if (!existsSync(global) || existsSync(hub)) return false;
  await rename(global, hub);
  return true;
}
