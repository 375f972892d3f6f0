import { Redis } from 'ioredis';
import {
  generateRedisPassword,
  redisAclRules,
  redisServerOf,
  redisUrlWithCredentials,
  redisUser,
  type RedisPrincipal,
} from '#runtime';

// ACL SAVE on a server started without an ACL file (a shared one): its users live until it stops.
const NO_ACL_FILE = /not configured to use an ACL file/;

/**
 * Creates (or replaces) Redis user `name` with `rules` and a fresh password, through `adminUrl` (a
 * URL whose user may run ACL: a private server's open `default`, or an admin user), and saves it to
 * the server's ACL file so that it survives a restart. Returns the server's URL with the new user's
 * credentials.
 */
export async function addRedisUser(
  adminUrl: string,
  name: string,
  rules: readonly string[],
): Promise<string> {
  const password = generateRedisPassword();
  const admin = new Redis(adminUrl, {
    lazyConnect: true,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
  });
  try {
    await admin.connect();
    await admin.call('ACL', 'SETUSER', name, 'reset', 'on', `>${password}`, ...rules);
    await admin.call('ACL', 'SAVE').catch((error: unknown) => {
      if (!(error instanceof Error && NO_ACL_FILE.test(error.message))) throw error;
    });
  } finally {
    admin.disconnect();
  }
  return redisUrlWithCredentials(redisServerOf(adminUrl), name, password);
}

/**
 * Creates the Redis user an app runs as in production (its keyspace, its commands: `redisAclRules`),
 * for the hub or an agency node; returns the URL the app connects with.
 */
export function addRedisAppUser(adminUrl: string, principal: RedisPrincipal): Promise<string> {
  return addRedisUser(adminUrl, redisUser(principal), redisAclRules(principal));
}
