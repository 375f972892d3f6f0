// Service subscriptions inside an agency, on a hub and three nodes in-process over a spawned NATS
// running the generated configuration and a Redis where each node is its own ACL user: a service
// of tj-border subscribed to afghan-border × explosives at severity severe or above receives by
// webhook exactly the matching alerts of a mixed stream, signed as Standard Webhooks verifies; a
// webhook that fails three times, then recovers, receives every message once, each sender's in
// order, with its failures on record; one failing past its limit is disabled and, enabled again,
// resumes where it stopped; a live stream cut and resumed with Last-Event-ID misses and repeats
// nothing; keys see only their own subscriptions and no more than their clearance. The node's clock
// is moved for retries to fall due; nothing sleeps. A wipe of the node's Redis loses no subscription
// nor a webhook's disabling: they come back from the node's store file.
import { jest } from '@jest/globals';
import { Redis } from 'ioredis';
import { createApiKey } from '#access';
import { Clock, WebhookDispatcher, nodeEpochKey, type InboxItem } from '#node';
import { alertRequest, noticeRequest } from '#node/testing';
import { redisKeyspace } from '#runtime';
import { waitFor } from '#testing';
import { Webhook } from 'standardwebhooks';
import { startInProcessNetwork, type InProcessNetwork } from '../../support/in-process-network.js';
import { openSse } from './sse-reader.js';
import { startWebhookReceiver, type Received, type WebhookReceiver } from './webhook-receiver.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const BACKOFF_BASE_MS = 1_000;
const MAX_FAILURES = 4;

let network: InProcessNetwork;
let service: { authorization: string };
const receivers: WebhookReceiver[] = [];
// How far tj-border's clock is ahead of the real one.
let ahead = 0;

beforeAll(async () => {
  network = await startInProcessNetwork();
  await network.startHub();
  await network.startNode('kz-border');
  await network.startNode('uz-customs');
  await network.startNode('tj-border', {
    NODE_SERVICE_SUBSCRIPTIONS_POLL_MS: '50',
    NODE_WEBHOOK_BACKOFF_BASE_MS: String(BACKOFF_BASE_MS),
    NODE_WEBHOOK_MAX_FAILURES: String(MAX_FAILURES),
  });
  service = (await network.anotherKey('tj-border', 'case-system')).headers;
  jest
    .spyOn(network.nodeApp('tj-border').get(Clock), 'now')
    .mockImplementation(() => new Date(Date.now() + ahead));
});

afterAll(async () => {
  await Promise.all(receivers.map((receiver) => receiver.close()));
  await network?.stop();
});

async function receiver(): Promise<WebhookReceiver> {
  const started = await startWebhookReceiver();
  receivers.push(started);
  return started;
}

async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: { authorization: string } = service,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${network.url('tj-border')}${path}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
}

interface Created {
  id: string;
  owner: string;
  secret: string;
}

async function subscribe(request: Record<string, unknown>): Promise<Created> {
  const created = await api<Created>('POST', '/v1/service-subscriptions', request);
  expect(created.status).toBe(201);
  return created.body;
}

const alert = (
  regions: string[],
  category: string,
  severity: string,
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  ...alertRequest(),
  regions,
  category: `CATEGORY_${category}`,
  severity: `SEVERITY_${severity}`,
  ...extra,
});

async function send(node: 'kz-border' | 'uz-customs', path: string, body: unknown): Promise<string> {
  const sent = await network.call<{ id: string }>(node, 'POST', path, body);
  expect({ status: sent.status, body: sent.status === 202 ? undefined : sent.body }).toEqual({ status: 202 });
  return sent.body.id;
}

interface Report {
  status: string;
  failures: number;
  attempts: { ok: boolean; status?: number; error?: string }[];
}

const report = async (id: string) =>
  (await api<Report>('GET', `/v1/service-subscriptions/${id}/deliveries`)).body;

/**
 * Waits until the webhook of `id` has failed `failures` times in a row, then moves tj-border's clock
 * past the longest delay its backoff may have chosen, so the next attempt is due.
 */
async function failedThenDue(id: string, failures: number): Promise<void> {
  await waitFor(async () => (await report(id)).failures === failures, {
    what: `failure ${failures} recorded`,
  });
  ahead += BACKOFF_BASE_MS * 2 ** (failures - 1);
}

/** Wipes `node`'s Redis (every key of its keyspace, as FLUSHALL of its own Redis would), and waits for its rebuild. */
async function wipeRedisOf(node: string): Promise<void> {
  const redis = new Redis(network.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    const keys = await redis.keys(`${redisKeyspace(node)}:*`);
    if (keys.length > 0) await redis.del(...keys);
    await waitFor(async () => (await redis.exists(nodeEpochKey(node))) === 1, {
      what: `${node}'s state rebuilt`,
      timeoutMs: 20_000,
    });
  } finally {
    redis.disconnect();
  }
}

const itemOf = (request: Received): InboxItem =>
  (JSON.parse(request.body) as { data: { item: InboxItem } }).data.item;

describe('service subscriptions', () => {
  it('deliver by webhook exactly the matching alerts of a mixed stream, signed, each in the access log', async () => {
    const endpoint = await receiver();
    const subscription = await subscribe({
      regions: ['afghan-border'],
      categories: ['explosives'],
      minSeverity: 'severe',
      maxHandling: 'TLP:AMBER',
      endpoint: endpoint.url,
    });
    expect(subscription.secret).toMatch(/^whsec_/);

    const severe = await send('kz-border', '/v1/alerts', alert(['afghan-border'], 'EXPLOSIVES', 'SEVERE'));
    const extreme = await send(
      'kz-border',
      '/v1/alerts',
      alert(['afghan-border'], 'EXPLOSIVES', 'EXTREME', {
        handling: { tlp: 'TLP_GREEN', code: 'HANDLING_CODE_H2' },
      }),
    );
    await send('kz-border', '/v1/alerts', alert(['afghan-border'], 'EXPLOSIVES', 'MODERATE'));
    await send('kz-border', '/v1/alerts', alert(['afghan-border'], 'SMALL_ARMS_LIGHT_WEAPONS', 'SEVERE'));
    await send(
      'kz-border',
      '/v1/alerts',
      alert(['afghan-border'], 'EXPLOSIVES', 'SEVERE', {
        handling: { tlp: 'TLP_RED', code: 'HANDLING_CODE_H2' },
        addressees: { nodes: ['tj-border'] },
      }),
    );
    await send(
      'kz-border',
      '/v1/alerts',
      alert(['central-asia'], 'EXPLOSIVES', 'SEVERE', { addressees: { nodes: ['tj-border'] } }),
    );
    await send('kz-border', '/v1/notices', noticeRequest());
    const last = await send('kz-border', '/v1/alerts', alert(['afghan-border'], 'EXPLOSIVES', 'EXTREME'));

    // Each sender's messages are matched in order: once the last is in, the others were judged.
    const requests = await endpoint.waitForRequests(3, 'the three matching alerts at the webhook');
    expect(requests.map((request) => itemOf(request).id)).toEqual([severe, extreme, last]);
    const inbox = await network.call<{ items: InboxItem[] }>('tj-border', 'GET', '/v1/inbox?limit=20');
    expect(inbox.body.items.map((item) => item.id)).toEqual(expect.arrayContaining([severe, extreme, last]));
    expect(endpoint.received).toHaveLength(3);

    const verifier = new Webhook(subscription.secret);
    for (const request of requests) {
      const headers = {
        'webhook-id': String(request.headers['webhook-id']),
        'webhook-timestamp': String(request.headers['webhook-timestamp']),
        'webhook-signature': String(request.headers['webhook-signature']),
      };
      expect(verifier.verify(request.body, headers)).toMatchObject({
        type: 'inbox.item',
        data: { subscription: subscription.id },
      });
      expect(headers['webhook-id']).toBe(`${subscription.id}.${itemOf(request).id}`);
    }

    const log = await network.call<{ entries: { principal: string; action: string; message: string }[] }>(
      'tj-border',
      'GET',
      '/v1/access-log?after=0&limit=1000',
    );
    const handedOut = log.body.entries.filter((entry) => entry.principal === subscription.owner);
    expect(handedOut.map(({ action, message }) => ({ action, message }))).toEqual(
      [severe, extreme, last].map((message) => ({ action: 'stream', message })),
    );
    expect((await api('DELETE', `/v1/service-subscriptions/${subscription.id}`)).status).toBe(204);
  });

  it('deliver every message once, in order per sender, to a webhook that fails three times then recovers', async () => {
    const endpoint = await receiver();
    endpoint.failNext(3);
    const subscription = await subscribe({
      regions: ['afghan-border'],
      categories: ['salw'],
      maxHandling: 'TLP:AMBER',
      endpoint: endpoint.url,
    });
    const salw = () => alert(['afghan-border'], 'SMALL_ARMS_LIGHT_WEAPONS', 'MODERATE');
    const sent: Record<string, string[]> = { 'kz-border': [], 'uz-customs': [] };
    for (let i = 0; i < 3; i++) {
      for (const node of ['kz-border', 'uz-customs'] as const)
        sent[node]!.push(await send(node, '/v1/alerts', salw()));
    }

    for (let failure = 1; failure <= 3; failure++) await failedThenDue(subscription.id, failure);
    const requests = await endpoint.waitForRequests(9, 'three failed attempts and six deliveries');

    // Nothing else was sent while the first message was retried.
    const ids = requests.map((request) => request.headers['webhook-id']);
    expect(new Set(ids.slice(0, 4)).size).toBe(1);
    expect(requests.map((request) => request.status)).toEqual([503, 503, 503, 204, 204, 204, 204, 204, 204]);
    const delivered = requests.filter((request) => request.status === 204).map(itemOf);
    expect(new Set(delivered.map((item) => item.id)).size).toBe(6);
    for (const node of ['kz-border', 'uz-customs'] as const) {
      expect(delivered.filter((item) => item.sender === node).map((item) => item.id)).toEqual(sent[node]);
    }

    const after = await report(subscription.id);
    expect(after).toMatchObject({ status: 'active', failures: 0 });
    expect(after.attempts.slice(-3)).toEqual(
      [503, 503, 503].map((status) =>
        expect.objectContaining({ ok: false, status, error: `HTTP ${status}` }),
      ),
    );
    expect((await api('DELETE', `/v1/service-subscriptions/${subscription.id}`)).status).toBe(204);
  });

  it('send each message once when several dispatcher runs contend for a webhook, as on several instances', async () => {
    const endpoint = await receiver();
    endpoint.failNext(1);
    const subscription = await subscribe({
      categories: ['terrorism'],
      maxHandling: 'TLP:AMBER',
      endpoint: endpoint.url,
    });
    const sent: string[] = [];
    for (let i = 0; i < 3; i++) {
      sent.push(await send('kz-border', '/v1/alerts', alert(['afghan-border'], 'TERRORISM', 'SEVERE')));
    }
    await failedThenDue(subscription.id, 1);
    // Beside the node's own loop: without the lease each run would send the same message.
    const dispatcher = network.nodeApp('tj-border').get(WebhookDispatcher);
    await Promise.all([dispatcher.runOnce(), dispatcher.runOnce(), dispatcher.runOnce()]);
    const requests = await endpoint.waitForRequests(4, 'the retry and the two others');
    await waitFor(async () => (await report(subscription.id)).attempts.length === 4, {
      what: 'four attempts on record',
    });
    expect(endpoint.received).toHaveLength(4);
    expect(requests.map(itemOf).map((item) => item.id)).toEqual([sent[0], ...sent]);
    expect((await api('DELETE', `/v1/service-subscriptions/${subscription.id}`)).status).toBe(204);
  });

  it('disable a webhook after its limit of failures, and resume where it stopped once its owner enables it', async () => {
    const endpoint = await receiver();
    endpoint.failNext(1_000);
    const subscription = await subscribe({
      regions: ['afghan-border'],
      categories: ['ammunition'],
      maxHandling: 'TLP:AMBER',
      endpoint: endpoint.url,
    });
    const first = await send('kz-border', '/v1/alerts', alert(['afghan-border'], 'AMMUNITION', 'MINOR'));
    for (let failure = 1; failure < MAX_FAILURES; failure++) await failedThenDue(subscription.id, failure);
    const disabled = await waitFor(
      async () => {
        const now = await report(subscription.id);
        return now.status === 'disabled' && now;
      },
      { what: 'the webhook disabled' },
    );
    expect(endpoint.received).toHaveLength(MAX_FAILURES);
    expect(disabled).toMatchObject({ failures: MAX_FAILURES });
    const second = await send('kz-border', '/v1/alerts', alert(['afghan-border'], 'AMMUNITION', 'MINOR'));

    endpoint.failNext(0);
    const enabled = await api<{ status: string }>(
      'POST',
      `/v1/service-subscriptions/${subscription.id}/enable`,
    );
    expect(enabled).toMatchObject({ status: 200, body: { status: 'active' } });
    const requests = await endpoint.waitForRequests(
      MAX_FAILURES + 2,
      'both alerts after the webhook was enabled',
    );
    expect(
      requests
        .slice(MAX_FAILURES)
        .map(itemOf)
        .map((item) => item.id),
    ).toEqual([first, second]);
    expect((await api('DELETE', `/v1/service-subscriptions/${subscription.id}`)).status).toBe(204);
  });

  it('take the log from where a failing endpoint stopped when its owner names a new one', async () => {
    const failing = await receiver();
    failing.failNext(1_000);
    const filter = { categories: ['human-trafficking'], maxHandling: 'TLP:AMBER' };
    const subscription = await subscribe({ ...filter, endpoint: failing.url });
    const trafficking = await send(
      'kz-border',
      '/v1/alerts',
      alert(['afghan-border'], 'HUMAN_TRAFFICKING', 'SEVERE'),
    );
    await failedThenDue(subscription.id, 1);

    const working = await receiver();
    const updated = await api('PUT', `/v1/service-subscriptions/${subscription.id}`, {
      ...filter,
      endpoint: working.url,
    });
    expect(updated).toMatchObject({ status: 200, body: { endpoint: working.url } });
    const [request] = await working.waitForRequests(1, 'the alert at the new endpoint');
    expect(itemOf(request!).id).toBe(trafficking);
    await waitFor(async () => (await report(subscription.id)).status === 'active', {
      what: 'the webhook active again',
    });
    expect((await api('DELETE', `/v1/service-subscriptions/${subscription.id}`)).status).toBe(204);
  });

  it('resume a cut live stream from Last-Event-ID, missing and repeating nothing', async () => {
    const subscription = await subscribe({
      regions: ['afghan-border'],
      kinds: ['alert'],
      maxHandling: 'TLP:AMBER',
    });
    const url = `${network.url('tj-border')}/v1/service-subscriptions/${subscription.id}/stream`;
    const drugs = () => alert(['afghan-border'], 'DRUG_TRAFFICKING', 'MINOR');

    const before = await openSse(url, service);
    const sent = [
      await send('kz-border', '/v1/alerts', drugs()),
      await send('uz-customs', '/v1/alerts', drugs()),
    ];
    const firstEvents = await before.waitForEvents(2, 'the first two alerts on the stream');
    before.cut();
    sent.push(await send('kz-border', '/v1/alerts', drugs()), await send('kz-border', '/v1/alerts', drugs()));
    // Both taken in while nobody listened.
    await waitFor(
      async () => {
        const inbox = await network.call<{ items: InboxItem[] }>('tj-border', 'GET', '/v1/inbox?limit=10');
        return sent.every((id) => inbox.body.items.some((item) => item.id === id));
      },
      { what: 'the alerts sent during the cut in the inbox' },
    );

    const after = await openSse(url, { ...service, 'last-event-id': firstEvents[1]!.id! });
    sent.push(await send('uz-customs', '/v1/alerts', drugs()));
    const resumed = await after.waitForEvents(3, 'the missed alerts and the new one');
    after.cut();
    const idOf = (event: { data: string }) => (JSON.parse(event.data) as InboxItem).id;
    // The first two came from two senders, in either order; the rest from one sender after the other.
    expect(firstEvents.map(idOf).sort()).toEqual(sent.slice(0, 2).sort());
    expect(resumed.map(idOf)).toEqual(sent.slice(2));
    expect(after.events).toHaveLength(3);
    const events = [...firstEvents, ...resumed];
    const positions = events.map((event) => event.id!);
    expect(new Set(positions).size).toBe(5);
    expect([...positions].sort((a, b) => compare(a, b))).toEqual(positions);
    expect((await api('DELETE', `/v1/service-subscriptions/${subscription.id}`)).status).toBe(204);
  });

  it('keep each key to its own subscriptions and its clearance, and refuse a bad filter by field', async () => {
    const { file } = await network.anotherKey('tj-border', 'spare');
    const { key } = await createApiKey(file, 'tj-border', {
      name: 'amber-reader',
      roles: ['reader'],
      clearance: 'amber',
      expiresAt: new Date(Date.now() + DAY_MS),
    });
    const reader = { authorization: `Bearer ${key}` };
    await waitFor(async () => (await api('GET', '/v1/me', undefined, reader)).status === 200, {
      what: 'the reader key taken up',
    });

    const refused = await api<{ error: string; violations: { field: string }[] }>(
      'POST',
      '/v1/service-subscriptions',
      {
        regions: ['atlantis'],
        categories: ['explosives'],
        maxHandling: 'TLP:AMBER+STRICT',
        endpoint: 'http://example.org/hook',
      },
      reader,
    );
    expect(refused.status).toBe(400);
    expect(refused.body.violations.map((violation) => violation.field).sort()).toEqual(
      ['endpoint', 'maxHandling', 'regions[0]'].sort(),
    );

    const theirs = await subscribe({ maxHandling: 'TLP:RED' });
    const mine = await api<Created>(
      'POST',
      '/v1/service-subscriptions',
      { maxHandling: 'TLP:AMBER' },
      reader,
    );
    expect(mine.status).toBe(201);
    const listed = await api<{ items: { id: string }[] }>(
      'GET',
      '/v1/service-subscriptions',
      undefined,
      reader,
    );
    expect(listed.body.items.map((item) => item.id)).toEqual([mine.body.id]);
    expect((await api('GET', `/v1/service-subscriptions/${theirs.id}`, undefined, reader)).status).toBe(404);
    const stream = await fetch(`${network.url('tj-border')}/v1/service-subscriptions/${theirs.id}/stream`, {
      headers: reader,
    });
    expect(stream.status).toBe(404);
    await stream.body?.cancel();
    // The administrator's listing holds every one of the agency's.
    const all = await api<{ items: { id: string }[] }>('GET', '/v1/service-subscriptions');
    expect(all.body.items.map((item) => item.id)).toEqual(expect.arrayContaining([theirs.id, mine.body.id]));
  });

  it("keep every subscription, its webhook and its disabling through a wipe of the node's Redis", async () => {
    const endpoint = await receiver();
    const active = await subscribe({
      categories: ['wanted-person'],
      maxHandling: 'TLP:AMBER',
      endpoint: endpoint.url,
    });
    const failing = await receiver();
    failing.failNext(1_000);
    const disabled = await subscribe({
      categories: ['document-fraud'],
      maxHandling: 'TLP:AMBER',
      endpoint: failing.url,
    });
    const before = await send('kz-border', '/v1/alerts', alert(['afghan-border'], 'WANTED_PERSON', 'SEVERE'));
    await send('kz-border', '/v1/alerts', alert(['afghan-border'], 'DOCUMENT_FRAUD', 'SEVERE'));
    await endpoint.waitForRequests(1, 'the alert before the wipe');
    for (let failure = 1; failure < MAX_FAILURES; failure++) await failedThenDue(disabled.id, failure);
    await waitFor(async () => (await report(disabled.id)).status === 'disabled', {
      what: 'the failing webhook disabled',
    });
    const listed = (await api<{ items: unknown[] }>('GET', '/v1/service-subscriptions')).body.items;

    await wipeRedisOf('tj-border');

    expect((await api<{ items: unknown[] }>('GET', '/v1/service-subscriptions')).body.items).toEqual(listed);
    expect(await report(disabled.id)).toMatchObject({ status: 'disabled', failures: MAX_FAILURES });
    const after = await send('kz-border', '/v1/alerts', alert(['afghan-border'], 'WANTED_PERSON', 'SEVERE'));
    await waitFor(() => endpoint.received.some((request) => itemOf(request).id === after), {
      what: 'the alert after the wipe at the webhook',
      timeoutMs: 20_000,
    });
    // The rebuild matched again what the node still holds: a repeat comes under the same webhook-id,
    // signed with the same secret, so a receiver drops it.
    const verifier = new Webhook(active.secret);
    for (const request of endpoint.received) {
      const id = String(request.headers['webhook-id']);
      expect(id).toBe(`${active.id}.${itemOf(request).id}`);
      verifier.verify(request.body, {
        'webhook-id': id,
        'webhook-timestamp': String(request.headers['webhook-timestamp']),
        'webhook-signature': String(request.headers['webhook-signature']),
      });
    }
    expect(new Set(endpoint.received.map((request) => itemOf(request).id))).toEqual(new Set([before, after]));
    expect(failing.received).toHaveLength(MAX_FAILURES);
    for (const { id } of [active, disabled]) {
      expect((await api('DELETE', `/v1/service-subscriptions/${id}`)).status).toBe(204);
    }
  });
});

// Redis stream ids: milliseconds, then a sequence.
function compare(a: string, b: string): number {
  const [am, as] = a.split('-').map(BigInt);
  const [bm, bs] = b.split('-').map(BigInt);
  return am! === bm! ? Number(as! - bs!) : am! < bm! ? -1 : 1;
}
