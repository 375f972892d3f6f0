import { connect } from 'node:net';
import { Redis } from 'ioredis';
import { redisAclUser, renderRedisAcl } from '#runtime';
import {
  addRedisAppUser,
  addRedisUser,
  ServerControlError,
  startRedis,
  type RedisServerHandle,
} from '#testing';

async function withClient<T>(url: string, use: (redis: Redis) => Promise<T>): Promise<T> {
  // No ready check: its INFO is refused to a least-privilege user, as to the apps' own clients.
  const redis = new Redis(url, {
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
    enableReadyCheck: false,
  });
  try {
    return await use(redis);
  } finally {
    redis.disconnect();
  }
}

// A raw connect: an ioredis client left to fail keeps timers that outlive the test.
function refusesConnections(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) });
    socket.once('connect', () => {
      socket.destroy();
      resolve(false);
    });
    socket.once('error', () => resolve(true));
  });
}

describe('startRedis', () => {
  let redis: RedisServerHandle;

  beforeAll(async () => {
    redis = await startRedis();
  });

  afterAll(async () => {
    await redis.stop();
  });

  it('starts a private server that answers PING', async () => {
    expect(redis.kind).not.toBe('env');
    expect(await withClient(redis.url, (client) => client.ping())).toBe('PONG');
  });

  it('restarts on the same URL with no data kept, like a Redis loss', async () => {
    await withClient(redis.url, (client) => client.set('bl:test:restart', 'before'));

    await redis.restart();

    expect(await withClient(redis.url, (client) => client.get('bl:test:restart'))).toBeNull();
    expect(await withClient(redis.url, (client) => client.ping())).toBe('PONG');
  });

  it('stays down after kill until restarted', async () => {
    await redis.kill();
    expect(await refusesConnections(redis.url)).toBe(true);

    await redis.restart();

    expect(await withClient(redis.url, (client) => client.ping())).toBe('PONG');
  });
});

describe('Redis users for tests', () => {
  let redis: RedisServerHandle;

  beforeAll(async () => {
    redis = await startRedis();
  });

  afterAll(async () => {
    await redis.stop();
  });

  it("adds an app's least-privilege user, which keeps to its own keys", async () => {
    const url = await addRedisAppUser(redis.url, { kind: 'node', id: 'kz-border' });

    expect(new URL(url).username).toBe('kz-border');
    await withClient(url, async (client) => {
      expect(await client.set('bl:kz-border:own', '1')).toBe('OK');
      await expect(client.get('bl:tj-border:other')).rejects.toThrow(/NOPERM/);
    });
  });

  it('keeps the users it added across a restart, but no data', async () => {
    const url = await addRedisUser(redis.url, 'reader', ['~bl:test:*', '+get', '+set']);
    await withClient(url, (client) => client.set('bl:test:restart', 'before'));

    await redis.restart();

    expect(await withClient(url, (client) => client.get('bl:test:restart'))).toBeNull();
  });

  it('starts a server on a given ACL, its default user disabled', async () => {
    const secured = await startRedis({
      acl: renderRedisAcl([redisAclUser({ kind: 'hub' }, 'hub-password')]),
    });
    try {
      await expect(withClient(secured.url, (client) => client.ping())).rejects.toThrow(/NOAUTH/);
      const hubUrl = secured.url.replace('redis://', 'redis://hub:hub-password@');
      expect(await withClient(hubUrl, (client) => client.ping())).toBe('PONG');
    } finally {
      await secured.stop();
    }
  });
});

describe('startRedis with a shared server in REDIS_URL', () => {
  const saved = process.env.REDIS_URL;

  afterEach(() => {
    if (saved === undefined) delete process.env.REDIS_URL;
    else process.env.REDIS_URL = saved;
  });

  it('uses it only when the caller accepts a shared server, and never restarts it', async () => {
    process.env.REDIS_URL = 'redis://127.0.0.1:1';

    const shared = await startRedis({ shared: true });

    expect(shared).toMatchObject({ kind: 'env', url: 'redis://127.0.0.1:1' });
    await expect(shared.restart()).rejects.toBeInstanceOf(ServerControlError);
    await shared.stop();
  });
});
