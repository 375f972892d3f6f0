// Heartbeats through a hub and nodes on the generated server configuration: what an operator reads
// in them moves with the traffic. While tj-border is down its delivery consumer's backlog grows in
// the hub's heartbeat, message by message; once it is up and has taken them in, the backlog is gone,
// and the nodes' own heartbeats count what they sent and took in. Beats are published on demand, so
// the test waits on heartbeats it asked for, never on the interval.
import type { INestApplication } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { HEADER_ID, HeartbeatApp, type Heartbeat } from '#contracts';
import { HubHeartbeatService } from '#hub';
import { NodeHeartbeatService } from '#node';
import { alertRequest, fixtureRegistry } from '#node/testing';
import { RegistryIndex } from '#registry';
import { waitFor } from '#testing';
import { HeartbeatWatch, believedHeartbeat } from '../../support/heartbeats.js';
import { startInProcessNetwork, type InProcessNetwork } from '../../support/in-process-network.js';

const SENDER = 'kz-border';
const RECIPIENT = 'tj-border';
const ALERTS = 5;

let net: InProcessNetwork;
let hub: INestApplication;
let operator: NatsConnection;
let watch: HeartbeatWatch;
let registry: RegistryIndex;

/** Publishes one heartbeat through `beat` and resolves with it as an operator received and believed it. */
async function heard(beat: () => Promise<Heartbeat>): Promise<Heartbeat> {
  const { id } = await beat();
  const msg = await watch.first((m) => m.headers?.get(HEADER_ID) === id, `heartbeat ${id} at the operator`);
  return believedHeartbeat(msg, registry);
}

const hubBeat = () => heard(() => hub.get(HubHeartbeatService).beat(new Date()));
const nodeBeat = (node: 'kz-border' | 'tj-border') =>
  heard(() => net.nodeApp(node).get(NodeHeartbeatService).beat());

/** The recipient's delivery consumer as the hub reports it. */
function recipientLag(heartbeat: Heartbeat) {
  const lag = heartbeat.consumers.find((consumer) => consumer.node === RECIPIENT);
  if (lag === undefined) throw new Error(`no lag of ${RECIPIENT} in the hub's heartbeat`);
  return lag;
}

beforeAll(async () => {
  net = await startInProcessNetwork();
  registry = new RegistryIndex(fixtureRegistry(net.keys));
  operator = await net.operator();
  watch = new HeartbeatWatch(operator);
  await operator.flush();
  hub = await net.startHub();
  await net.startNode(SENDER);
});

afterAll(async () => {
  watch?.stop();
  await operator?.drain();
  await net?.stop();
});

describe('heartbeats', () => {
  it("show a node's backlog growing while it is down, and gone once it has taken it in", async () => {
    const before = recipientLag(await hubBeat());
    expect(before).toMatchObject({ consumer: `node-${RECIPIENT}`, ackPending: 0n });

    for (let i = 0; i < ALERTS; i++) {
      const answer = await net.call(SENDER, 'POST', '/v1/alerts', {
        ...alertRequest(),
        handling: { tlp: 'TLP_RED', code: 'HANDLING_CODE_H2' },
        addressees: { nodes: [RECIPIENT] },
      });
      expect(answer.status).toBe(202);
    }

    // Routed one by one: the hub's heartbeat reports every copy waiting for the node that is down.
    const backlog = await waitFor(
      async () => {
        const heartbeat = await hubBeat();
        return recipientLag(heartbeat).pending >= before.pending + BigInt(ALERTS) ? heartbeat : undefined;
      },
      { what: `${ALERTS} deliveries pending for ${RECIPIENT} in the hub's heartbeat` },
    );
    expect(backlog).toMatchObject({ app: HeartbeatApp.HUB, sender: 'hub' });
    expect(backlog.counters?.accepted).toBeGreaterThanOrEqual(BigInt(ALERTS));
    expect(backlog.counters?.delivered).toBeGreaterThanOrEqual(BigInt(ALERTS));
    expect(backlog.lastDelivery).toBeDefined();

    const sender = await nodeBeat(SENDER);
    expect(sender).toMatchObject({ app: HeartbeatApp.NODE, sender: SENDER });
    expect(sender.counters?.accepted).toBeGreaterThanOrEqual(BigInt(ALERTS));
    expect(sender.outbox?.depth).toBe(0n);

    // The node comes up and drains its consumer: the backlog the hub reports goes to nothing.
    await net.startNode(RECIPIENT);
    const drained = await waitFor(
      async () => {
        const lag = recipientLag(await hubBeat());
        return lag.pending === 0n && lag.ackPending === 0n ? lag : undefined;
      },
      { what: `${RECIPIENT}'s backlog drained in the hub's heartbeat`, timeoutMs: 30_000 },
    );
    expect(drained.redelivered).toBe(0n);

    const recipient = await nodeBeat(RECIPIENT);
    expect(recipient.consumers).toEqual([
      expect.objectContaining({ consumer: `node-${RECIPIENT}`, node: RECIPIENT, pending: 0n }),
    ]);
    expect(recipient.counters?.delivered).toBeGreaterThanOrEqual(BigInt(ALERTS));
    expect(recipient.lastDelivery).toBeDefined();
  });
});
