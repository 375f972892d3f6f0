// Heartbeats (protocol 1.3) on the generated server configuration: a node publishes only its own
// `bl.hb.<node>`, which lands in the hub's account where operators read every heartbeat, the hub's
// own among them; a node can neither speak for another node nor listen to anyone's heartbeats. A
// node of a national site reaches the operators through its leaf connection all the same.
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { v7 as uuidv7 } from 'uuid';
import { HEADER_ID, HEARTBEAT_WILDCARD, HeartbeatApp, heartbeatFrom, heartbeatSubject } from '#contracts';
import { RegistryIndex, type Registry } from '#registry';
import { waitFor } from '#testing';
import { NodeSigner, sealHeartbeat, type SealedHeartbeat } from '#trust';
import { HeartbeatWatch, believedHeartbeat as believed } from '../support/heartbeats.js';
import { startHubTestEnv, type HubTestEnv } from '../support/hub-test-env.js';
import { generateLeafKeys, leafRegistry, startLeafServers, type LeafServers } from '../support/leaf-site.js';
import { connectAs, permissionViolation } from '../support/secured-nats.js';

const ATTACKER = 'kz-border';
const VICTIM = 'tj-border';

/** A node heartbeat of `sender`, sealed by `signer` (its own key, or, for a forgery, another's). */
function nodeHeartbeat(sender: string, signer: NodeSigner): SealedHeartbeat {
  const now = new Date();
  return sealHeartbeat(
    signer,
    heartbeatFrom({
      id: uuidv7(),
      sender,
      sent: now,
      instance: uuidv7(),
      app: HeartbeatApp.NODE,
      version: 'test',
      started: now,
      intervalMs: 10_000,
      outbox: { depth: 0, oldestAgeMs: 0 },
      consumers: [],
      counters: { accepted: 0, rejected: {}, delivered: 0, deadLettered: 0 },
    }),
  );
}

/** Publishes a sealed heartbeat as a node does, on its subject unless told another. */
function publishSealed(nc: NatsConnection, sealed: SealedHeartbeat, subject = sealed.subject): void {
  const h = natsHeaders();
  for (const [name, value] of Object.entries(sealed.headers)) h.set(name, value);
  nc.publish(subject, sealed.body, { headers: h });
}

/** Resolves with the server's refusal of a publish on `subject` over `nc`, once it reports it. */
async function publishRefused(nc: NatsConnection, subject: string, publish: () => void) {
  let refusal: ReturnType<typeof permissionViolation>;
  const listening = (async () => {
    for await (const status of nc.status()) {
      const violation = status.type === 'error' ? permissionViolation(status.error) : undefined;
      if (violation?.operation === 'publish' && violation.subject === subject) {
        refusal = violation;
        return;
      }
    }
  })();
  publish();
  await nc.flush();
  await waitFor(() => refusal, { what: `the server's refusal of a publish on ${subject}` });
  await listening;
  return refusal;
}

describe('heartbeats at the hub', () => {
  let env: HubTestEnv;
  let watch: HeartbeatWatch;
  let attacker: NatsConnection;

  beforeAll(async () => {
    env = await startHubTestEnv();
    watch = new HeartbeatWatch(env.operator);
    await env.operator.flush();
    await env.startHub({ HUB_HEARTBEAT_MS: '250' });
    attacker = await env.nodes.of(ATTACKER);
  });

  afterAll(async () => {
    watch?.stop();
    await env?.stop();
  });

  it("reach an operator from a node and from the hub, each signed by its sender's key", async () => {
    publishSealed(attacker, nodeHeartbeat(ATTACKER, env.parties.signer(ATTACKER)));
    await attacker.flush();

    const fromNode = believed(
      await watch.first((msg) => msg.subject === heartbeatSubject(ATTACKER), `${ATTACKER}'s heartbeat`),
      env.parties.index,
    );
    expect(fromNode).toMatchObject({ sender: ATTACKER, app: HeartbeatApp.NODE });
    const fromHub = believed(
      await watch.first((msg) => msg.subject === heartbeatSubject('hub'), "the hub's heartbeat"),
      env.parties.index,
    );
    expect(fromHub).toMatchObject({ sender: 'hub', app: HeartbeatApp.HUB });
    expect(fromHub.consumers.map((lag) => lag.consumer)).toEqual(
      expect.arrayContaining([`node-${ATTACKER}`, `node-${VICTIM}`]),
    );
  });

  it("refuse a node's heartbeat on another node's subject, which no operator ever sees", async () => {
    const forged = nodeHeartbeat(VICTIM, env.parties.signer(ATTACKER));
    const refusal = await publishRefused(attacker, heartbeatSubject(VICTIM), () =>
      publishSealed(attacker, forged),
    );
    expect(refusal).toBeDefined();

    // What the attacker publishes next, on its own subject, arrives after anything the server let through.
    const own = nodeHeartbeat(ATTACKER, env.parties.signer(ATTACKER));
    publishSealed(attacker, own);
    await attacker.flush();
    await watch.first(
      (msg) => msg.headers?.get(HEADER_ID) === own.headers[HEADER_ID],
      "the attacker's later heartbeat",
    );
    expect(watch.received.filter((msg) => msg.subject === heartbeatSubject(VICTIM))).toEqual([]);
  });

  it("refuse a node's subscription to anyone's heartbeats", async () => {
    for (const subject of [HEARTBEAT_WILDCARD, heartbeatSubject(VICTIM), heartbeatSubject('hub')]) {
      const spying = attacker.subscribe(subject);
      expect(permissionViolation(await spying.closed)).toBeDefined();
    }
  });
});

describe('a heartbeat from a node of a national site', () => {
  const keys = generateLeafKeys();
  const registry: Registry = leafRegistry(keys);
  let servers: LeafServers;
  const connections: NatsConnection[] = [];

  beforeAll(async () => {
    servers = await startLeafServers(registry, keys.operator.publicKey);
  });

  afterAll(async () => {
    await Promise.all(connections.map((nc) => nc.drain()));
    await servers?.stop();
  });

  it("reaches an operator at the hub through the node account's leaf connection", async () => {
    const operator = await connectAs(servers.hub.url, 'operator', keys.operator.seed);
    const node = await connectAs(servers.site.url, 'kz-border', keys.nodes['kz-border']!.seed);
    connections.push(operator, node);
    const watch = new HeartbeatWatch(operator);
    await operator.flush();
    const signer = NodeSigner.fromSeed(keys.nodes['kz-border']!.seed);

    // Published until it arrives: the leaf connection may still be coming up.
    const msg = await waitFor(
      async () => {
        publishSealed(node, nodeHeartbeat('kz-border', signer));
        await node.flush();
        return watch.received.find((received) => received.subject === heartbeatSubject('kz-border'));
      },
      { what: "kz-border's heartbeat at the hub", timeoutMs: 20_000 },
    );
    expect(believed(msg, new RegistryIndex(registry)).sender).toBe('kz-border');
    watch.stop();
  });
});
