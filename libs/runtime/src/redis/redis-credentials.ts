import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import {
  generateRedisPassword,
  redisAclUser,
  redisUser,
  type RedisAclUser,
  type RedisPrincipal,
} from './redis-acl.js';
import { RedisPasswordError } from './redis.errors.js';

const isMissing = (error: unknown): boolean =>
  (error as NodeJS.ErrnoException | undefined)?.code === 'ENOENT';

/**
 * The password file of Redis user `user` under `secretsDir`: `<secretsDir>/<user>/redis.pass`. One
 * folder per user, so that a deployment mounts each app's folder into that app alone.
 */
export function redisPasswordFile(secretsDir: string, user: string): string {
  return join(secretsDir, user, 'redis.pass');
}

/**
 * The password in `file` (its first line, without surrounding blanks).
 * @throws RedisPasswordError naming the file when it is missing, unreadable or empty.
 */
export async function readRedisPassword(file: string): Promise<string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new RedisPasswordError(`Redis password file ${file} cannot be read (${code})`, { cause: error });
  }
  const password = text.split('\n', 1)[0]!.trim();
  if (password === '') throw new RedisPasswordError(`Redis password file ${file} is empty`);
  return password;
}

/**
 * The password in `file`, or a new random one written there first (owner-only: file 0600, folder
 * 0700) when the file does not exist. Running it again keeps the password.
 */
export async function ensureRedisPassword(file: string): Promise<string> {
  try {
    return await readRedisPassword(file);
  } catch (error) {
    if (!(error instanceof RedisPasswordError && isMissing(error.cause))) throw error;
  }
  const password = generateRedisPassword();
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${password}\n`, { mode: 0o600, flag: 'wx' });
  // The creation mode is filtered by the umask; set it exactly.
  await chmod(file, 0o600);
  return password;
}

/**
 * The ACL user of each principal, with its password from `<secretsDir>/<user>/redis.pass`, created
 * there on the first run and kept after.
 * @throws RedisAclError for a principal the ACL cannot name; RedisPasswordError for an empty file.
 */
export async function redisAclUsers(
  principals: readonly RedisPrincipal[],
  secretsDir: string,
): Promise<RedisAclUser[]> {
  const users: RedisAclUser[] = [];
  for (const principal of principals) {
    const password = await ensureRedisPassword(redisPasswordFile(secretsDir, redisUser(principal)));
    users.push(redisAclUser(principal, password));
  }
  return users;
}

/**
 * `url` with `user` as its user name and `password` (percent-encoded as needed) as its password, or
 * no password when none is given.
 */
export function redisUrlWithCredentials(url: string, user: string, password?: string): string {
  const parsed = new URL(url);
  parsed.username = user;
  parsed.password = password ?? '';
  return parsed.toString();
}

/**
 * The scheme and host of `url` (`redis://host:port`): what may be logged. Credentials may be in its
 * user part and, for ioredis, in its query too.
 */
export function redisServerOf(url: string): string {
  const { protocol, host } = new URL(url);
  return `${protocol}//${host}`;
}
