import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ensureRedisPassword,
  readRedisPassword,
  redisPasswordFile,
  redisServerOf,
  redisUrlWithCredentials,
} from './redis-credentials.js';
import { RedisPasswordError } from './redis.errors.js';

describe('Redis password files', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bl-redis-pass-'));
  });

  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it("keeps each user's password in a folder of its own", () => {
    expect(redisPasswordFile('/secrets', 'kz-border')).toBe('/secrets/kz-border/redis.pass');
  });

  it('creates a password readable by its owner only, and keeps it on the next run', async () => {
    const file = redisPasswordFile(dir, 'kz-border');

    const first = await ensureRedisPassword(file);
    const again = await ensureRedisPassword(file);

    expect(again).toBe(first);
    expect(await readRedisPassword(file)).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'kz-border')).mode & 0o777).toBe(0o700);
  });

  it('reads the first line without its newline', async () => {
    const file = join(dir, 'redis.pass');
    writeFileSync(file, '  s3cret \nignored\n');

    expect(await readRedisPassword(file)).toBe('s3cret');
  });

  it('names a missing or empty file, never its content', async () => {
    const empty = join(dir, 'empty.pass');
    writeFileSync(empty, '\n');

    await expect(readRedisPassword(join(dir, 'none.pass'))).rejects.toThrow(
      /none\.pass cannot be read \(ENOENT\)/,
    );
    await expect(readRedisPassword(empty)).rejects.toThrow(RedisPasswordError);
    await expect(ensureRedisPassword(empty)).rejects.toThrow(/is empty/);
  });
});

describe('Redis URLs', () => {
  it('puts a user and a percent-encoded password into a server URL', () => {
    expect(redisUrlWithCredentials('redis://127.0.0.1:16379', 'kz-border', 'a/b:c@d')).toBe(
      'redis://kz-border:a%2Fb%3Ac%40d@127.0.0.1:16379',
    );
    expect(redisUrlWithCredentials('redis://127.0.0.1:16379', 'hub')).toBe('redis://hub@127.0.0.1:16379');
  });

  it('logs only the scheme and host', () => {
    expect(redisServerOf('rediss://kz:secret@redis.example:6380/2?password=other')).toBe(
      'rediss://redis.example:6380',
    );
  });
});
