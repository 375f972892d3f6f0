import type { Registry } from '#registry';
import { generateRedisPassword, redisAclUsers, redisPrincipals, renderRedisAcl } from '#runtime';
import type { StackPaths } from './stack-paths.js';

/** The name of the Redis user with every right, which the stack adds only when asked (tests). */
export const REDIS_ADMIN_USER = 'bl_admin';

/** The Redis users of the stack's own server. */
export interface StackRedisUsers {
  /** The text of the server's ACL file: the default user disabled, password hashes only. */
  acl: string;
  /** The admin user's password, kept in memory only; undefined unless it was asked for. */
  adminPassword?: string;
}

/**
 * The ACL of the stack's own Redis: a user for the hub and one for each agency node of the registry
 * (not only those started, so any node can be started later), each limited to its own keyspace and
 * the commands its app sends, with its password in `<data>/secrets/<user>/redis.pass` (created on
 * first start, kept after). With `admin`, also a user with every right whose password is never
 * written down: for a test that must read every inbox or wipe Redis.
 * @throws RedisAclError for a node id the ACL cannot name (an agency node called `hub` or `default`).
 */
export async function stackRedisUsers(
  registry: Registry,
  paths: StackPaths,
  admin = false,
): Promise<StackRedisUsers> {
  const users = await redisAclUsers(redisPrincipals(registry.nodes), paths.secrets);
  if (!admin) return { acl: renderRedisAcl(users) };
  const adminPassword = generateRedisPassword();
  users.push({ name: REDIS_ADMIN_USER, password: adminPassword, rules: ['~*', '&*', '+@all'] });
  return { acl: renderRedisAcl(users), adminPassword };
}
