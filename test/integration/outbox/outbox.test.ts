// The node's outbox against real servers: NATS on the generated (secured) configuration, and Redis.
// The node is killed off from NATS by crashing the server, restarted on the same outbox file while
// the link is down, and must then send what it queued: every message once, in submission order.
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { jetstreamManager } from '@nats-io/jetstream';
import { HEADER_MSG_ID, nodeDeliveryConsumer, STREAM_DELIVERY, STREAM_INGRESS } from '#contracts';
import { alertRequest } from '#node/testing';
import { waitFor } from '#testing';
import { NODE, startTestbed, type NodeTestbed } from '../node/node-harness.js';
import { storedMessages } from '../../support/secured-nats.js';

interface Answer {
  status: number;
  body: { id?: string; status?: string; duplicate?: boolean };
}

let testbed: NodeTestbed;
let dir: string;
const apps: INestApplication[] = [];

beforeAll(async () => {
  testbed = await startTestbed();
  dir = await mkdtemp(join(tmpdir(), 'bl-outbox-it-'));
});

// Each test's nodes end with it, so none is left connected while a later test kills the server.
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

afterAll(async () => {
  await testbed?.stop();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function startNode(outboxFile?: string): Promise<{ app: INestApplication; base: string }> {
  const started = await testbed.start(testbed.config(undefined, outboxFile));
  apps.push(started.app);
  return started;
}

async function closeNode(app: INestApplication): Promise<void> {
  apps.splice(apps.indexOf(app), 1);
  await app.close();
}

async function postAlert(base: string, id: string): Promise<Answer> {
  const response = await fetch(`${base}/v1/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...testbed.auth },
    body: JSON.stringify({ ...alertRequest(), id }),
  });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

async function sentStatus(base: string, id: string): Promise<string | undefined> {
  const response = await fetch(`${base}/v1/messages/${id}`, { headers: testbed.auth });
  return response.ok ? ((await response.json()) as { status: string }).status : undefined;
}

/** The ids of this node's alerts in BL_INGRESS, in stream order, limited to `ids`. */
async function ingressIds(ids: readonly string[]): Promise<string[]> {
  const nc = await testbed.operator();
  try {
    const messages = await storedMessages(await jetstreamManager(nc, { checkAPI: false }), STREAM_INGRESS);
    return messages
      .filter((message) => message.subject === `bl.in.${NODE}.alert`)
      .map((message) => message.header.get(HEADER_MSG_ID))
      .filter((id) => ids.includes(id));
  } finally {
    await nc.close();
  }
}

/** Pull requests the node has open on its delivery consumer: more than 0 once it consumes. */
async function pullsWaiting(): Promise<number> {
  const nc = await testbed.operator();
  try {
    const manager = await jetstreamManager(nc, { checkAPI: false });
    return (await manager.consumers.info(STREAM_DELIVERY, nodeDeliveryConsumer(NODE))).num_waiting;
  } finally {
    await nc.close();
  }
}

describe('node outbox with the link up', () => {
  it('answers accepted once JetStream has stored the alert, and shows it accepted', async () => {
    const { base } = await startNode();
    const id = randomUUID();
    expect(await postAlert(base, id)).toEqual({
      status: 202,
      body: { id, status: 'accepted', duplicate: false },
    });
    expect(await sentStatus(base, id)).toBe('accepted');
    expect(await ingressIds([id])).toEqual([id]);
  });

  it('never stores a client’s retry of the same id a second time', async () => {
    const { base } = await startNode();
    const id = randomUUID();
    const answers = [await postAlert(base, id), await postAlert(base, id), await postAlert(base, id)];
    expect(answers.map((answer) => answer.body)).toEqual([
      { id, status: 'accepted', duplicate: false },
      { id, status: 'accepted', duplicate: true },
      { id, status: 'accepted', duplicate: true },
    ]);
    expect(await ingressIds([id])).toEqual([id]);
  });
});

describe('node outbox with the link down', () => {
  it('starts, queues, and after a restart on the same outbox sends everything once, in order', async () => {
    await testbed.nats.kill();
    const outboxFile = join(dir, 'restarted.sqlite');
    const ids = Array.from({ length: 8 }, () => randomUUID());

    const first = await startNode(outboxFile);
    for (const id of ids.slice(0, 5)) {
      expect(await postAlert(first.base, id)).toEqual({
        status: 202,
        body: { id, status: 'queued', duplicate: false },
      });
    }
    // A client retrying while the message still waits gets the queued one back, not a second copy.
    expect((await postAlert(first.base, ids[2]!)).body).toEqual({
      id: ids[2],
      status: 'queued',
      duplicate: true,
    });
    expect(await sentStatus(first.base, ids[0]!)).toBe('queued');
    // The node stays up without its link; its health says down, and its details (for operators)
    // name the link and show the queue.
    expect((await fetch(`${first.base}/healthz`)).status).toBe(503);
    const health = await fetch(`${first.base}/healthz/details`, { headers: testbed.auth });
    expect(health.status).toBe(503);
    expect(((await health.json()) as { details: Record<string, unknown> }).details).toMatchObject({
      nats: { status: 'down' },
      outbox: { status: 'up', depth: 5 },
    });
    await closeNode(first.app);

    const second = await startNode(outboxFile);
    for (const id of ids.slice(5)) {
      expect((await postAlert(second.base, id)).body).toMatchObject({ id, status: 'queued' });
    }
    expect(await sentStatus(second.base, ids[0]!)).toBe('queued');

    await testbed.nats.restart();
    const stored = await waitFor(
      async () => {
        const found = await ingressIds(ids);
        return found.length >= ids.length && found;
      },
      { timeoutMs: 30_000, what: 'every queued alert in BL_INGRESS' },
    );
    expect(stored).toEqual(ids);
    const last = ids[ids.length - 1]!;
    await waitFor(async () => (await sentStatus(second.base, last)) === 'accepted', {
      timeoutMs: 10_000,
      what: `${last} shown as accepted`,
    });
    expect(await sentStatus(second.base, ids[0]!)).toBe('accepted');
    // Now the link is up again, a new alert is accepted at once, after the queued ones.
    const next = randomUUID();
    expect((await postAlert(second.base, next)).body).toEqual({
      id: next,
      status: 'accepted',
      duplicate: false,
    });
    expect(await ingressIds([...ids, next])).toEqual([...ids, next]);
    // And it consumes its deliveries, on the consumer it could not bind while the link was down.
    await waitFor(async () => (await pullsWaiting()) > 0, {
      timeoutMs: 30_000,
      what: 'the node pulling from its delivery consumer',
    });
  });
});
