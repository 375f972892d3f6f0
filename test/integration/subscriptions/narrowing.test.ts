// Subscriptions narrowed at run time (protocol 1.4): tj-border's administrator narrows what the hub
// routes to it to severe and worse, through its own REST API. The hub applies it while routing, audits
// it with the person who made it, and keeps it through a wipe of its Redis and a restart; explicit
// addressees are never narrowed; a narrowing beyond the registry, or by a reader, is refused. A hub
// and three nodes in-process, each with its own nkey, on a spawned NATS running the generated
// configuration, and a spawned Redis.
import { fromBinary } from '@bufbuild/protobuf';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import type { INestApplication } from '@nestjs/common';
import { Redis } from 'ioredis';
import { createApiKey } from '#access';
import { AuditEntrySchema, AuditEvent, STREAM_AUDIT, Severity, type AuditEntry } from '#contracts';
import { HUB_EPOCH_KEY, SubscriptionsService } from '#hub';
import { NodeConfig, type InboxItem, type SentMessage } from '#node';
import { alertRequest } from '#node/testing';
import { waitFor } from '#testing';
import { startInProcessNetwork, type InProcessNetwork } from '../../support/in-process-network.js';
import { storedMessages } from '../../support/secured-nats.js';

const SENDER = 'kz-border';
const NARROWED = 'tj-border';
// Subscribed as tj-border is and never narrowed: the witness that a moderate alert was routed at all.
const WITNESS = 'unodc';
const NODES = [SENDER, NARROWED, WITNESS] as const;
type Node = (typeof NODES)[number];

let network: InProcessNetwork;
let hub: INestApplication;
let redis: Redis;
let operator: NatsConnection;
let jsm: JetStreamManager;

beforeAll(async () => {
  network = await startInProcessNetwork();
  redis = new Redis(network.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  operator = await network.operator();
  jsm = await jetstreamManager(operator);
  hub = await network.startHub();
  for (const node of NODES) await network.startNode(node);
});

afterAll(async () => {
  await operator?.close();
  redis?.disconnect();
  await network?.stop();
});

const call = <T>(node: Node, method: string, path: string, body?: unknown) =>
  network.call<T>(node, method, path, body);

/** Sends a TLP:GREEN SALW alert of `severity` from the sender, to `addressees` besides the subscribers. */
async function sendAlert(severity: string, addressees: string[] = []): Promise<string> {
  const body = {
    ...alertRequest(),
    severity,
    handling: { tlp: 'TLP_GREEN', code: 'HANDLING_CODE_H1' },
    ...(addressees.length > 0 && { addressees: { nodes: addressees } }),
  };
  const sent = await call<{ id: string }>(SENDER, 'POST', '/v1/alerts', body);
  expect(sent.status).toBe(202);
  return sent.body.id;
}

const inboxIds = async (node: Node) =>
  (await call<{ items: InboxItem[] }>(node, 'GET', '/v1/inbox?limit=200')).body.items.map((item) => item.id);

const inInbox = (node: Node, id: string) =>
  waitFor(async () => ((await inboxIds(node)).includes(id) ? true : undefined), {
    what: `message ${id} in the inbox of ${node}`,
  });

/** The recipients the hub's routing report of `id` names, once the sender holds it. */
const routedTo = (id: string) =>
  waitFor(
    async () => {
      const { status, body } = await call<SentMessage>(SENDER, 'GET', `/v1/messages/${id}`);
      return status === 200 && body.recipients.length > 0
        ? body.recipients.map((r) => r.node).sort()
        : undefined;
    },
    { what: `the routing report of ${id}` },
  );

async function auditEntries(event: AuditEvent): Promise<AuditEntry[]> {
  return (await storedMessages(jsm, STREAM_AUDIT))
    .map((stored) => fromBinary(AuditEntrySchema, stored.data))
    .filter((entry) => entry.event === event);
}

/**
 * Each moderate alert from the sender passes tj-border by, a severe one sent after it reaches it: the
 * hub routes the sender's messages in order, and tj-border takes its deliveries in order, so once the
 * severe one is in its inbox the moderate one would be there too had it been routed to it.
 */
async function expectNarrowedToSevere(): Promise<void> {
  const moderate = await sendAlert('SEVERITY_MODERATE');
  const severe = await sendAlert('SEVERITY_SEVERE');
  const addressed = await sendAlert('SEVERITY_MODERATE', [NARROWED]);
  const moderateTo = await routedTo(moderate);
  expect(moderateTo).toContain(WITNESS);
  expect(moderateTo).not.toContain(NARROWED);
  await inInbox(NARROWED, severe);
  await inInbox(NARROWED, addressed);
  expect(await inboxIds(NARROWED)).not.toContain(moderate);
  expect(await routedTo(severe)).toEqual(expect.arrayContaining([NARROWED, WITNESS]));
}

describe('subscriptions narrowed at run time', () => {
  let change: string;

  it('routes to a node narrowed to severe and worse no moderate alert, but a severe one and an addressed one', async () => {
    const before = await sendAlert('SEVERITY_MODERATE');
    expect(await routedTo(before)).toEqual(expect.arrayContaining([NARROWED, WITNESS]));

    const put = await call<{ id: string; status: string }>(NARROWED, 'PUT', '/v1/subscriptions', {
      filters: [{ minSeverity: 'SEVERITY_SEVERE' }],
    });
    expect(put.status).toBe(202);
    change = put.body.id;
    // Applied once the hub has recorded it: the same instance routes everything after.
    await waitFor(
      async () =>
        (await auditEntries(AuditEvent.SUBSCRIPTION_CHANGED)).some((e) => e.message === change) || undefined,
      { what: 'the hub to record the narrowing' },
    );
    await expectNarrowedToSevere();
  });

  it("records the change in the hub's audit chain with the person who made it", async () => {
    const me = (await call<{ id: string }>(NARROWED, 'GET', '/v1/me')).body;
    const [entry, ...others] = await auditEntries(AuditEvent.SUBSCRIPTION_CHANGED);
    expect(others).toEqual([]);
    expect(entry).toMatchObject({
      message: change,
      kind: 'subscription',
      origin: NARROWED,
      person: me.id,
      detail: '[{"minSeverity":"SEVERITY_SEVERE"}]',
    });
  });

  it('shows the narrowing within the registry ceiling, also after the node restarts', async () => {
    const expected = {
      ceiling: [{ regions: ['afghan-border'], categories: ['*'] }],
      filters: [{ minSeverity: 'SEVERITY_SEVERE' }],
      change: { id: change, status: 'accepted' },
    };
    type View = { change?: { status: string } };
    // Accepted once the hub's routing report of the change is back at the node.
    const shown = await waitFor(
      async () => {
        const { body } = await call<View>(NARROWED, 'GET', '/v1/subscriptions');
        return body.change?.status === 'accepted' ? body : undefined;
      },
      { what: "the hub's answer to the narrowing at the node" },
    );
    expect(shown).toMatchObject(expected);
    await network.nodeApp(NARROWED).close();
    await network.startNode(NARROWED);
    expect((await call(NARROWED, 'GET', '/v1/subscriptions')).body).toMatchObject(expected);
  });

  it("keeps the narrowing through a wipe of the hub's Redis, its rebuild and a restart of the hub", async () => {
    await redis.flushall();
    await waitFor(async () => ((await redis.exists(HUB_EPOCH_KEY)) === 1 ? true : undefined), {
      what: "the hub's state rebuilt",
    });
    await network.stopHub(hub);
    hub = await network.startHub();
    await expectNarrowedToSevere();
  });

  it('refuses a narrowing beyond the registry, naming the filter entry, and sends nothing', async () => {
    const put = await call<{ error: string; violations: { field: string; reason: string }[] }>(
      NARROWED,
      'PUT',
      '/v1/subscriptions',
      { filters: [{ regions: ['central-asia'], minSeverity: 'SEVERITY_MINOR' }] },
    );
    expect(put.status).toBe(400);
    expect(put.body).toEqual({
      error: 'invalid',
      violations: [
        {
          field: 'filters[0].regions[0]',
          reason: `beyond the registry: ${NARROWED} does not receive central-asia in these categories`,
        },
      ],
    });
    expect((await call(NARROWED, 'GET', '/v1/subscriptions')).body).toMatchObject({ change: { id: change } });
  });

  it('lets only an administrator read or change the narrowing', async () => {
    const file = network.nodeApp(NARROWED).get(NodeConfig).NODE_API_KEYS_FILE;
    if (file === undefined) throw new Error('the test network gives every node a keys file');
    const { key } = await createApiKey(file, NARROWED, {
      name: 'reader',
      roles: ['reader'],
      clearance: 'amber',
      expiresAt: new Date(Date.now() + 60 * 60 * 1000),
    });
    const headers = { authorization: `Bearer ${key}`, 'content-type': 'application/json' };
    const url = `${network.url(NARROWED)}/v1/subscriptions`;
    await waitFor(async () => (await fetch(`${network.url(NARROWED)}/v1/me`, { headers })).ok || undefined, {
      what: `${NARROWED} to take up the reader's key`,
    });
    expect((await fetch(url, { headers })).status).toBe(403);
    const put = await fetch(url, { method: 'PUT', headers, body: JSON.stringify({ filters: [] }) });
    expect(put.status).toBe(403);
  });

  it('is applied by every hub instance once one of them accepts a change', async () => {
    const second = await network.startHub();
    const put = await call<{ id: string }>(NARROWED, 'PUT', '/v1/subscriptions', {
      filters: [{ minSeverity: 'SEVERITY_EXTREME' }],
    });
    expect(put.status).toBe(202);
    const severe = { region: 'afghan-border', category: 'salw', severity: Severity.SEVERE, sections: [] };
    for (const instance of [hub, second]) {
      await waitFor(async () => !instance.get(SubscriptionsService).admits(NARROWED, severe) || undefined, {
        what: 'each hub instance to apply the narrowing to extreme alerts',
      });
    }
    // Whichever instance routes them, a severe alert passes tj-border by and an extreme one reaches it.
    const passed = await sendAlert('SEVERITY_SEVERE');
    const reached = await sendAlert('SEVERITY_EXTREME');
    expect(await routedTo(passed)).not.toContain(NARROWED);
    expect(await routedTo(reached)).toContain(NARROWED);
    await inInbox(NARROWED, reached);
    expect(await inboxIds(NARROWED)).not.toContain(passed);
  });
});
