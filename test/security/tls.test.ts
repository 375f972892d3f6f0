// TLS on every link: the generated configuration refuses a plaintext client, a client that does not
// trust the deployment's CA never gets to authenticate, a server that asks for client certificates
// refuses one without, and a national site's leaf link carries its credential and its traffic only
// inside TLS, so nothing of either is visible on the path.
import { connect as connectTcp } from 'node:net';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import { connect, nkeyAuthenticator, type NatsConnection } from '@nats-io/transport-node';
import {
  HUB_JETSTREAM_DOMAIN,
  INGRESS_WILDCARD,
  STREAM_DELIVERY,
  STREAM_INGRESS,
  ingressSubject,
  nodeDeliveryConsumer,
} from '#contracts';
import { natsConfigOf } from '#nats-config';
import { privateTls, spawnNatsServer } from '#process';
import { startNats, testTls, waitFor } from '#testing';
import { startHubTestEnv, type HubTestEnv } from '../support/hub-test-env.js';
import { LeafLink } from '../support/leaf-link.js';
import {
  LEAF_SECRET,
  generateLeafKeys,
  leafConnected,
  leafRegistry,
  startLeafServers,
  type LeafServers,
} from '../support/leaf-site.js';
import { connectAs } from '../support/secured-nats.js';
import { alertStillDelivered } from './support/harm.js';

const NODE = 'kz-border';

/** What a plaintext client hears after it sends CONNECT and PING: the server's lines, until it closes. */
function plaintextSession(url: string): Promise<string[]> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connectTcp({ host: hostname, port: Number(port) });
    let received = '';
    socket.setEncoding('utf8');
    socket.setTimeout(5_000, () => socket.destroy(new Error('the server neither answered nor closed')));
    socket.on('data', (chunk: string) => {
      if (received === '') socket.write('CONNECT {"verbose":false,"pedantic":false}\r\nPING\r\n');
      received += chunk;
    });
    socket.once('error', reject);
    socket.once('close', () => resolve(received.split('\r\n').filter((line) => line !== '')));
  });
}

describe('TLS on every NATS link', () => {
  let env: HubTestEnv;
  let seed: Uint8Array;

  beforeAll(async () => {
    env = await startHubTestEnv();
    await env.startHub();
    seed = new TextEncoder().encode(env.parties.seeds.get(NODE) ?? '');
  });

  afterAll(() => env?.stop());

  it('refuses a plaintext client before it can authenticate or publish', async () => {
    const [info, ...answer] = await plaintextSession(env.natsUrl);
    expect(JSON.parse(info!.slice('INFO '.length))).toMatchObject({ tls_required: true });
    // What follows the INFO must be a TLS handshake; plaintext is not one, and the server closes the
    // connection without a PONG, let alone an authentication.
    expect(answer).toEqual([]);
    // nats.js told not to use TLS refuses to go on too.
    await expect(
      connect({ servers: env.natsUrl, tls: null, authenticator: nkeyAuthenticator(seed) }),
    ).rejects.toThrow();
    await alertStillDelivered(env, NODE);
  });

  it("refuses a client that does not trust the deployment's CA, the system's or another one", async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bl-other-ca-'));
    try {
      const other = await privateTls({ dir });
      for (const tls of [{}, { caFile: other.caFile }]) {
        const refused = await connect({
          servers: env.natsUrl,
          tls,
          authenticator: nkeyAuthenticator(seed),
          reconnect: false,
        }).then(
          async (nc) => {
            await nc.close();
            return undefined;
          },
          (error: unknown) => error,
        );
        expect(String(refused)).toMatch(/certificate/);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
    const trusted = await connectAs(env.natsUrl, NODE, env.parties.seeds.get(NODE) ?? '');
    await trusted.close();
    await alertStillDelivered(env, NODE);
  });

  it('asks every client for a certificate from the CA when told to (--tls-verify)', async () => {
    const tls = await testTls();
    const config = natsConfigOf(env.parties.registry, { tls: { ...tls, verifyClients: true } });
    const nats = await startNats({
      config: config.text,
      tls: true,
      files: [tls.caFile, tls.certFile, tls.keyFile],
    });
    try {
      const options = { servers: nats.url, authenticator: nkeyAuthenticator(seed), reconnect: false };
      await expect(connect({ ...options, tls: { caFile: tls.caFile } })).rejects.toThrow();
      const withCert = await connect({ ...options, tls: { ...tls.client } });
      await withCert.close();
    } finally {
      await nats.stop();
    }
  });
});

describe("a national site's leaf link", () => {
  const keys = generateLeafKeys();
  const registry = leafRegistry(keys);
  let link: LeafLink | undefined;
  let servers: LeafServers;
  let hubLeaf = '';
  let node: NatsConnection;

  beforeAll(async () => {
    servers = await startLeafServers(registry, keys.operator.publicKey, async (listener) => {
      hubLeaf = listener;
      link = await LeafLink.open(listener, { record: true });
      return link.address;
    });
    const operator = await connectAs(servers.hub.url, 'operator', keys.operator.seed);
    await (
      await jetstreamManager(operator)
    ).streams.add({ name: STREAM_INGRESS, subjects: [INGRESS_WILDCARD] });
    await operator.close();
    node = await connectAs(servers.site.url, NODE, keys.nodes[NODE]!.seed);
    await leafConnected(node, NODE);
  });

  afterAll(async () => {
    await node?.close();
    await servers?.stop();
    await link?.close();
  });

  it('carries the credential and the traffic only inside TLS', async () => {
    const subject = ingressSubject(NODE, 'alert');
    const body = 'a body no one on the path may read';
    const ack = await jetstream(node, { domain: HUB_JETSTREAM_DOMAIN }).publish(
      subject,
      new TextEncoder().encode(body),
    );
    expect(ack.stream).toBe(STREAM_INGRESS);
    const crossed = link!.crossed().toString('latin1');
    expect(crossed.length).toBeGreaterThan(0);
    for (const secret of [LEAF_SECRET, 'leaf-kz-border', subject, body])
      expect([secret, crossed.includes(secret)]).toEqual([secret, false]);
  });

  it("does not let in a leaf server that does not trust the hub's CA, before it sends its password", async () => {
    const account = 'kz-border';
    const plain = [
      'leafnodes {',
      `  remotes = [ { url: ${JSON.stringify(`nats-leaf://leaf-${account}:${LEAF_SECRET}@${hubLeaf}`)} } ]`,
      '}',
    ].join('\n');
    const dir = await mkdtemp(join(tmpdir(), 'bl-plain-leaf-'));
    const rogue = await spawnNatsServer({ config: plain, jetstream: false, dir });
    try {
      // The hub asks for TLS first; the rogue, trusting only the system's CAs, fails the handshake.
      await waitFor(
        async () => (await readFile(join(dir, 'server.log'), 'utf8')).includes('TLS Handshake Failure'),
        {
          what: "the rogue leaf server's failed handshake",
        },
      );
      const nc = await connect({ servers: rogue.url });
      try {
        const info = `$JS.${HUB_JETSTREAM_DOMAIN}.API.CONSUMER.INFO.${STREAM_DELIVERY}.${nodeDeliveryConsumer(NODE)}`;
        await expect(nc.request(info, new Uint8Array(), { timeout: 1_000 })).rejects.toThrow();
      } finally {
        await nc.close();
      }
    } finally {
      await rogue.stop();
      await rm(dir, { recursive: true, force: true });
    }
    // The site that speaks TLS is still linked.
    await leafConnected(node, NODE);
  });
});
