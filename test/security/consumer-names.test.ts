// Consumer names that could collide: node ids match [a-z][a-z0-9-]*, and a node's rights once
// included `node-<id>-rebuild`, which is the live consumer of a node enrolled as `<id>-rebuild`. With
// rebuild consumers named `rebuild-<id>`, kg-customs can neither read nor disturb the deliveries of
// kg-customs-rebuild, and its own rebuild consumer holds its own deliveries only.
import { jetstream, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  HEADER_ID,
  HUB_JETSTREAM_DOMAIN,
  STREAM_DELIVERY,
  nodeDeliveryConsumer,
  nodeRebuildConsumer,
  rebuildRequestSubject,
} from '#contracts';
import { createTestParties, sealNodeMessage, testAlert, testParties } from '#hub/testing';
import { waitFor } from '#testing';
import { startHubTestEnv, type HubTestEnv } from '../support/hub-test-env.js';
import { permissionViolation } from '../support/secured-nats.js';
import { alertStillDelivered } from './support/harm.js';

const ATTACKER = 'kg-customs';
const NEIGHBOUR = 'kg-customs-rebuild';
const SENDER = 'kz-border';
const watching = [{ regions: ['afghan-border'], categories: ['*'] }];

let env: HubTestEnv;
let attacker: NatsConnection;

beforeAll(async () => {
  const { version, regions, sections, crossingPoints } = createTestParties().registry;
  const ids = ['hub', SENDER, ATTACKER, NEIGHBOUR];
  const organisations = ids.map((id) => ({ id, name: id }));
  const parties = testParties({ version, regions, sections, crossingPoints, organisations }, [
    { id: 'hub', kind: 'hub', subscriptions: [] },
    { id: SENDER, kind: 'border', subscriptions: [] },
    { id: ATTACKER, kind: 'customs', subscriptions: watching },
    { id: NEIGHBOUR, kind: 'customs', subscriptions: watching },
  ]);
  env = await startHubTestEnv(parties);
  await env.startHub();
  attacker = await env.nodes.of(ATTACKER);
});

afterAll(() => env?.stop());

/** Every message of `consumer` the node reads from it now, acking each. */
async function readAll(nc: NatsConnection, consumer: string): Promise<JsMsg[]> {
  const js = jetstream(nc, { domain: HUB_JETSTREAM_DOMAIN });
  const reader = await js.consumers.get(STREAM_DELIVERY, consumer);
  const read: JsMsg[] = [];
  for (;;) {
    const batch = await reader.fetch({ max_messages: 64, expires: 1_000 });
    let fetched = 0;
    for await (const msg of batch) {
      fetched++;
      read.push(msg);
      msg.ack();
    }
    if (fetched === 0) return read;
  }
}

describe('a node whose id is another node id followed by -rebuild', () => {
  it('keeps its deliveries from the other node, which reads only its own through its rebuild consumer', async () => {
    const alert = testAlert(SENDER);
    await env.send(sealNodeMessage('alert', alert, env.parties.signer(SENDER)));
    const neighbour = await env.jsm.consumers.info(STREAM_DELIVERY, nodeDeliveryConsumer(NEIGHBOUR));
    expect(neighbour.num_pending).toBe(1);

    // The neighbour's live consumer is not the attacker's to read.
    const js = jetstream(attacker, { domain: HUB_JETSTREAM_DOMAIN, timeout: 2_000 });
    const refused = await js.consumers
      .get(STREAM_DELIVERY, nodeDeliveryConsumer(NEIGHBOUR))
      .catch((error: unknown) => error);
    expect(permissionViolation(refused)).toBeDefined();

    // Its own rebuild consumer, provided by the hub on request, holds its own deliveries only.
    const rebuild = nodeRebuildConsumer(ATTACKER);
    expect(rebuild).toBe('rebuild-kg-customs');
    await waitFor(
      async () => {
        attacker.publish(rebuildRequestSubject(ATTACKER));
        return env.jsm.consumers.info(STREAM_DELIVERY, rebuild).then(
          () => true,
          () => undefined,
        );
      },
      { what: `the hub to provide ${rebuild}` },
    );
    const read = await readAll(attacker, rebuild);
    expect(read.map((msg) => msg.subject)).toEqual([expect.stringMatching(/^bl\.out\.kg-customs\./)]);
    expect(read[0]!.headers?.get(HEADER_ID)).toBe(alert.id);

    // The neighbour's consumer is as it was, and both still receive what the hub routes.
    const after = await env.jsm.consumers.info(STREAM_DELIVERY, nodeDeliveryConsumer(NEIGHBOUR));
    expect([after.num_pending, after.num_ack_pending, after.delivered.stream_seq]).toEqual([
      neighbour.num_pending,
      neighbour.num_ack_pending,
      neighbour.delivered.stream_seq,
    ]);
    await alertStillDelivered(env, SENDER, [ATTACKER, NEIGHBOUR]);
  });
});
