import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { apiKeysFile, createApiKey, listApiKeys, parseApiKey, ROLES } from '#access';
import type { StackPaths } from './stack-paths.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const DEMO_KEY_DAYS = 30;
/** The name of the demo key in each node's keys file. */
export const DEMO_API_KEY_NAME = 'stack-demo';

/** The file of node `node`'s demo API key, beside its keys file: readable by its owner only. */
const demoKeyFile = (paths: StackPaths, node: string): string => join(paths.secrets, node, 'demo-api-key');

/**
 * The demo API key of node `node` (every role, cleared for TLP:RED), created in its keys file as
 * `borderlink api-keys create` would, and kept between runs in `<secrets>/<node>/demo-api-key`; a new
 * one replaces it once it is revoked or has less than a day left.
 */
export async function ensureDemoApiKey(paths: StackPaths, node: string, now = new Date()): Promise<string> {
  const keys = apiKeysFile(paths.secrets, node);
  const kept = await readFile(demoKeyFile(paths, node), 'utf8').then(
    (text) => text.trim(),
    () => undefined,
  );
  const id = kept === undefined ? undefined : parseApiKey(kept)?.id;
  if (id !== undefined) {
    const record = (await listApiKeys(keys, node, now)).find((key) => key.id === id);
    if (record?.state === 'active' && Date.parse(record.expiresAt) - now.getTime() > DAY_MS) return kept!;
  }
  const { key } = await createApiKey(keys, node, {
    name: DEMO_API_KEY_NAME,
    roles: [...ROLES],
    clearance: 'red',
    expiresAt: new Date(now.getTime() + DEMO_KEY_DAYS * DAY_MS),
    now,
  });
  await writeFile(demoKeyFile(paths, node), `${key}\n`, { mode: 0o600 });
  return key;
}
