// Credentials for the nodes a test starts: a test service's API key in the node's own keys file,
// made as `borderlink api-keys create` makes it, with every role and cleared for TLP:RED. The door
// stays as closed as in production; the tests only hold a key to it.
import { join } from 'node:path';
import { createApiKey, ROLES } from '#access';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A node's keys file and the test's key in it. */
export interface NodeCredentials {
  /** NODE_API_KEYS_FILE for the node's config. */
  file: string;
  key: string;
  /** The header that presents the key. */
  headers: { authorization: string };
}

/**
 * Adds a key named `name` for the tests to `<dir>/<node>.api-keys.json` (created if missing): a
 * second key is a second identity, e.g. the other supervisor of a four-eyes release.
 */
export async function testApiKey(dir: string, node: string, name = 'tests'): Promise<NodeCredentials> {
  const file = join(dir, `${node}.api-keys.json`);
  const { key } = await createApiKey(file, node, {
    name,
    roles: [...ROLES],
    clearance: 'red',
    expiresAt: new Date(Date.now() + DAY_MS),
  });
  return { file, key, headers: { authorization: `Bearer ${key}` } };
}
