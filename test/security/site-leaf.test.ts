// A national site whose leaf server is under an attacker's control: its configuration rewritten to
// bind kz-border's leaf credential to an open account, from which anything may be published. At the
// hub that leaf connection lands in kz-border's account, so it reaches what kz-border may and
// nothing more: no other node's ingress, the audit, the deliveries or group state, no other
// consumer; and no answer it asks for leaves kz-border's account. On the genuine site, each node
// receives only its own fast path. Throughout, the hub keeps routing the site's alerts.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  HUB_JETSTREAM_DOMAIN,
  STREAM_DELIVERY,
  STREAM_GROUPS,
  STREAM_INGRESS,
  deliverySubject,
  groupStateSubject,
  ingressSubject,
  nodeDeliveryConsumer,
  siteSubject,
} from '#contracts';
import { inboxPrefixOf } from '#messaging';
import { createTestParties, sealNodeMessage, testAlert } from '#hub/testing';
import { spawnNatsServer, type NatsServerHandle } from '#process';
import { startRedis, testTls, waitFor, type RedisServerHandle } from '#testing';
import { NodeSigner } from '#trust';
import {
  LEAF_SECRET,
  REMOTE_NODE,
  generateLeafKeys,
  leafConnected,
  leafRegistry,
  startLeafServers,
  type LeafServers,
} from '../support/leaf-site.js';
import {
  bootHub,
  connectAs,
  ingressProcessed,
  permissionViolation,
  publishOn,
  writeHubFiles,
  type HubFiles,
} from '../support/secured-nats.js';
import { pulledBy, verifyAudit } from './support/harm.js';

const VICTIM = REMOTE_NODE;
const BOUND = 'kz-border';
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

const keys = generateLeafKeys();
const { regions, sections, crossingPoints } = createTestParties().registry;
const registry = leafRegistry(keys, { regions, sections, crossingPoints });

let dir: string;
let servers: LeafServers;
let redis: RedisServerHandle;
let files: HubFiles;
let hub: INestApplication;
let jsm: JetStreamManager;
let hubLeaf = '';
let rogueServer: NatsServerHandle;
let rogue: NatsConnection;
const connections: NatsConnection[] = [];

/** What the rogue aims at: the victim's ingress and deliveries, and group state. */
async function marks(): Promise<Record<string, number>> {
  const count = async (stream: string, subject: string): Promise<number> => {
    const { state } = await jsm.streams.info(stream, { subjects_filter: subject });
    return Object.values(state.subjects ?? {}).reduce((a, b) => a + b, 0);
  };
  return {
    victimIngress: await count(STREAM_INGRESS, `bl.in.${VICTIM}.>`),
    victimDeliveries: await count(STREAM_DELIVERY, `bl.out.${VICTIM}.>`),
    groups: await count(STREAM_GROUPS, 'bl.groups.>'),
  };
}

/** An alert from kz-border, sent from the genuine site, pulled by its addressees from their consumers. */
async function alertStillDelivered(): Promise<void> {
  const alert = testAlert(BOUND, { addressees: { nodes: [VICTIM, 'kz-customs'] } });
  const sender = await connectAs(servers.site.url, BOUND, keys.nodes[BOUND]!.seed);
  connections.push(sender);
  const message = sealNodeMessage('alert', alert, NodeSigner.fromSeed(keys.nodes[BOUND]!.seed));
  const ack = await publishOn(sender, {
    ...message,
    headers: Object.entries(message.headers),
    msgId: alert.id,
  });
  await ingressProcessed(jsm, ack.seq);
  const victim = await connectAs(servers.hub.url, VICTIM, keys.nodes[VICTIM]!.seed);
  const customs = await connectAs(servers.site.url, 'kz-customs', keys.nodes['kz-customs']!.seed);
  connections.push(victim, customs);
  await Promise.all([pulledBy(victim, VICTIM, alert.id), pulledBy(customs, 'kz-customs', alert.id)]);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bl-rogue-site-'));
  [servers, redis] = await Promise.all([
    startLeafServers(registry, keys.operator.publicKey, async (listener) => (hubLeaf = listener)),
    startRedis(),
  ]);
  files = await writeHubFiles(registry, keys.hub.seed, 'bl-rogue-site-');
  hub = await bootHub(files, servers.hub.url, redis.url);
  const operator = await connectAs(servers.hub.url, 'operator', keys.operator.seed);
  connections.push(operator);
  jsm = await jetstreamManager(operator);
  // The rogue site: kz-border's leaf credential bound to an account with no users, no permissions.
  const { caFile } = await testTls();
  const url = `tls://leaf-${BOUND}:${LEAF_SECRET}@${hubLeaf}`;
  rogueServer = await spawnNatsServer({
    jetstream: false,
    config: `leafnodes {\n  remotes = [ { url: ${JSON.stringify(url)}, tls { ca_file: ${JSON.stringify(caFile)} } } ]\n}\n`,
  });
  // Answers come back over that connection only under kz-border's inbox prefix, so it uses that.
  rogue = await connect({ servers: rogueServer.url, inboxPrefix: inboxPrefixOf(BOUND) });
  await leafConnected(rogue, BOUND);
  await alertStillDelivered();
});

afterAll(async () => {
  await Promise.allSettled([rogue?.close(), ...connections.map((nc) => nc.close())]);
  await hub?.close();
  await Promise.allSettled([rogueServer?.stop(), servers?.stop(), redis?.stop(), files?.remove()]);
  await rm(dir, { recursive: true, force: true });
});

describe('a leaf server rewritten to speak for its site', () => {
  it("stores nothing outside its node's own ingress, whatever it publishes and whatever it names as reply", async () => {
    const before = await marks();
    expect(before.victimDeliveries).toBeGreaterThan(0);
    const seen: string[] = [];
    const everything = rogue.subscribe('>', {
      callback: (_error, msg) => {
        seen.push(msg.subject);
      },
    });
    await rogue.flush();

    for (const subject of [
      ingressSubject(VICTIM, 'alert'),
      'bl.audit.accepted',
      deliverySubject(VICTIM, 'alert', 'direct', 'general'),
      groupStateSubject('op-panj'),
      'bl.ctl.rebuild.tj-border',
    ])
      rogue.publish(subject, encode('forged'));
    // Its own node's ingress, with replies aimed at the hub's streams.
    rogue.publish(ingressSubject(BOUND, 'alert'), encode('{}'), { reply: 'bl.audit.accepted' });
    rogue.publish(ingressSubject(BOUND, 'alert'), encode('{}'), { reply: ingressSubject(VICTIM, 'alert') });
    const info = `$JS.${HUB_JETSTREAM_DOMAIN}.API.CONSUMER.INFO.${STREAM_DELIVERY}`;
    rogue.publish(`${info}.${nodeDeliveryConsumer(BOUND)}`, encode(''), {
      reply: groupStateSubject('op-panj'),
    });
    // Another node's consumer and the hub's account information answer nothing.
    await expect(
      rogue.request(`${info}.${nodeDeliveryConsumer(VICTIM)}`, encode(''), { timeout: 1_000 }),
    ).rejects.toThrow();
    await expect(
      rogue.request(`$JS.${HUB_JETSTREAM_DOMAIN}.API.INFO`, encode(''), { timeout: 1_000 }),
    ).rejects.toThrow();
    await rogue.request(`${info}.${nodeDeliveryConsumer(BOUND)}`, encode(''), { timeout: 5_000 });
    await ingressProcessed(jsm, (await jsm.streams.info(STREAM_INGRESS)).state.last_seq);

    expect(await marks()).toEqual(before);
    // Whatever the audit gained are the hub's own entries about the rogue's own-ingress messages.
    const verified = await verifyAudit(
      { natsUrl: servers.hub.url, operatorSeed: keys.operator.seed, registryFile: files.registryFile },
      dir,
    );
    expect(verified).toMatchObject({ code: 0, err: '' });

    // A delivery for tj-border never reaches the rogue: the hub's answer to its last request, which
    // follows it on the same leaf connection, does.
    const secret = deliverySubject(VICTIM, 'alert', 'direct', 'explosives');
    await jsm.jetstream().publish(secret, encode('for tj-border only'));
    await rogue.request(`${info}.${nodeDeliveryConsumer(BOUND)}`, encode(''), { timeout: 5_000 });
    expect(seen).not.toContain(secret);
    everything.unsubscribe();
    await alertStillDelivered();
  });
});

describe('the genuine site', () => {
  it('hands each node only its own fast path', async () => {
    const border = await connectAs(servers.site.url, BOUND, keys.nodes[BOUND]!.seed);
    const customs = await connectAs(servers.site.url, 'kz-customs', keys.nodes['kz-customs']!.seed);
    connections.push(border, customs);
    const spying = border.subscribe(siteSubject('kz-customs', 'alert'));
    expect(permissionViolation(await spying.closed)).toBeDefined();
    const received = customs.subscribe(siteSubject('kz-customs', 'alert'), { max: 1 });
    await customs.flush();
    await waitFor(
      async () => {
        border.publish(siteSubject('kz-customs', 'alert'), encode('fast path'));
        await border.flush();
        return received.getReceived() > 0 || undefined;
      },
      { what: 'the fast-path message at kz-customs' },
    );
    await alertStillDelivered();
  });
});
