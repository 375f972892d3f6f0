// The done-when of server-enforced permissions: with node A's own credentials, everything that
// would read or write as node B is refused by the NATS server itself, while A's own traffic flows.
// A is in an account of its own and reaches the hub's JetStream under domain hub, as the node does.
import { AckPolicy, jetstream, jetstreamManager, type JetStreamClient } from '@nats-io/jetstream';
import { AuthorizationError, type NatsConnection } from '@nats-io/transport-node';
import {
  HUB_JETSTREAM_DOMAIN,
  STREAM_DELIVERY,
  STREAM_INGRESS,
  deliveryFilter,
  nodeDeliveryConsumer,
} from '#contracts';
import { bindConsumer, inboxPrefixOf } from '#messaging';
import { fixtureKeys, fixtureRegistry, type FixtureKeys } from '#node/testing';
import type { Registry } from '#registry';
import type { NatsServerHandle } from '#testing';
import { nodeDeliveryConsumerSpec, provisionNodeConsumers } from '#hub';
import { connectAs, permissionViolation, provisionAsHub, startSecuredNats } from './permissions.harness.js';

const A = 'kz-border';
const B = 'tj-border';
const OUTCOME_TIMEOUT_MS = 5_000;

type Outcome = { refused: true; by: string } | { refused: false };

// Runs one attempt and reports whether the server refused it; any other failure fails the test.
async function outcomeOf(attempt: () => Promise<unknown>): Promise<Outcome> {
  try {
    await attempt();
    return { refused: false };
  } catch (error) {
    const violation = permissionViolation(error);
    if (violation === undefined) throw error;
    return { refused: true, by: violation.message };
  }
}

// A refused subscription is closed by the client with the server's permission error.
async function subscribeOutcome(nc: NatsConnection, subject: string): Promise<Outcome> {
  const sub = nc.subscribe(subject);
  await nc.flush();
  const closed = await Promise.race([
    sub.closed,
    new Promise<'open'>((resolve) => setTimeout(() => resolve('open'), OUTCOME_TIMEOUT_MS).unref()),
  ]);
  if (closed === 'open') {
    sub.unsubscribe();
    return { refused: false };
  }
  return outcomeOf(() => Promise.reject(closed ?? new Error('subscription closed without an error')));
}

describe('NATS server permissions generated from the registry', () => {
  const table: [string, string][] = [];
  let keys: FixtureKeys;
  let registry: Registry;
  let nats: NatsServerHandle;
  let hub: NatsConnection;
  let nodeA: NatsConnection;
  let jsA: JetStreamClient;

  const record = (action: string, outcome: Outcome): Outcome => {
    table.push([action, outcome.refused ? `refused by server: ${outcome.by}` : 'allowed']);
    return outcome;
  };

  beforeAll(async () => {
    keys = fixtureKeys();
    registry = fixtureRegistry(keys);
    nats = await startSecuredNats(registry);
    hub = await connectAs(nats.url, 'hub', keys.hub.seed);
    await provisionAsHub(hub, registry);
    // One delivery waiting for each node, written by the hub.
    const jsHub = jetstream(hub);
    await jsHub.publish(`bl.out.${A}.alert.direct.general`, new TextEncoder().encode('for A'));
    await jsHub.publish(`bl.out.${B}.alert.direct.general`, new TextEncoder().encode('for B'));
    nodeA = await connectAs(nats.url, A, keys[A].seed);
    jsA = jetstream(nodeA, { domain: HUB_JETSTREAM_DOMAIN });
  });

  afterAll(async () => {
    const width = Math.max(...table.map(([action]) => action.length));
    process.stdout.write(
      `\nWith node ${A}'s credentials (B = ${B}):\n` +
        `${'action'.padEnd(width)}  outcome\n` +
        table.map(([action, outcome]) => `${action.padEnd(width)}  ${outcome}`).join('\n') +
        '\n\n',
    );
    await nodeA?.close();
    await hub?.close();
    await nats?.stop();
  });

  it('refuses a connection with a key the registry does not list', async () => {
    const stranger = fixtureKeys().hub.seed;
    const refusal = await connectAs(nats.url, 'stranger', stranger).then(
      (nc) => nc.close().then(() => undefined),
      (error: unknown) => error,
    );
    expect(refusal).toBeInstanceOf(AuthorizationError);
    table.push(['connect with an unregistered nkey', `refused by server: ${(refusal as Error).message}`]);
  });

  it("refuses subscribing to B's delivery subjects and B's inbox prefix", async () => {
    expect(
      record(`subscribe ${deliveryFilter(B)}`, await subscribeOutcome(nodeA, deliveryFilter(B))),
    ).toMatchObject({ refused: true });
    const inbox = `${inboxPrefixOf(B)}.>`;
    expect(record(`subscribe ${inbox}`, await subscribeOutcome(nodeA, inbox))).toMatchObject({
      refused: true,
    });
    expect(record('subscribe > (everything)', await subscribeOutcome(nodeA, '>'))).toMatchObject({
      refused: true,
    });
  });

  it("refuses pulling from B's consumer and reading its info", async () => {
    const next = `$JS.API.CONSUMER.MSG.NEXT.${STREAM_DELIVERY}.${nodeDeliveryConsumer(B)}`;
    const pull = await outcomeOf(() =>
      nodeA.request(next, JSON.stringify({ batch: 1, no_wait: true }), { timeout: OUTCOME_TIMEOUT_MS }),
    );
    expect(record(`pull ${nodeDeliveryConsumer(B)} (${next})`, pull)).toMatchObject({ refused: true });
    const info = await outcomeOf(() => jsA.consumers.get(STREAM_DELIVERY, nodeDeliveryConsumer(B)));
    expect(record(`consumer info ${nodeDeliveryConsumer(B)}`, info)).toMatchObject({ refused: true });
  });

  it('refuses creating a consumer on the delivery stream, and reading or deleting its messages', async () => {
    const jsmA = await jetstreamManager(nodeA, { checkAPI: false, domain: HUB_JETSTREAM_DOMAIN });
    const create = await outcomeOf(() =>
      jsmA.consumers.add(STREAM_DELIVERY, {
        durable_name: 'snoop',
        filter_subject: deliveryFilter(B),
        ack_policy: AckPolicy.Explicit,
      }),
    );
    expect(
      record(`create consumer on ${STREAM_DELIVERY} reading ${deliveryFilter(B)}`, create),
    ).toMatchObject({ refused: true });
    const ephemeral = await outcomeOf(() =>
      jsmA.consumers.add(STREAM_DELIVERY, { ack_policy: AckPolicy.None }),
    );
    expect(record(`create ephemeral consumer on ${STREAM_DELIVERY}`, ephemeral)).toMatchObject({
      refused: true,
    });
    const get = await outcomeOf(() => jsmA.streams.getMessage(STREAM_DELIVERY, { seq: 2 }));
    expect(record(`get message 2 of ${STREAM_DELIVERY}`, get)).toMatchObject({ refused: true });
    const purge = await outcomeOf(() => jsmA.streams.purge(STREAM_DELIVERY));
    expect(record(`purge ${STREAM_DELIVERY}`, purge)).toMatchObject({ refused: true });
    const account = await outcomeOf(() => jsmA.getAccountInfo());
    expect(record("the hub account's JetStream information", account)).toMatchObject({ refused: true });
  });

  it("refuses publishing on B's ingress subject and on B's delivery subjects", async () => {
    const body = new TextEncoder().encode('as B');
    const ingress = await outcomeOf(() =>
      jsA.publish(`bl.in.${B}.alert`, body, { timeout: OUTCOME_TIMEOUT_MS }),
    );
    expect(record(`publish bl.in.${B}.alert`, ingress)).toMatchObject({ refused: true });
    const delivery = await outcomeOf(() =>
      jsA.publish(`bl.out.${B}.alert.x.y`, body, { timeout: OUTCOME_TIMEOUT_MS }),
    );
    expect(record(`publish bl.out.${B}.alert.x.y`, delivery)).toMatchObject({ refused: true });
    // Nothing of it reached the streams.
    const jsmHub = await jetstreamManager(hub, { checkAPI: false });
    const ingressState = await jsmHub.streams.info(STREAM_INGRESS, { subjects_filter: `bl.in.${B}.>` });
    expect(ingressState.state.subjects ?? {}).toEqual({});
    const b = await jsmHub.consumers.info(STREAM_DELIVERY, nodeDeliveryConsumer(B));
    expect(b.num_pending).toBe(1);
  });

  it("allows A's own publish on bl.in.A.alert and A's own pull and ack from node-A", async () => {
    const ack = await outcomeOf(() => jsA.publish(`bl.in.${A}.alert`, new TextEncoder().encode('from A')));
    expect(record(`publish bl.in.${A}.alert`, ack)).toEqual({ refused: false });

    let received = '';
    const pull = await outcomeOf(async () => {
      const consumer = await jsA.consumers.get(STREAM_DELIVERY, nodeDeliveryConsumer(A));
      const msg = await consumer.next({ expires: OUTCOME_TIMEOUT_MS });
      if (msg === null) throw new Error(`no delivery from ${nodeDeliveryConsumer(A)}`);
      received = new TextDecoder().decode(msg.data);
      await msg.ackAck();
    });
    expect(record(`pull and ack from ${nodeDeliveryConsumer(A)}`, pull)).toEqual({ refused: false });
    expect(received).toBe('for A');
  });

  it('lets a node bind to its consumer with its own permissions, waiting until the hub has provisioned it', async () => {
    const C = 'uz-customs';
    const jsmHub = await jetstreamManager(hub, { checkAPI: false });
    await jsmHub.consumers.delete(STREAM_DELIVERY, nodeDeliveryConsumer(C));
    const nodeC = await connectAs(nats.url, C, keys[C].seed);
    try {
      const jsmC = await jetstreamManager(nodeC, { checkAPI: false, domain: HUB_JETSTREAM_DOMAIN });
      const waits: string[] = [];
      const info = await bindConsumer(jsmC, nodeDeliveryConsumerSpec(C), {
        signal: new AbortController().signal,
        onWaiting: (_attempt, reason) => {
          waits.push(reason);
          // The hub comes up while the node waits.
          if (waits.length === 1) void provisionNodeConsumers(jsmHub, [C]);
        },
      });
      expect(waits[0]).toBe('consumer not provisioned yet');
      expect(info?.config.filter_subject).toBe(deliveryFilter(C));
      table.push([
        `bind ${nodeDeliveryConsumer(C)} before the hub provisioned it`,
        `waited (${waits[0]}), then bound`,
      ]);
    } finally {
      await nodeC.close();
    }
  });
});
