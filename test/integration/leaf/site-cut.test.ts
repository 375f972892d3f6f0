// Local traffic during a cut and exactly once after it: kz-border and kz-customs run on site kz's leaf
// server, tj-border and the hub on the hub's server. With the hub's server down, an alert from
// kz-border to kz-customs and tj-border reaches kz-customs on the site fast path and waits in
// kz-border's outbox; when the link returns, tj-border gets it once, kz-customs still holds it once,
// and kz-border sees both delivered.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createNodeApp, NodeConfig } from '#node';
import { alertRequest, fixtureKeys, fixtureRegistry } from '#node/testing';
import { stringifyRegistry, type Registry } from '#registry';
import { createLogger, validateConfig } from '#runtime';
import { startRedis, waitFor, type RedisServerHandle } from '#testing';
import { testApiKey } from '../../support/node-credentials.js';
import { bootHub, writeHubFiles, type HubFiles } from '../../support/secured-nats.js';
import {
  generateLeafKeys,
  leafRegistry,
  REMOTE_NODE,
  SITE,
  startLeafServers,
  type LeafServers,
} from './leaf-site.js';

interface InboxItem {
  id: string;
  sender: string;
  verified: boolean;
}
interface SentMessage {
  status: string;
  recipients: { node: string; state: string }[];
}

const keys = generateLeafKeys();
// The fixture's regions, border section and crossing point, so that the fixture alert is valid.
const { regions, sections, crossingPoints } = fixtureRegistry(fixtureKeys());
const registry: Registry = leafRegistry(keys, { regions, sections, crossingPoints });

let servers: LeafServers;
let redis: RedisServerHandle;
let files: HubFiles;
let dir: string;
let hub: INestApplication;
const nodes = new Map<string, { app: INestApplication; base: string; auth: { authorization: string } }>();

async function startNode(node: string, natsUrl: string, site?: string): Promise<void> {
  const seedFile = join(dir, `${node}.nk`);
  writeFileSync(seedFile, keys.nodes[node]!.seed);
  const credentials = await testApiKey(dir, node);
  const config = validateConfig(NodeConfig, {
    NODE_ID: node,
    NODE_SEED_FILE: seedFile,
    NODE_STORE_FILE: join(dir, `${node}.outbox.sqlite`),
    REGISTRY_FILE: join(dir, 'registry.yaml'),
    NATS_URL: natsUrl,
    REDIS_URL: redis.url,
    HTTP_PORT: '0',
    LOG_LEVEL: 'silent',
    NODE_API_KEYS_FILE: credentials.file,
    ...(site === undefined ? {} : { NODE_SITE: site }),
  });
  const app = await createNodeApp(config, createLogger({ service: 'node', node }, config.LOG_LEVEL));
  await app.listen(0, '127.0.0.1');
  nodes.set(node, { app, base: await app.getUrl(), auth: credentials.headers });
}

const base = (node: string): string => nodes.get(node)!.base;
const auth = (node: string): { authorization: string } => nodes.get(node)!.auth;

async function inbox(node: string): Promise<InboxItem[]> {
  const response = await fetch(`${base(node)}/v1/inbox`, { headers: auth(node) });
  return ((await response.json()) as { items: InboxItem[] }).items;
}

async function sent(node: string, id: string): Promise<SentMessage | undefined> {
  const response = await fetch(`${base(node)}/v1/messages/${id}`, { headers: auth(node) });
  return response.ok ? ((await response.json()) as SentMessage) : undefined;
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'bl-leaf-it-'));
  writeFileSync(join(dir, 'registry.yaml'), stringifyRegistry(registry));
  [servers, redis] = await Promise.all([startLeafServers(registry, keys.operator.publicKey), startRedis()]);
  files = await writeHubFiles(registry, keys.hub.seed, 'bl-leaf-hub-');
  hub = await bootHub(files, servers.hub.url, redis.url);
  await startNode('kz-border', servers.site.url, SITE);
  await startNode('kz-customs', servers.site.url, SITE);
  await startNode(REMOTE_NODE, servers.hub.url);
});

afterAll(async () => {
  await Promise.allSettled([...nodes.values()].map(({ app }) => app.close()));
  await hub?.close();
  await Promise.allSettled([servers?.stop(), redis?.stop(), files?.remove()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('a national site while its link to the hub is cut', () => {
  const id = 'kz-alert-during-the-cut';

  it('delivers locally during the cut and exchanges everything exactly once when the link returns', async () => {
    await servers.hub.kill();
    const response = await fetch(`${base('kz-border')}/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth('kz-border') },
      body: JSON.stringify({ ...alertRequest(), id, addressees: { nodes: ['kz-customs', REMOTE_NODE] } }),
    });
    expect(response.status).toBe(202);
    expect(await response.json()).toMatchObject({ id, status: 'queued' });

    const local = await waitFor(async () => (await inbox('kz-customs')).find((item) => item.id === id), {
      what: 'the alert in kz-customs’ inbox during the cut',
    });
    expect(local).toMatchObject({ sender: 'kz-border', verified: true });
    // tj-border is on the hub's server, which is down: it cannot have it.
    expect(nodes.has(REMOTE_NODE) && (await inbox(REMOTE_NODE)).some((item) => item.id === id)).toBe(false);

    await servers.hub.restart();
    const delivered = await waitFor(
      async () => {
        const state = await sent('kz-border', id);
        const states = new Map(state?.recipients.map((r) => [r.node, r.state]));
        return states.get('kz-customs') === 'delivered' && states.get(REMOTE_NODE) === 'delivered'
          ? state
          : undefined;
      },
      { timeoutMs: 60_000, what: 'kz-border to see its alert delivered to both recipients' },
    );
    expect(delivered.status).toBe('accepted');
    expect((await inbox(REMOTE_NODE)).filter((item) => item.id === id)).toHaveLength(1);
    expect((await inbox('kz-customs')).filter((item) => item.id === id)).toHaveLength(1);
  });
});
