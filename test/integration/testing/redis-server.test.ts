import { connect } from 'node:net';
import { Redis } from 'ioredis';
import { ServerControlError, startRedis, type RedisServerHandle } from '#testing';

async function withClient<T>(url: string, use: (redis: Redis) => Promise<T>): Promise<T> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null });
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
