import {
  consoleProcessSpec,
  hubProcessSpec,
  nodeProcessSpec,
  pickPorts,
  type StackAppsConfig,
} from './stack-apps.js';
import { stackPaths } from './stack-paths.js';

const config: StackAppsConfig = {
  distDir: '/repo/dist',
  paths: stackPaths('/repo/.data'),
  natsUrl: 'tls://127.0.0.1:14222',
  natsCaFile: '/repo/.data/tls/ca.pem',
  redisUrl: 'redis://127.0.0.1:16379',
  env: { LOG_LEVEL: 'debug', NATS_URL: 'nats://inherited:4222', NATS_CA_FILE: '/inherited/ca.pem' },
};

describe('stack app specs', () => {
  it('runs the hub from its bundle with explicit server URLs, the enrolled registry and its seed', () => {
    expect(hubProcessSpec(config, { id: 'hub', port: 8080 })).toEqual({
      name: 'hub',
      entry: '/repo/dist/apps/hub/main.bundle.js',
      port: 8080,
      logFile: '/repo/.data/logs/hub.log',
      env: {
        MALLOC_MMAP_THRESHOLD_: '131072',
        LOG_LEVEL: 'debug',
        NATS_URL: 'tls://127.0.0.1:14222',
        NATS_CA_FILE: '/repo/.data/tls/ca.pem',
        REDIS_URL: 'redis://127.0.0.1:16379',
        REDIS_PASSWORD_FILE: '',
        REGISTRY_FILE: '/repo/.data/registry.yaml',
        HUB_ID: 'hub',
        HUB_SEED_FILE: '/repo/.data/keys/hub.nk',
      },
    });
  });

  it('names a second hub instance apart, with the same identity', () => {
    const spec = hubProcessSpec(config, { id: 'hub', port: 8081, instance: 'hub-2' });
    expect(spec).toMatchObject({ name: 'hub-2', logFile: '/repo/.data/logs/hub-2.log' });
    expect(spec.env).toMatchObject({ HUB_ID: 'hub', HUB_SEED_FILE: '/repo/.data/keys/hub.nk' });
  });

  it('runs a node with its id, seed and log file', () => {
    const spec = nodeProcessSpec(config, { id: 'kz-border', port: 3001 });
    expect(spec).toMatchObject({
      name: 'kz-border',
      entry: '/repo/dist/apps/node/main.bundle.js',
      port: 3001,
      logFile: '/repo/.data/logs/kz-border.log',
    });
    expect(spec.env).toMatchObject({
      NATS_URL: 'tls://127.0.0.1:14222',
      NATS_CA_FILE: '/repo/.data/tls/ca.pem',
      NODE_ID: 'kz-border',
      NODE_SEED_FILE: '/repo/.data/keys/kz-border.nk',
      NODE_STORE_FILE: '/repo/.data/store/kz-border.sqlite',
    });
  });

  it("runs the console as the stack's operator, on the demo provider's public client, without Redis", () => {
    const spec = consoleProcessSpec(
      { ...config, identityProvider: 'http://127.0.0.1:3900', natsMonitorUrl: 'http://127.0.0.1:18222' },
      { port: 8090 },
    );
    expect(spec).toMatchObject({
      name: 'console',
      entry: '/repo/dist/apps/console/main.bundle.js',
      port: 8090,
      logFile: '/repo/.data/logs/console.log',
    });
    expect(spec.env).toMatchObject({
      NATS_URL: 'tls://127.0.0.1:14222',
      NATS_CA_FILE: '/repo/.data/tls/ca.pem',
      REGISTRY_FILE: '/repo/.data/registry.yaml',
      CONSOLE_PORT: '8090',
      CONSOLE_NATS_SEED_FILE: '/repo/.data/operator.nk',
      CONSOLE_NATS_MONITOR_URL: 'http://127.0.0.1:18222',
      CONSOLE_OIDC_ISSUER: 'http://127.0.0.1:3900',
      CONSOLE_AUDIENCE: 'urn:borderlink:console',
      CONSOLE_OIDC_CLIENT_ID: 'borderlink-demo',
      CONSOLE_WEB_DIR: '/repo/dist/web/console',
    });
    expect(spec.env).not.toHaveProperty('REDIS_URL');
  });

  it("runs tsc's modules instead of the bundles when asked to, and when watching them", () => {
    for (const variant of [{ modules: true }, { watch: true }]) {
      expect(hubProcessSpec({ ...config, ...variant }, { id: 'hub', port: 8080 }).entry).toBe(
        '/repo/dist/apps/hub/src/main.js',
      );
      expect(nodeProcessSpec({ ...config, ...variant }, { id: 'kz-border', port: 3001 }).entry).toBe(
        '/repo/dist/apps/node/src/main.js',
      );
    }
  });

  it("connects each app to the stack's own Redis as its own user, the password in that user's file", () => {
    const own = { ...config, redisSecrets: '/repo/.data/secrets' };

    expect(hubProcessSpec(own, { id: 'hub', port: 8080 }).env).toMatchObject({
      REDIS_URL: 'redis://hub@127.0.0.1:16379',
      REDIS_PASSWORD_FILE: '/repo/.data/secrets/hub/redis.pass',
    });
    expect(nodeProcessSpec(own, { id: 'kz-border', port: 3001 }).env).toMatchObject({
      REDIS_URL: 'redis://kz-border@127.0.0.1:16379',
      REDIS_PASSWORD_FILE: '/repo/.data/secrets/kz-border/redis.pass',
    });
  });

  it('gives a node two malloc arenas, unless the environment names another number', () => {
    const inherited = process.env.MALLOC_ARENA_MAX;
    try {
      delete process.env.MALLOC_ARENA_MAX;
      expect(nodeProcessSpec(config, { id: 'kz-border', port: 3001 }).env.MALLOC_ARENA_MAX).toBe('2');
      process.env.MALLOC_ARENA_MAX = '8';
      expect(nodeProcessSpec(config, { id: 'kz-border', port: 3001 }).env.MALLOC_ARENA_MAX).toBe('8');
    } finally {
      if (inherited === undefined) delete process.env.MALLOC_ARENA_MAX;
      else process.env.MALLOC_ARENA_MAX = inherited;
    }
  });

  it("fixes glibc's mmap threshold for every app, unless the environment names another", () => {
    const inherited = process.env.MALLOC_MMAP_THRESHOLD_;
    const thresholds = () => [
      hubProcessSpec(config, { id: 'hub', port: 3000 }).env.MALLOC_MMAP_THRESHOLD_,
      nodeProcessSpec(config, { id: 'kz-border', port: 3001 }).env.MALLOC_MMAP_THRESHOLD_,
      consoleProcessSpec(config, { port: 3100 }).env.MALLOC_MMAP_THRESHOLD_,
    ];
    try {
      delete process.env.MALLOC_MMAP_THRESHOLD_;
      expect(thresholds()).toEqual(['131072', '131072', '131072']);
      process.env.MALLOC_MMAP_THRESHOLD_ = '65536';
      expect(thresholds()).toEqual(['65536', '65536', '65536']);
    } finally {
      if (inherited === undefined) delete process.env.MALLOC_MMAP_THRESHOLD_;
      else process.env.MALLOC_MMAP_THRESHOLD_ = inherited;
    }
  });

  it("caps a node's heap, leaving an inherited NODE_OPTIONS the last word", () => {
    const inherited = process.env.NODE_OPTIONS;
    try {
      delete process.env.NODE_OPTIONS;
      expect(nodeProcessSpec(config, { id: 'kz-border', port: 3001 }).env.NODE_OPTIONS).toBe(
        '--max-old-space-size=128',
      );
      process.env.NODE_OPTIONS = '--max-old-space-size=512';
      expect(nodeProcessSpec(config, { id: 'kz-border', port: 3001 }).env.NODE_OPTIONS).toBe(
        '--max-old-space-size=128 --max-old-space-size=512',
      );
    } finally {
      if (inherited === undefined) delete process.env.NODE_OPTIONS;
      else process.env.NODE_OPTIONS = inherited;
    }
  });

  it('picks distinct free ports', async () => {
    const ports = await pickPorts(5);
    expect(new Set(ports).size).toBe(5);
  });
});
