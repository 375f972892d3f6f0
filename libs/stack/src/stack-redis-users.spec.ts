import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseRegistry } from '#registry';
import { RedisAclError } from '#runtime';
import { stackPaths } from './stack-paths.js';
import { REDIS_ADMIN_USER, stackRedisUsers } from './stack-redis-users.js';

const registry = parseRegistry(
  readFileSync(new URL('../../../deploy/registry/registry.yaml', import.meta.url), 'utf8'),
);

describe('stackRedisUsers', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bl-stack-redis-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  const usersOf = (acl: string): string[] =>
    acl
      .trimEnd()
      .split('\n')
      .map((line) => line.split(' ')[1]!);

  it("gives the hub and every agency node a user on its own keyspace, each password in the user's folder", async () => {
    const paths = stackPaths(dir);

    const { acl, adminPassword } = await stackRedisUsers(registry, paths);

    const agencies = registry.nodes.filter((node) => node.kind !== 'hub').map((node) => node.id);
    expect(usersOf(acl)).toEqual(['default', 'hub', ...agencies]);
    expect(acl).toMatch(/^user default reset off$/m);
    expect(acl).toMatch(/^user hub reset on #[0-9a-f]{64} ~bl:hub:\* /m);
    expect(acl).toMatch(/^user kz-border reset on #[0-9a-f]{64} ~bl:kz-border:\* /m);
    const password = readFileSync(join(paths.secrets, 'kz-border', 'redis.pass'), 'utf8').trim();
    expect(acl).not.toContain(password);
    expect(statSync(join(paths.secrets, 'kz-border', 'redis.pass')).mode & 0o777).toBe(0o600);
    expect(adminPassword).toBeUndefined();
  });

  it('keeps the passwords from one start to the next', async () => {
    const paths = stackPaths(dir);

    expect((await stackRedisUsers(registry, paths)).acl).toBe((await stackRedisUsers(registry, paths)).acl);
  });

  it('adds an admin with every right only when asked, its password written nowhere', async () => {
    const paths = stackPaths(dir);

    const { acl, adminPassword } = await stackRedisUsers(registry, paths, true);

    expect(adminPassword).toMatch(/^[\w-]{43}$/);
    expect(acl).toMatch(
      new RegExp(`^user ${REDIS_ADMIN_USER} reset on #[0-9a-f]{64} ~\\* &\\* \\+@all$`, 'm'),
    );
    expect(acl).not.toContain(adminPassword);
    expect(() => statSync(join(paths.secrets, REDIS_ADMIN_USER))).toThrow();
  });

  it('refuses an agency node whose id the ACL reserves', async () => {
    const renamed = {
      ...registry,
      nodes: registry.nodes.map((node) => (node.kind === 'hub' ? { ...node, id: 'central' } : node)),
    };
    renamed.nodes.push({ ...registry.nodes.find((node) => node.id === 'unodc')!, id: 'hub' });

    await expect(stackRedisUsers(renamed, stackPaths(dir))).rejects.toThrow(RedisAclError);
  });
});
