// The docker compose files (deploy/), read as YAML, alone and merged with each override the way
// `docker compose -f … -f …` merges them: they cannot be run here, so what keeps each container to its
// own secrets and state is checked on their text, and their one-shot steps against the CLI itself.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { loadRegistry } from '#registry';
import { buildProgram } from './program.js';

type Mapping = Record<string, unknown>;
interface VolumeMount {
  type?: string;
  source?: string;
  target: string;
  read_only?: boolean;
  volume?: { subpath?: string };
}
interface Service {
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  volumes?: (string | VolumeMount)[];
  ports?: string[];
}

const DEPLOY = new URL('../../../deploy/', import.meta.url);
const read = (file: string): string => readFileSync(new URL(file, DEPLOY), 'utf8');
const compose = (file: string): Mapping => parse(read(file), { merge: true }) as Mapping;
const registryNodes = new Set(
  loadRegistry(new URL('registry/registry.yaml', DEPLOY).pathname).nodes.map((n) => n.id),
);
const DATA = 'borderlink-data';

// A short-syntax mount `source:target[:mode]` in the long form.
function mountOf(entry: string | VolumeMount): VolumeMount {
  if (typeof entry !== 'string') return entry;
  const [source, target, mode] = entry.split(':');
  return { source, target: target!, read_only: mode === 'ro' };
}

const isMapping = (value: unknown): value is Mapping =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

// Compose's merge of an override into a service: mappings merged key by key, volumes by target,
// ports added, anything else (command, image) replaced.
function mergeService(base: Mapping, override: Mapping): Mapping {
  const merged: Mapping = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const before = merged[key];
    if (key === 'volumes' && Array.isArray(before) && Array.isArray(value)) {
      const byTarget = new Map(before.map((entry) => [mountOf(entry as string).target, entry]));
      for (const entry of value) byTarget.set(mountOf(entry as string).target, entry);
      merged[key] = [...byTarget.values()];
    } else if (key === 'ports' && Array.isArray(before) && Array.isArray(value)) {
      merged[key] = [...before, ...value];
    } else if (isMapping(before) && isMapping(value)) {
      merged[key] = { ...before, ...value };
    } else {
      merged[key] = value;
    }
  }
  return merged;
}

function servicesOf(...files: string[]): Map<string, Service> {
  const services = new Map<string, Mapping>();
  for (const file of files) {
    for (const [name, service] of Object.entries((compose(file).services ?? {}) as Mapping)) {
      const before = services.get(name);
      services.set(
        name,
        before === undefined ? (service as Mapping) : mergeService(before, service as Mapping),
      );
    }
  }
  return services as Map<string, Service>;
}

const mounts = (service: Service): VolumeMount[] => (service.volumes ?? []).map(mountOf);
const dataMounts = (service: Service): VolumeMount[] => mounts(service).filter((m) => m.source === DATA);
const isSetup = (service: Service): boolean => service.environment?.APP === 'cli';
const isApp = (service: Service): boolean => ['hub', 'node'].includes(service.environment?.APP ?? '');
const isNatsServer = (service: Service): boolean => service.image?.startsWith('nats:') ?? false;
const ownerOf = (service: Service): string => service.environment!.NODE_ID ?? 'hub';

const SETUPS = {
  'docker-compose.yml': ['docker-compose.yml'],
  'docker-compose.yml + site': ['docker-compose.yml', 'docker-compose.site.yml'],
  'docker-compose.yml + cluster': ['docker-compose.yml', 'docker-compose.cluster.yml'],
};

describe.each(Object.entries(SETUPS))('deploy/%s', (_name, files) => {
  const services = servicesOf(...files);
  const all = [...services.entries()];

  it('publishes neither Redis nor the NATS monitoring port, and monitoring listens in its container only', () => {
    const published = all.flatMap(([, service]) =>
      (service.ports ?? []).map((port) => port.split(':').at(-1)),
    );
    expect(published).not.toContain('6379');
    expect(published).not.toContain('8222');
    expect(services.get('redis')?.ports).toBeUndefined();
    for (const [, service] of all.filter(([, s]) => s.command?.[0] === 'nats-config')) {
      const monitor = service.command![service.command!.indexOf('--monitor') + 1];
      expect(monitor).toMatch(/^127\.0\.0\.1:/);
    }
  });

  it('publishes an agency node’s API on the host’s loopback only, its keys file in its own secrets', () => {
    const nodes = all.filter(([, service]) => service.environment?.APP === 'node');
    expect(nodes.length).toBeGreaterThan(1);
    for (const [name, service] of nodes) {
      for (const port of service.ports ?? [])
        expect({ name, port }).toEqual({ name, port: expect.stringMatching(/^127\.0\.0\.1:/) });
      expect(service.environment?.NODE_API_KEYS_FILE).toBe('/run/borderlink/secrets/api-keys.json');
    }
  });

  it('mounts the whole data volume (every seed) into the one-shot set-up steps only', () => {
    for (const [name, service] of all) {
      const whole = dataMounts(service).filter((m) => m.volume?.subpath === undefined);
      expect([name, whole.length > 0]).toEqual([name, isSetup(service)]);
    }
  });

  it('mounts into each app only the registry and its own secrets, read-only, and its store apart', () => {
    const apps = all.filter(([, service]) => isApp(service));
    expect(apps.length).toBeGreaterThanOrEqual(3);
    for (const [name, service] of apps) {
      const owner = ownerOf(service);
      expect(registryNodes.has(owner)).toBe(true);
      const parts = dataMounts(service).map((m) => [m.volume?.subpath, m.read_only]);
      expect([name, parts.sort()]).toEqual([
        name,
        [
          ['registry', true],
          [`secrets/${owner}`, true],
        ],
      ]);
      const secrets = dataMounts(service).find((m) => m.volume?.subpath?.startsWith('secrets/'))!.target;
      const env = service.environment!;
      expect(env.NODE_SEED_FILE ?? env.HUB_SEED_FILE).toBe(`${secrets}/seed.nk`);
      expect(env.REDIS_PASSWORD_FILE).toBe(`${secrets}/redis.pass`);
      const redisUrl = new URL(env.REDIS_URL!);
      expect([name, redisUrl.username, redisUrl.password]).toEqual([name, owner, '']);
      if (env.APP === 'node') {
        const store = mounts(service).find((m) => env.NODE_STORE_FILE!.startsWith(`${m.target}/`));
        expect(store?.source).toBe(`node-${owner}-data`);
        const sharers = all.filter(([, other]) => mounts(other).some((m) => m.source === store?.source));
        expect(sharers.map(([other]) => other)).toEqual([name]);
      }
    }
  });

  it('mounts into each server only its own generated file', () => {
    for (const [name, service] of all.filter(([, s]) => isNatsServer(s))) {
      const parts = dataMounts(service).map((m) => [m.volume?.subpath, m.read_only]);
      expect([name, parts]).toEqual([name, [[name === 'nats-kz' ? 'nats-kz' : 'nats', true]]]);
    }
    const redis = services.get('redis')!;
    const [acl] = dataMounts(redis);
    expect(dataMounts(redis)).toHaveLength(1);
    expect(acl).toMatchObject({ read_only: true, volume: { subpath: 'redis' } });
    expect(redis.command).toEqual(expect.arrayContaining(['--aclfile', `${acl!.target}/users.acl`]));
  });

  it('mounts the TLS certificates read-only wherever a NATS link ends', () => {
    for (const [name, service] of all.filter(([, s]) => isApp(s) || isNatsServer(s))) {
      const certs = mounts(service).find((m) => m.source === 'certs');
      expect([name, certs?.read_only]).toEqual([name, true]);
    }
  });

  it('runs set-up steps the CLI knows, with options it takes, writing where the servers read', () => {
    const program = buildProgram({ out: () => undefined, err: () => undefined });
    for (const [name, service] of all.filter(([, s]) => isSetup(s))) {
      const words = service.command!;
      let command = program.commands.find((c) => c.name() === words[0]);
      if (command?.commands.length) command = command.commands.find((c) => c.name() === words[1]);
      expect([name, command?.name()]).toEqual([name, expect.any(String)]);
      const known = new Set(command!.options.map((option) => option.long));
      for (const flag of words.filter((word) => word.startsWith('--'))) {
        expect([name, flag, known.has(flag)]).toEqual([name, flag, true]);
      }
    }
    const outOf = (service: string) => services.get(service)!.command!.at(-1);
    expect(outOf('nats-config')).toBe('.data/nats/nats.conf');
    expect(services.get('redis-acl')!.command).toEqual(
      expect.arrayContaining(['--out', '.data/redis/users.acl', '--secrets', '.data/secrets']),
    );
    expect(services.get('keys')!.command).toEqual(
      expect.arrayContaining(['--out', '.data/registry/registry.yaml', '--secrets', '.data/secrets']),
    );
  });
});

describe('deploy files', () => {
  // What the files do, without their comments.
  const content = (file: string): string =>
    file.endsWith('.yml') ? JSON.stringify(compose(file)) : read(file).replace(/^\s*#.*$/gm, '');

  it.each(['docker-compose.yml', 'docker-compose.site.yml', 'docker-compose.cluster.yml', 'Dockerfile'])(
    '%s makes no operator key and bakes in no secret',
    (file) => {
      const text = content(file);
      expect(text).not.toMatch(/operator/i);
      expect(text).not.toMatch(/\bSU[A-Z2-7]{50,}/);
      expect(text).not.toMatch(/redis:\/\/[^@\s"]*:[^@\s"]+@/);
    },
  );
});
