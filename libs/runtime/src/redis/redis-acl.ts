import { createHash, randomBytes } from 'node:crypto';
import { isSubjectToken } from '#contracts';
import { RedisAclError } from './redis.errors.js';
import { HUB_KEYSPACE_OWNER, redisKeyspace } from './redis-keyspace.js';

/** Who connects to Redis: the hub (every instance shares its user) or one agency node. */
export type RedisPrincipal = { kind: 'hub' } | { kind: 'node'; id: string };

/** The Redis user of the hub, whose keys lie under `bl:hub:`. An agency node's user is its id. */
export const HUB_REDIS_USER = HUB_KEYSPACE_OWNER;

// Redis's own user: disabled, so that no connection acts without naming its user.
const DEFAULT_USER = 'default';

// Each app is allowed the commands its repositories send and nothing else. A command a repository
// starts to use needs its line here: the integration suites run each app as its own user, so a
// missing one fails there with NOPERM. Commands inside a Lua script are checked as if sent directly.
// Never KEYS, SCAN or RANDOMKEY (key patterns do not filter them: they list every app's keys), INFO
// or CLIENT (they show the other users' connections and the server's figures), nor anything that
// wipes, configures or administers the server.
const SCRIPT_COMMANDS = [
  // ioredis sends EVALSHA and falls back to EVAL once when Redis does not hold the script yet.
  'evalsha',
  'eval',
];
const HEALTH_COMMANDS = ['ping'];
// The epoch marker (epoch-marker.ts): EXISTS to check, SET for the run and the marker, DEL of the run.
const EPOCH_COMMANDS = ['exists', 'set', 'del'];

const HUB_COMMANDS = [
  ...EPOCH_COMMANDS,
  ...SCRIPT_COMMANDS,
  ...HEALTH_COMMANDS,
  // Accepted ids, route records, release requests: GET and SET (in the claim script too); a
  // delivered batch's route records in one MGET.
  'get',
  'mget',
  // The rate limit's token bucket script: Redis's clock, the bucket's hash and its expiry.
  'time',
  'hmget',
  'hset',
  'pexpire',
  // Requests followed up by their deadlines: a hash per request (its answer script too), the due
  // times in a sorted set, both in one transaction.
  'hsetnx',
  'hget',
  'pexpireat',
  'zadd',
  'zrangebyscore',
  'zrem',
  'multi',
  'exec',
];

const NODE_COMMANDS = [
  ...EPOCH_COMMANDS,
  ...SCRIPT_COMMANDS,
  ...HEALTH_COMMANDS,
  // The inbox: the take-in script (SADD, SET, LPUSH), items and pages.
  'get',
  'mget',
  'sadd',
  'lpush',
  'llen',
  'lrange',
  // The thread index and the serial index: sets (SADD above).
  'smembers',
  // The section index of the picture: sorted sets by sent time.
  'zadd',
  'zrangebyscore',
  'zrevrange',
  // Sent state, release requests and answers, group views, the inbox's updates and cancels: hashes.
  'hget',
  'hmget',
  'hset',
  'hsetnx',
  'hgetall',
  'hvals',
  'hdel',
  // Sent state and inbox pages read or write several keys in one transaction.
  'multi',
  'exec',
  // Live stream tickets: stored with SET … PX, redeemed once with GETDEL.
  'getdel',
  // A sent message's state ends with its retention (inbox items with SET … PXAT).
  'pexpireat',
  // Service subscriptions: each one's log of matches (a stream trimmed by MINID), the ids already
  // in it (a sorted set trimmed by retention), the subscription still held (in the match script),
  // its webhook's latest attempts (a capped list).
  'xadd',
  'xrange',
  'zremrangebyscore',
  'hexists',
  'ltrim',
];

/**
 * The principals of a registry's nodes: the hub (its node of kind `hub`, whatever its id) and every
 * other node, each an agency node with a user of its own.
 */
export function redisPrincipals(nodes: readonly { id: string; kind: string }[]): RedisPrincipal[] {
  const hub: RedisPrincipal[] = nodes.some((node) => node.kind === 'hub') ? [{ kind: 'hub' }] : [];
  const agencies = nodes.filter((node) => node.kind !== 'hub');
  return [...hub, ...agencies.map((node) => ({ kind: 'node' as const, id: node.id }))];
}

/** The ACL user name of `principal`. */
export function redisUser(principal: RedisPrincipal): string {
  return principal.kind === 'hub' ? HUB_REDIS_USER : principal.id;
}

/**
 * The ACL rules of `principal`'s user: its own keyspace only (`~bl:<owner>:*`, which Redis applies to
 * every key a command or a script names), no pub/sub channel, and only the commands its app sends.
 * @throws RedisAclError for a node id that is not a subject token, or a name the ACL reserves.
 */
export function redisAclRules(principal: RedisPrincipal): string[] {
  if (principal.kind === 'node') assertNodeUser(principal.id);
  const owner = principal.kind === 'hub' ? HUB_KEYSPACE_OWNER : principal.id;
  const commands = principal.kind === 'hub' ? HUB_COMMANDS : NODE_COMMANDS;
  return [`~${redisKeyspace(owner)}:*`, 'resetchannels', '-@all', ...commands.map((name) => `+${name}`)];
}

/** One user of an ACL file: its name, its password, and its rules (without `on` or a password). */
export interface RedisAclUser {
  name: string;
  password: string;
  rules: readonly string[];
}

/** The ACL user of `principal` with `password`. */
export function redisAclUser(principal: RedisPrincipal, password: string): RedisAclUser {
  return { name: redisUser(principal), password, rules: redisAclRules(principal) };
}

/**
 * The text of a Redis ACL file (`--aclfile`, Redis 6.2+) with `users` enabled and Redis's `default`
 * user disabled. Passwords are written as their SHA-256 (`#<hex>`), so the file holds no secret.
 * The format has no comments: explanations belong where the file is generated.
 * @throws RedisAclError when two users share a name, or a user would replace `default`.
 */
export function renderRedisAcl(users: readonly RedisAclUser[]): string {
  const names = new Set<string>();
  const lines = [`user ${DEFAULT_USER} reset off`];
  for (const user of users) {
    if (user.name === DEFAULT_USER) throw new RedisAclError('the Redis user "default" stays disabled');
    if (names.has(user.name)) throw new RedisAclError(`Redis user "${user.name}" is listed twice`);
    names.add(user.name);
    if (user.password === '') throw new RedisAclError(`Redis user "${user.name}" has no password`);
    const hash = createHash('sha256').update(user.password).digest('hex');
    lines.push(['user', user.name, 'reset', 'on', `#${hash}`, ...user.rules].join(' '));
  }
  return `${lines.join('\n')}\n`;
}

/** A new random password: 32 bytes, base64url (safe in a URL and in a file). */
export function generateRedisPassword(): string {
  return randomBytes(32).toString('base64url');
}

function assertNodeUser(id: string): void {
  if (!isSubjectToken(id))
    throw new RedisAclError(`"${id}" is not a node id, so it cannot name a Redis user`);
  if (id === DEFAULT_USER || id === HUB_REDIS_USER) {
    throw new RedisAclError(
      `an agency node cannot be called "${id}": the Redis ACL reserves the name (and bl:${id}: is not its own)`,
    );
  }
}
