// The site's nodes reach the hub's JetStream through their leaf server (pull, ack, publish ack
// across their accounts' leaf connections under domain hub), each leaf connection carries only what
// its node may send and receive, and the site fast path stays on the site, also while its link is cut.
import { AckPolicy, jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import {
  deliveryFilter,
  deliverySubject,
  HUB_JETSTREAM_DOMAIN,
  ingressSubject,
  nodeDeliveryConsumer,
  siteSubject,
  STREAM_DELIVERY,
  STREAM_INGRESS,
  DELIVERY_WILDCARD,
  INGRESS_WILDCARD,
} from '#contracts';
import { testTls, waitFor } from '#testing';
import { connectAs, permissionViolation } from '../../support/secured-nats.js';
import {
  generateLeafKeys,
  LEAF_SECRET,
  leafConnected,
  leafRegistry,
  REMOTE_NODE,
  startLeafServers,
  type LeafServers,
} from '../../support/leaf-site.js';

const keys = generateLeafKeys();
const registry = leafRegistry(keys);
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

describe('a national site as a leaf node of the hub', () => {
  let servers: LeafServers;
  let hubOperator: NatsConnection;
  let kzBorder: NatsConnection;
  let kzCustoms: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    servers = await startLeafServers(registry, keys.operator.publicKey);
    hubOperator = await connectAs(servers.hub.url, 'operator', keys.operator.seed);
    kzBorder = await connectAs(servers.site.url, 'kz-border', keys.nodes['kz-border']!.seed);
    kzCustoms = await connectAs(servers.site.url, 'kz-customs', keys.nodes['kz-customs']!.seed);
    jsm = await jetstreamManager(hubOperator);
    await jsm.streams.add({ name: STREAM_INGRESS, subjects: [INGRESS_WILDCARD] });
    await jsm.streams.add({ name: STREAM_DELIVERY, subjects: [DELIVERY_WILDCARD] });
    for (const node of ['kz-border', REMOTE_NODE]) {
      await jsm.consumers.add(STREAM_DELIVERY, {
        durable_name: nodeDeliveryConsumer(node),
        filter_subject: deliveryFilter(node),
        ack_policy: AckPolicy.Explicit,
      });
    }
    await leafConnected(kzBorder, 'kz-border');
  });

  afterAll(async () => {
    await Promise.allSettled([hubOperator, kzBorder, kzCustoms].map((nc) => nc?.close()));
    await servers?.stop();
  });

  it("reaches the hub's JetStream through domain hub for its own consumer only; the site keeps none", async () => {
    const js = jetstream(kzBorder, { domain: HUB_JETSTREAM_DOMAIN, timeout: 1_000 });
    const own = await js.consumers.get(STREAM_DELIVERY, nodeDeliveryConsumer('kz-border'));
    expect((await own.info(true)).name).toBe(nodeDeliveryConsumer('kz-border'));
    // Nothing answers the rest: no account information of the hub, no other node's consumer, and
    // no JetStream of the site's own.
    const hub = await jetstreamManager(kzBorder, {
      domain: HUB_JETSTREAM_DOMAIN,
      checkAPI: false,
      timeout: 1_000,
    });
    await expect(hub.getAccountInfo()).rejects.toThrow();
    await expect(js.consumers.get(STREAM_DELIVERY, nodeDeliveryConsumer(REMOTE_NODE))).rejects.toThrow();
    const site = await jetstreamManager(kzCustoms, { checkAPI: false, timeout: 1_000 });
    await expect(site.getAccountInfo()).rejects.toThrow();
  });

  it('lets a site node pull and ack its deliveries and get the ack of its publish across the leaf', async () => {
    const subject = deliverySubject('kz-border', 'alert', 'direct', 'general');
    await jetstream(hubOperator).publish(subject, encode('to kz-border'));
    const js = jetstream(kzBorder, { domain: HUB_JETSTREAM_DOMAIN });
    const consumer = await js.consumers.get(STREAM_DELIVERY, nodeDeliveryConsumer('kz-border'));
    const msg = await consumer.next({ expires: 5_000 });
    expect(msg?.subject).toBe(subject);
    expect(await msg!.ackAck()).toBe(true);
    const info = await jsm.consumers.info(STREAM_DELIVERY, nodeDeliveryConsumer('kz-border'));
    expect([info.num_ack_pending, info.ack_floor.stream_seq]).toEqual([0, msg!.info.streamSequence]);

    const ack = await js.publish(ingressSubject('kz-border', 'alert'), encode('from kz-border'), {
      msgID: 'leaf-publish-1',
    });
    expect(ack).toMatchObject({ stream: STREAM_INGRESS, duplicate: false });
  });

  it("accepts a site node account's leaf credential from a leaf server only, never from a client", async () => {
    await expect(
      connect({
        servers: servers.hub.url,
        user: 'leaf-kz-border',
        pass: LEAF_SECRET,
        tls: { caFile: (await testTls()).caFile },
      }),
    ).rejects.toThrow(/Authorization Violation/i);
  });

  it("carries into the hub only what the site's nodes may publish there", async () => {
    // A site node cannot speak for another node: its server refuses, and its account's leaf
    // connection would carry nothing of another node's into the hub anyway.
    const before = (await jsm.streams.info(STREAM_INGRESS)).state.messages;
    const js = jetstream(kzCustoms, { domain: HUB_JETSTREAM_DOMAIN });
    const forged = await js
      .publish(ingressSubject(REMOTE_NODE, 'alert'), encode('forged'), { timeout: 2_000 })
      .catch((error: unknown) => error);
    expect(permissionViolation(forged)).toBeDefined();
    const allowed = await js.publish(ingressSubject('kz-customs', 'alert'), encode('from kz-customs'));
    expect(allowed.seq).toBe(before + 1);
  });

  it("never hands a site node another node's deliveries", async () => {
    // Refused by the site's server, and there is nothing to read: the leaf connection of its
    // account at the hub carries only its own inbox.
    const sub = kzCustoms.subscribe(DELIVERY_WILDCARD);
    expect(permissionViolation(await sub.closed)).toBeDefined();
    const marker = kzCustoms.subscribe('_INBOX_kz-customs.marker');
    await kzCustoms.flush();
    await leafConnected(kzCustoms, 'kz-customs');
    const inHub = hubOperator.subscribe('_INBOX_kz-customs.marker', { max: 1 });
    hubOperator.publish(deliverySubject(REMOTE_NODE, 'alert', 'direct', 'general'), encode('for tj only'));
    // The hub's operator is in the hub's account: what it publishes there reaches no node's account,
    // even on a node's inbox subject.
    hubOperator.publish('_INBOX_kz-customs.marker', encode('marker'));
    await hubOperator.flush();
    for await (const msg of inHub) expect(msg.string()).toBe('marker');
    await kzCustoms.flush();
    expect(marker.getReceived()).toBe(0);
    marker.unsubscribe();
  });

  it('keeps the site fast path on the site and lets a node read only its own', async () => {
    const atHub: string[] = [];
    const hubSub = hubOperator.subscribe('bl.site.>', {
      callback: (_e, msg) => {
        atHub.push(msg.subject);
      },
    });
    const ingressSeen = hubOperator.subscribe(ingressSubject('kz-border', 'notice'));
    await hubOperator.flush();
    // The server refuses a subscription to another node's fast path and closes it with the reason.
    const spying = kzBorder.subscribe(siteSubject('kz-customs', 'alert'));
    expect(permissionViolation(await spying.closed)).toBeDefined();

    const received = kzCustoms.subscribe(siteSubject('kz-customs', 'alert'), { max: 1 });
    await kzCustoms.flush();
    kzBorder.publish(siteSubject('kz-customs', 'alert'), encode('fast path'));
    for await (const msg of received) expect(msg.string()).toBe('fast path');
    // Sent after the fast-path message over the same leaf connection: if that had crossed, it would be first.
    await jetstream(kzBorder, { domain: HUB_JETSTREAM_DOMAIN }).publish(
      ingressSubject('kz-border', 'notice'),
      encode('after'),
    );
    await waitFor(() => ingressSeen.getReceived() > 0, { what: 'the ingress message at the hub' });
    hubSub.unsubscribe();
    ingressSeen.unsubscribe();
    expect(atHub).toEqual([]);
  });

  it('keeps the fast path flowing while the link is cut, and the hub reachable again when it returns', async () => {
    await servers.hub.kill();
    const js = jetstream(kzBorder, { domain: HUB_JETSTREAM_DOMAIN });
    await expect(
      js.publish(ingressSubject('kz-border', 'alert'), encode('during the cut'), { timeout: 2_000 }),
    ).rejects.toThrow();

    const received = kzCustoms.subscribe(siteSubject('kz-customs', 'alert'), { max: 1 });
    await kzCustoms.flush();
    kzBorder.publish(siteSubject('kz-customs', 'alert'), encode('local during the cut'));
    for await (const msg of received) expect(msg.string()).toBe('local during the cut');

    await servers.hub.restart();
    await leafConnected(kzBorder, 'kz-border');
    const ack = await waitFor(
      () => js.publish(ingressSubject('kz-border', 'alert'), encode('after the cut'), { msgID: 'after-cut' }),
      { timeoutMs: 20_000, what: 'a publish ack after the link returned' },
    );
    expect(ack.stream).toBe(STREAM_INGRESS);
  });
});
