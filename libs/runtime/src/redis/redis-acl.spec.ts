import { createHash } from 'node:crypto';
import {
  generateRedisPassword,
  redisAclRules,
  redisAclUser,
  redisPrincipals,
  redisUser,
  renderRedisAcl,
} from './redis-acl.js';
import { RedisAclError } from './redis.errors.js';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('redisAclRules', () => {
  it("limits a node to its own keyspace, no channel, and the commands the node's app sends", () => {
    const rules = redisAclRules({ kind: 'node', id: 'kz-border' });

    expect(rules.slice(0, 3)).toEqual(['~bl:kz-border:*', 'resetchannels', '-@all']);
    expect(rules).toEqual(
      expect.arrayContaining(['+evalsha', '+eval', '+ping', '+multi', '+exec', '+hsetnx']),
    );
  });

  it('limits the hub to bl:hub: whatever its registry id', () => {
    const rules = redisAclRules({ kind: 'hub' });

    expect(rules.slice(0, 3)).toEqual(['~bl:hub:*', 'resetchannels', '-@all']);
    expect(rules).toEqual(expect.arrayContaining(['+time', '+hmget', '+pexpire']));
    expect(redisUser({ kind: 'hub' })).toBe('hub');
  });

  it.each([
    ['keys', 'lists every key, whatever the key patterns'],
    ['scan', 'lists every key, whatever the key patterns'],
    ['randomkey', 'names another key'],
    ['info', "shows the server's figures and key counts"],
    ['client', "shows the other users' connections"],
    ['flushall', 'wipes every keyspace'],
    ['flushdb', 'wipes every keyspace'],
    ['config', 'reconfigures the server'],
    ['acl', 'changes users'],
    ['script', 'flushes the script cache for everyone'],
    ['select', 'is no separation: key patterns hold in every database'],
    ['subscribe', 'could read keyspace notifications'],
    ['monitor', "shows every user's commands"],
  ])('never allows %s (it %s)', (command) => {
    for (const principal of [{ kind: 'hub' as const }, { kind: 'node' as const, id: 'kz-border' }]) {
      const rules = redisAclRules(principal);
      expect(rules.some((rule) => rule === `+${command}` || rule.startsWith(`+${command}|`))).toBe(false);
      expect(rules.some((rule) => rule.startsWith('+@') || rule === 'allkeys' || rule === '~*')).toBe(false);
    }
  });

  it.each(['Bad', 'kz border', 'kz*', 'a:b', ''])('refuses %j as a node id', (id) => {
    expect(() => redisAclRules({ kind: 'node', id })).toThrow(RedisAclError);
  });

  it.each(['hub', 'default'])('refuses an agency node called %s', (id) => {
    expect(() => redisAclRules({ kind: 'node', id })).toThrow(/reserves the name/);
  });
});

describe('redisPrincipals', () => {
  it("makes the registry's hub node the hub, whatever its id, and every other node an agency node", () => {
    const nodes = [
      { id: 'kz-border', kind: 'border' },
      { id: 'central', kind: 'hub' },
      { id: 'unodc', kind: 'partner' },
    ];

    expect(redisPrincipals(nodes)).toEqual([
      { kind: 'hub' },
      { kind: 'node', id: 'kz-border' },
      { kind: 'node', id: 'unodc' },
    ]);
  });
});

describe('renderRedisAcl', () => {
  it('disables the default user and enables each user with the SHA-256 of its password only', () => {
    const text = renderRedisAcl([
      redisAclUser({ kind: 'hub' }, 'hub-secret'),
      redisAclUser({ kind: 'node', id: 'kz-border' }, 'kz-secret'),
    ]);

    const lines = text.trimEnd().split('\n');
    expect(lines[0]).toBe('user default reset off');
    expect(lines[1]).toBe(
      `user hub reset on #${sha256('hub-secret')} ${redisAclRules({ kind: 'hub' }).join(' ')}`,
    );
    expect(lines[2]).toMatch(
      new RegExp(`^user kz-border reset on #${sha256('kz-secret')} ~bl:kz-border:\\* `),
    );
    expect(text).not.toContain('secret');
    expect(text.endsWith('\n')).toBe(true);
  });

  it('refuses a user listed twice, one without a password, and a second default user', () => {
    const user = redisAclUser({ kind: 'node', id: 'kz-border' }, 'x');
    expect(() => renderRedisAcl([user, user])).toThrow(/listed twice/);
    expect(() => renderRedisAcl([{ ...user, password: '' }])).toThrow(/no password/);
    expect(() => renderRedisAcl([{ ...user, name: 'default' }])).toThrow(/stays disabled/);
  });
});

describe('generateRedisPassword', () => {
  it('makes a different URL-safe password of 256 bits each time', () => {
    const [a, b] = [generateRedisPassword(), generateRedisPassword()];

    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
  });
});
