import { create, fromBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { jetstream } from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { v7 as uuidv7 } from 'uuid';
import {
  AuditEntrySchema,
  AuditEvent,
  HUB_JETSTREAM_DOMAIN,
  HeartbeatApp,
  HeartbeatSchema,
  STREAM_AUDIT,
  STREAM_DELIVERY,
  auditSubject,
  deadLetterSubject,
  deliverySubject,
  nodeDeliveryConsumer,
} from '#contracts';
import type { DeadLetterDetailView, DeadLetterView, NetworkView, VerificationView } from '#console';
import { publishDeadLetter } from '#messaging';
import { sealHeartbeat } from '#trust';
import { waitFor } from '#testing';
import { startConsoleEnv, type ConsoleEnv } from './console-env.js';

const NODE = 'kz-border';
const INTERVAL_MS = 5_000;
// What a dead letter's message carries: the console must never show it.
const PAYLOAD = 'payload-only-the-recipient-may-read';

let env: ConsoleEnv;
let node: NatsConnection;

beforeAll(async () => {
  env = await startConsoleEnv();
  node = await env.connectAsNode(NODE);
});

afterAll(async () => {
  await node?.drain();
  await env?.stop();
});

/** Publishes a signed heartbeat of kz-border, as its app does, sent by the console's clock. */
async function heartbeat(instance: string): Promise<void> {
  const now = env.clock.now();
  const sealed = sealHeartbeat(
    env.parties.signer(NODE),
    create(HeartbeatSchema, {
      id: uuidv7(),
      sender: NODE,
      sent: timestampFromDate(now),
      instance,
      app: HeartbeatApp.NODE,
      version: '0.1.0',
      started: timestampFromDate(new Date(now.getTime() - 60_000)),
      intervalMs: INTERVAL_MS,
      outbox: { depth: 2n, oldestAgeMs: 1_500n },
      consumers: [{ consumer: nodeDeliveryConsumer(NODE), node: NODE, pending: 3n, ackPending: 1n }],
      counters: { accepted: 1n, rejected: {}, delivered: 1n, deadLettered: 0n },
    }),
  );
  const h = natsHeaders();
  for (const [name, value] of Object.entries(sealed.headers)) h.set(name, value);
  node.publish(sealed.subject, sealed.body, { headers: h });
  await node.flush();
}

/**
 * A copy for kz-border in BL_DELIVERY that the node takes and gives up on, filing the record itself as
 * its transport does; resolves with the record's id in the console's list.
 */
async function deadLettered(tag: string): Promise<DeadLetterView> {
  await jetstream(env.operator).publish(deliverySubject(NODE, 'alert', 'direct', 'general'), PAYLOAD, {
    msgID: `console-${tag}`,
    headers: (() => {
      const h = natsHeaders();
      h.set('Bl-Id', `alert-${tag}`);
      h.set('Bl-Sender', 'tj-border');
      return h;
    })(),
  });
  // A node reaches the hub's JetStream API under its domain, as its app does.
  const consumer = await jetstream(node, { domain: HUB_JETSTREAM_DOMAIN }).consumers.get(
    STREAM_DELIVERY,
    nodeDeliveryConsumer(NODE),
  );
  const msg = await consumer.next({ expires: 5_000 });
  if (msg === null) throw new Error('no delivery for the node');
  await publishDeadLetter(
    jetstream(node),
    deadLetterSubject(STREAM_DELIVERY, nodeDeliveryConsumer(NODE)),
    {
      stream: msg.info.stream,
      consumer: msg.info.consumer,
      streamSequence: msg.info.streamSequence,
      deliveries: msg.info.deliveryCount,
      subject: msg.subject,
      ...(msg.headers ? { headers: msg.headers } : {}),
    },
    msg.data,
    `cannot take in ${tag}`,
  );
  msg.term();
  return waitFor(
    async () => {
      const { body } = await env.call<{ records: DeadLetterView[] }>('operator', 'GET', '/v1/dead-letters');
      return body.records.find((record) => record.reason === `cannot take in ${tag}`);
    },
    { what: `the dead letter of ${tag} in the console` },
  );
}

/** The newest audit entry of `event`. */
async function lastAuditEntry(event: string) {
  const stored = await env.jsm.streams.getMessage(STREAM_AUDIT, { last_by_subj: auditSubject(event) });
  return stored === null ? undefined : fromBinary(AuditEntrySchema, stored.data);
}

describe('the operations console (real NATS, hub and OpenID Connect provider)', () => {
  it('refuses a request without a token (401) and a token without the operator role (403)', async () => {
    const anonymous = await env.call<unknown>(undefined, 'GET', '/v1/network');
    expect(anonymous).toEqual({ status: 401, body: { error: 'unauthenticated', reason: 'no credentials' } });
    const reader = await env.call<unknown>(`${NODE}-reader`, 'GET', '/v1/network');
    expect(reader).toEqual({
      status: 403,
      body: { error: 'forbidden', reason: 'this needs the role operator' },
    });
    expect(await env.call('operator', 'GET', '/v1/me')).toEqual({
      status: 200,
      body: { user: 'operator', roles: ['operator'] },
    });
    expect((await fetch(`${env.url}/healthz`)).status).toBe(200);
  });

  it("shows a node's heartbeat live, and silent once the clock moves three intervals on", async () => {
    const view = async () =>
      (await env.call<NetworkView>('operator', 'GET', '/v1/network')).body.nodes.find((n) => n.id === NODE)!;
    expect(
      (await env.call<NetworkView>('operator', 'GET', '/v1/network')).body.nodes.map((n) => n.id),
    ).toEqual(env.parties.registry.nodes.map((n) => n.id));
    await heartbeat('kz-1');
    const live = await waitFor(async () => ((await view()).status === 'live' ? view() : undefined), {
      what: 'kz-border live in the network',
    });
    expect(live.instances).toMatchObject([
      { instance: 'kz-1', version: '0.1.0', status: 'live', outbox: { depth: 2, oldestAgeS: 2 } },
    ]);
    expect(live.lag.length).toBeGreaterThan(0);
    const never = (await env.call<NetworkView>('operator', 'GET', '/v1/network')).body.nodes.find(
      (n) => n.id === 'tm-border',
    );
    expect(never).toMatchObject({ status: 'never', instances: [] });

    env.clock.advance(3 * INTERVAL_MS + 1_000);
    expect(await view()).toMatchObject({
      status: 'silent',
      instances: [{ instance: 'kz-1', status: 'silent' }],
    });

    const metrics = await fetch(`${env.url}/metrics`, {
      headers: { authorization: `Bearer ${await env.token('operator')}` },
    });
    expect(await metrics.text()).toMatch(
      /bl_heartbeat_age_seconds\{node="kz-border",instance="kz-1",kind="node"/,
    );
  });

  it('lists and shows a dead letter without its content, replays and drops one, each audited with the operator', async () => {
    const first = await deadLettered('one');
    expect(first).toMatchObject({
      stream: STREAM_DELIVERY,
      consumer: nodeDeliveryConsumer(NODE),
      sender: 'tj-border',
      verified: true,
    });
    const detail = await env.call<DeadLetterDetailView>('operator', 'GET', `/v1/dead-letters/${first.id}`);
    expect(detail.status).toBe(200);
    expect(detail.body.headers['Bl-Dlq-Reason']).toEqual(['cannot take in one']);
    expect(JSON.stringify(detail.body)).not.toContain(PAYLOAD);
    const list = await env.call<unknown>('operator', 'GET', '/v1/dead-letters');
    expect(JSON.stringify(list.body)).not.toContain(PAYLOAD);

    const replayed = await env.call<{ action: string }>(
      'operator',
      'POST',
      `/v1/dead-letters/${first.id}/replay`,
    );
    expect(replayed).toMatchObject({ status: 200, body: { id: first.id, action: 'replayed' } });
    expect(await lastAuditEntry('dead-letter-replayed')).toMatchObject({
      event: AuditEvent.DEAD_LETTER_REPLAYED,
      person: 'operator:operator',
      recipients: [NODE],
    });
    expect(await env.call('operator', 'POST', `/v1/dead-letters/${first.id}/replay`)).toMatchObject({
      status: 404,
      body: { error: 'not-found' },
    });

    const second = await deadLettered('two');
    expect(await env.call('operator2', 'POST', `/v1/dead-letters/${second.id}/drop`)).toMatchObject({
      status: 200,
      body: { id: second.id, action: 'dropped' },
    });
    expect(await lastAuditEntry('dead-letter-dropped')).toMatchObject({
      event: AuditEvent.DEAD_LETTER_DROPPED,
      person: 'operator:operator2',
    });
    const remaining = await env.call<{ records: DeadLetterView[] }>('operator', 'GET', '/v1/dead-letters');
    expect(remaining.body.records.map((record) => record.id)).not.toContain(second.id);
  });

  it('verifies the audit chain, operators’ decisions included, and keeps the result', async () => {
    const verified = await env.call<VerificationView>('operator', 'POST', '/v1/audit/verify');
    expect(verified.status).toBe(200);
    expect(verified.body).toMatchObject({ ok: true });
    const { state: audit } = await env.jsm.streams.info(STREAM_AUDIT);
    expect(verified.body.checked).toBe(audit.messages);
    expect(verified.body.failure).toBeUndefined();
    const state = await env.call<{ lastVerification: VerificationView }>('operator', 'GET', '/v1/audit');
    expect(state.body.lastVerification).toEqual(verified.body);
    const metrics = await fetch(`${env.url}/metrics`, {
      headers: { authorization: `Bearer ${await env.token('operator')}` },
    });
    expect(await metrics.text()).toMatch(/^bl_audit_verified\{service="console"\} 1$/m);
  });

  it('drops and counts a heartbeat its sender did not sign, and keeps serving', async () => {
    env.operator.publish(`bl.hb.${NODE}`, 'not a heartbeat');
    await env.operator.flush();
    const refused = await waitFor(
      async () => {
        const metrics = await fetch(`${env.url}/metrics`, {
          headers: { authorization: `Bearer ${await env.token('operator')}` },
        });
        return (
          /^bl_heartbeats_refused_total\{reason="envelope",service="console"\} [1-9]/m.exec(
            await metrics.text(),
          ) ?? undefined
        );
      },
      { what: 'the unsigned heartbeat counted' },
    );
    expect(refused).toBeDefined();
    expect((await env.call('operator', 'GET', '/v1/network')).status).toBe(200);
    const traffic = await env.call<{ bucketS: number; series: unknown[] }>(
      'operator',
      'GET',
      '/v1/traffic?minutes=5',
    );
    expect(traffic.body).toMatchObject({ bucketS: 60 });
    expect(traffic.body.series).toHaveLength(5);
    expect((await env.call('operator', 'GET', '/v1/traffic?minutes=0')).status).toBe(400);
  });

  it('shows the registry, its keys and the NATS account without a monitoring endpoint', async () => {
    const keys = await env.call<{ keys: { node: string }[] }>('operator', 'GET', '/v1/keys');
    expect(keys.body.keys.map((key) => key.node)).toContain(NODE);
    const registry = await env.call<{ nodes: { id: string }[] }>('operator', 'GET', '/v1/registry');
    expect(registry.body.nodes.map((n) => n.id)).toEqual(env.parties.registry.nodes.map((n) => n.id));
    const nats = await env.call<{ source: string; jetstream: { streams: number } }>(
      'operator',
      'GET',
      '/v1/nats',
    );
    expect(nats.body.source).toBe('account');
    expect(nats.body.jetstream.streams).toBeGreaterThan(0);
  });
});
