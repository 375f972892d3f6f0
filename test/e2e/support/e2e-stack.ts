// The whole system as real processes for one test file, started by `borderlink up`'s own launcher:
// its nats-server with the permissions generated from the registry (authentication on), its
// redis-server with a user per app (and an admin user for the test alone), then the compiled hub and
// agency nodes.
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { connect, nkeyAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { RegistryIndex, loadRegistry } from '#registry';
import type { NatsServerHandle } from '#testing';
import { NodeSigner } from '#trust';
import type { CliIo } from '#cli';
import { launchStack, type RunningStack, type StackOptions } from '#stack';
import { useApiKey } from './node-api.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const DIST = join(ROOT, 'dist');
const REGISTRY = join(ROOT, 'deploy', 'registry', 'registry.yaml');

/** The committed registry: who is subscribed to what, known before the stack starts. */
export const DEPLOY_REGISTRY = new RegistryIndex(loadRegistry(REGISTRY));

/** The nodes entitled to a `region` × `category` alert from `sender`: its subscribers but the sender. */
export function subscribersBut(sender: string, region: string, category: string): string[] {
  return DEPLOY_REGISTRY.subscribers(region, category).filter((node) => node !== sender);
}

/** The launcher's progress lines are kept, not printed: jest output stays readable. */
const quietIo = (): CliIo & { text: () => string } => {
  let text = '';
  return { out: (chunk) => (text += chunk), err: (chunk) => (text += chunk), text: () => text };
};

export interface E2eStack {
  stack: RunningStack;
  index: RegistryIndex;
  nats: NatsServerHandle;
  /** A NATS client acting outside any node, as the stack's operator user: direct publishes and stream inspection. */
  nc: NatsConnection;
  js: JetStreamClient;
  jsm: JetStreamManager;
  /** A Redis client on the stack's Redis as its admin user, to read whole inboxes or wipe it. */
  redis: Redis;
  /** The base URL of a running agency node. */
  url(node: string): string;
  /** The signing key of a node, from the stack's keys folder. */
  signer(node: string): Promise<NodeSigner>;
  stop(): Promise<void>;
}

/** National sites the stack runs as leaf servers, and how their links reach the hub. */
export type E2eSites = Pick<StackOptions, 'sites' | 'siteLink'>;

/** Bounds for whole processes on a small machine (jest's default of 5 s fits none of them). */
export const START_TIMEOUT_MS = 120_000;
export const STOP_TIMEOUT_MS = 60_000;

/**
 * Starts a stack for the enclosing `describe` (in `beforeAll`) and stops it after (in `afterAll`);
 * returns a getter for it. A start that outlives its hook's timeout is still stopped.
 */
export function useE2eStack(
  nodes: readonly string[],
  env: Readonly<Record<string, string>> = {},
  sites: E2eSites = {},
): () => E2eStack {
  let starting: Promise<E2eStack> | undefined;
  let started: E2eStack | undefined;
  beforeAll(async () => {
    starting = startE2eStack(nodes, env, sites);
    started = await starting;
  }, START_TIMEOUT_MS);
  afterAll(async () => {
    const stack = await starting?.catch(() => undefined);
    await stack?.stop();
  }, STOP_TIMEOUT_MS);
  return () => {
    if (started === undefined) throw new Error('the end-to-end stack did not start');
    return started;
  };
}

/**
 * Starts private servers and, on them, the hub and `nodes` as processes from `dist/` (so `npm run
 * build` must have run, as `npm run test:e2e` does). Stop it in `afterAll`.
 */
export async function startE2eStack(
  nodes: readonly string[],
  env: Readonly<Record<string, string>> = {},
  sites: E2eSites = {},
): Promise<E2eStack> {
  if (!existsSync(join(DIST, 'apps', 'node', 'main.bundle.js'))) {
    throw new Error(`no build in ${DIST}: run \`npm run build\` first (npm run test:e2e does)`);
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'bl-e2e-'));
  const io = quietIo();
  let stack: RunningStack;
  try {
    stack = await launchStack(
      {
        dataDir,
        registry: REGISTRY,
        nodes: nodes.join(','),
        distDir: DIST,
        given: {},
        preferredPorts: false,
        redisAdmin: true,
        env,
        ...sites,
      },
      io,
    );
  } catch (error) {
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  const nats = stack.servers.nats.handle;
  if (nats === undefined) throw new Error('the launcher was expected to start its own nats-server');
  if (stack.redisAdminUrl === undefined) throw new Error('the launcher was expected to add a Redis admin');
  const operatorSeed = (await readFile(stack.paths.operatorSeed, 'utf8')).trim();
  const nc = await connect({
    servers: nats.url,
    authenticator: nkeyAuthenticator(new TextEncoder().encode(operatorSeed)),
    tls: { caFile: stack.natsCaFile },
  });
  const redis = new Redis(stack.redisAdminUrl);
  // The tests talk to each node as a service holding the stack's demo key.
  for (const node of stack.summary.nodes) useApiKey(node.url, node.apiKey);
  return {
    stack,
    index: new RegistryIndex(stack.registry),
    nats,
    nc,
    js: jetstream(nc),
    jsm: await jetstreamManager(nc),
    redis,
    url(node) {
      const app = stack.nodes.get(node);
      if (app === undefined) throw new Error(`node ${node} is not running in this stack`);
      return app.url;
    },
    async signer(node) {
      return NodeSigner.fromSeed(await readFile(join(stack.paths.keys, `${node}.nk`), 'utf8'));
    },
    async stop() {
      await nc.close();
      redis.disconnect();
      await stack.stop();
      // E2E_KEEP_DATA=on keeps the apps' logs and stores for a look after a failed run.
      if (process.env.E2E_KEEP_DATA === 'on') process.stderr.write(`e2e stack data kept in ${dataDir}\n`);
      else await rm(dataDir, { recursive: true, force: true });
    },
  };
}
