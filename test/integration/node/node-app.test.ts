import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { INestApplication } from '@nestjs/common';
import { jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import {
  Category,
  HEADER_ID,
  HEADER_KEY,
  HEADER_MSG_ID,
  HEADER_RECIPIENT,
  HEADER_STATEMENT,
  HEADER_SIGNATURE,
  ReceiptKind,
  ReceiptSchema,
  RejectionReason,
  RejectionSchema,
  RoutingReportSchema,
  STREAM_DELIVERY,
  STREAM_DEAD_LETTER,
  STREAM_INGRESS,
  deadLetterSubject,
  decodeMessage,
  deliverySubject,
  encodeMessage,
  ingressSubject,
  messageFromJson,
  nodeDeliveryConsumer,
  type MessageKind,
  type MessageOf,
} from '#contracts';
import type { InboxItem } from '#node';
import { alertRequest, hubStatement, noticeRequest, sealMessage, type FixtureNode } from '#node/testing';
import { waitFor } from '#testing';
import { SignatureVerifier, readSignedFields } from '#trust';
import { NODE, startTestbed, type NodeTestbed } from './node-harness.js';

let testbed: NodeTestbed;
let app: INestApplication;
let base: string;
let verifier: SignatureVerifier;
let nc: NatsConnection;
let js: JetStreamClient;
let jsm: JetStreamManager;

beforeAll(async () => {
  testbed = await startTestbed();
  ({ app, base } = await testbed.start());
  verifier = new SignatureVerifier((node) => testbed.registry.publicKeys(node));
  nc = await testbed.operator();
  js = jetstream(nc);
  jsm = await jetstreamManager(nc);
});

afterAll(async () => {
  await app?.close();
  await nc?.close();
  await testbed?.stop();
});

// ---- helpers -------------------------------------------------------------------------------

/** The union of the API's JSON response shapes, loose enough to assert on any of them. */
interface Json {
  id?: string;
  status?: string;
  kind?: string;
  error?: string;
  detail?: string;
  violations?: { field: string; reason: string }[];
  items?: InboxItem[];
  recipients?: { node: string; state: string }[];
  rejection?: unknown;
  paths?: Record<string, unknown>;
  node?: string;
  checkpoints?: unknown[];
  statements?: { id: string; origin: string; hub: string; recipients: string[] }[];
}

async function post(path: string, body: unknown): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${base}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...testbed.auth },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Json };
}

async function get(path: string): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${base}${path}`, { headers: testbed.auth });
  return { status: response.status, body: (await response.json()) as Json };
}

async function ingressCount(): Promise<number> {
  return (await jsm.streams.info(STREAM_INGRESS)).state.messages;
}

/** The last message on one of the node's ingress subjects, with its id. */
async function lastIngress(kind: MessageKind) {
  return jsm.streams.getMessage(STREAM_INGRESS, { last_by_subj: ingressSubject(NODE, kind) });
}

let sequence = 0;
const freshId = (prefix: string) => `${prefix}-${Date.now()}-${++sequence}`;

/** An alert from `sender`, valid and ready to sign. */
function alertFrom(sender: FixtureNode, id = freshId('alert')): MessageOf<'alert'> {
  const alert = messageFromJson('alert', alertRequest());
  alert.id = id;
  alert.sender = sender;
  alert.sent = timestampFromDate(new Date());
  return alert;
}

interface DeliverOptions {
  /** Sign the body, then deliver this one instead (tampering in transit). */
  tamper?: (body: Uint8Array) => Uint8Array;
  /** JetStream dedupe id; the hub's `<id>:<recipient>` by default. */
  msgId?: string;
  region?: string;
  category?: string;
  /** Whom the hub's statement names; this node by default. */
  statedTo?: string[];
}

/** Publishes `message` on this node's delivery subject the way the hub does; resolves with its stream sequence. */
async function deliver<K extends MessageKind>(
  kind: K,
  message: MessageOf<K> & { id: string; sender: string },
  signer: FixtureNode,
  options: DeliverOptions = {},
): Promise<number> {
  const sealed = sealMessage(kind, message, testbed.keys[signer].seed, new Date());
  const { body, headers } = sealed;
  const h = natsHeaders();
  for (const [name, value] of Object.entries(headers)) h.set(name, value);
  h.set(HEADER_RECIPIENT, NODE);
  // The hub states what it relays: a copy tampered with before the hub is stated as it came.
  const relayed = { ...sealed, body: options.tamper ? options.tamper(body) : body };
  h.set(HEADER_STATEMENT, hubStatement(relayed, testbed.keys.hub.seed, options.statedTo ?? [NODE]));
  const subject = deliverySubject(NODE, kind, options.region ?? 'direct', options.category ?? 'general');
  const ack = await js.publish(subject, relayed.body, {
    msgID: options.msgId ?? `${message.id}:${NODE}`,
    headers: h,
  });
  return ack.seq;
}

/** Resolves once the node's consumer has acked everything up to `seq` (its handler finished). */
async function handled(seq: number): Promise<void> {
  await waitFor(
    async () =>
      (await jsm.consumers.info(STREAM_DELIVERY, nodeDeliveryConsumer(NODE))).ack_floor.stream_seq >= seq,
    { what: `the node to ack delivery ${seq}` },
  );
}

async function inbox(query = ''): Promise<InboxItem[]> {
  return (await get(`/v1/inbox${query}`)).body.items ?? [];
}

/** The receipts this node published for message `id`. */
async function receiptsFor(id: string): Promise<MessageOf<'receipt'>[]> {
  const found: MessageOf<'receipt'>[] = [];
  const info = await jsm.streams.info(STREAM_INGRESS);
  for (let seq = info.state.first_seq; seq <= info.state.last_seq; seq++) {
    const stored = await jsm.streams.getMessage(STREAM_INGRESS, { seq });
    if (stored?.subject !== ingressSubject(NODE, 'receipt')) continue;
    const receipt = decodeMessage('receipt', stored.data);
    if (receipt.message === id) found.push(receipt);
  }
  return found;
}

/** Reads server-sent events from the inbox stream until `until` holds for one of them. */
async function nextEvent(
  until: (item: InboxItem) => boolean,
  opened: () => Promise<unknown>,
): Promise<InboxItem> {
  const abort = new AbortController();
  const response = await fetch(`${base}/v1/inbox/stream`, { signal: abort.signal, headers: testbed.auth });
  const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
  await opened();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error('event stream ended');
      buffer += value;
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const event = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const data = event
          .split('\n')
          .filter((line) => line.startsWith('data:'))
          .map((line) => line.slice(5).trim())
          .join('\n');
        if (data === '') continue;
        const item = JSON.parse(data) as InboxItem;
        if (until(item)) return item;
      }
    }
  } finally {
    abort.abort();
  }
}

// ---- tests ---------------------------------------------------------------------------------

describe('node app: publishing', () => {
  it('refuses an invalid alert with field-level reasons and publishes nothing', async () => {
    const before = await ingressCount();
    const response = await post('/v1/alerts', { ...alertRequest(), regions: ['atlantis'], texts: [] });
    expect(response.status).toBe(400);
    expect(response.body.error).toBe('invalid');
    const fields = (response.body.violations ?? []).map((v) => v.field);
    expect(fields).toEqual(expect.arrayContaining(['regions[0]', 'texts']));
    expect(await ingressCount()).toBe(before);
  });

  it('refuses a body that does not fit the schema as malformed', async () => {
    const before = await ingressCount();
    const response = await post('/v1/alerts', { ...alertRequest(), severity: 'SEVERITY_APOCALYPTIC' });
    expect(response.status).toBe(400);
    expect(response.body).toEqual({
      error: 'malformed',
      detail: expect.stringContaining('SEVERITY_APOCALYPTIC'),
    });
    expect(await ingressCount()).toBe(before);
  });

  it('refuses a body that is not a JSON object', async () => {
    const notJson = await fetch(`${base}/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...testbed.auth },
      body: '{"type": ',
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.json()).toEqual({ error: 'malformed', detail: expect.stringContaining('not JSON') });
    const plain = await fetch(`${base}/v1/alerts`, { method: 'POST', body: 'alert!', headers: testbed.auth });
    expect(plain.status).toBe(400);
    expect(await plain.json()).toEqual({
      error: 'malformed',
      detail: expect.stringContaining('JSON object'),
    });
  });

  it('refuses an alert claiming another sender', async () => {
    const response = await post('/v1/alerts', { ...alertRequest(), sender: 'tj-border' });
    expect(response.status).toBe(400);
    expect(response.body.violations).toEqual([{ field: 'sender', reason: expect.stringContaining(NODE) }]);
  });

  it('accepts a valid alert, publishes it signed on its ingress subject, and records it as sent', async () => {
    const response = await post('/v1/alerts', alertRequest());
    expect(response.status).toBe(202);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      status: 'accepted',
      duplicate: false,
    });
    const id = response.body.id!;

    const stored = await lastIngress('alert');
    expect(stored).not.toBeNull();
    expect(stored!.header.get(HEADER_MSG_ID)).toBe(id);
    const fields = readSignedFields((name) => stored!.header.get(name) || undefined);
    expect(fields).toMatchObject({
      id,
      type: 'alert',
      sender: NODE,
      handling: 'TLP:AMBER;H2',
      correlation: '',
    });
    expect(
      verifier.verify(
        fields,
        stored!.data,
        stored!.header.get(HEADER_SIGNATURE),
        stored!.header.get(HEADER_KEY),
      ),
    ).toEqual({ ok: true, key: testbed.keys[NODE].publicKey });
    const alert = decodeMessage('alert', stored!.data);
    expect(alert).toMatchObject({ id, sender: NODE, category: Category.SMALL_ARMS_LIGHT_WEAPONS });

    expect(await get(`/v1/messages/${id}`)).toEqual({
      status: 200,
      body: {
        id,
        kind: 'alert',
        status: 'accepted',
        handling: 'TLP:AMBER;H2',
        message: expect.objectContaining({ id, sender: NODE, actor: expect.any(String) }),
        recipients: [],
      },
    });
  });

  it('answers a retried post of the same id with the same id and stores it once', async () => {
    const id = freshId('retry');
    const first = await post('/v1/alerts', { ...alertRequest(), id });
    const before = await ingressCount();
    const second = await post('/v1/alerts', { ...alertRequest(), id });
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(first.body).toEqual({ id, status: 'accepted', duplicate: false });
    expect(second.body).toEqual({ id, status: 'accepted', duplicate: true });
    expect(await ingressCount()).toBe(before);
  });

  it('accepts a notice, opening its own thread with a deadline from its priority', async () => {
    const response = await post('/v1/notices', noticeRequest());
    expect(response.status).toBe(202);
    const stored = await lastIngress('notice');
    const notice = decodeMessage('notice', stored!.data);
    expect(notice.id).toBe(response.body.id);
    expect(notice.thread).toBe(notice.id);
    expect(notice.deadline).toBeDefined();
    expect(readSignedFields((name) => stored!.header.get(name) || undefined).correlation).toBe(notice.id);
  });

  it('answers 404 for a message this node never sent', async () => {
    expect((await get('/v1/messages/never-sent')).status).toBe(404);
  });
});

describe('node app: deliveries', () => {
  it('takes a verified delivery into the inbox, streams it, and sends a signed DELIVERED receipt', async () => {
    const alert = alertFrom('tj-border');
    const streamed = nextEvent(
      (item) => item.id === alert.id,
      () => deliver('alert', alert, 'tj-border', { region: 'afghan-border', category: 'salw' }),
    );
    expect(await streamed).toMatchObject({ id: alert.id, verified: true });

    const item = await waitFor(async () => (await inbox()).find((i) => i.id === alert.id), {
      what: 'the alert in the inbox',
    });
    expect(item).toMatchObject({
      id: alert.id,
      kind: 'alert',
      sender: 'tj-border',
      region: 'afghan-border',
      category: 'salw',
      verified: true,
      handling: 'TLP:AMBER;H2',
      message: expect.objectContaining({ id: alert.id, category: 'CATEGORY_SMALL_ARMS_LIGHT_WEAPONS' }),
    });

    const [receipt, ...more] = await waitFor(
      async () => {
        const found = await receiptsFor(alert.id);
        return found.length > 0 ? found : undefined;
      },
      { what: 'the DELIVERED receipt' },
    );
    expect(more).toEqual([]);
    expect(receipt).toMatchObject({ sender: NODE, origin: 'tj-border', kind: ReceiptKind.DELIVERED });
    const stored = await lastIngress('receipt');
    const fields = readSignedFields((name) => stored!.header.get(name) || undefined);
    expect(verifier.verify(fields, stored!.data, stored!.header.get(HEADER_SIGNATURE)).ok).toBe(true);
  });

  it('keeps a tampered delivery as unverified and sends no receipt', async () => {
    const alert = alertFrom('tj-border');
    const seq = await deliver('alert', alert, 'tj-border', {
      tamper: () => encodeMessage('alert', { ...alert, severity: alert.severity + 1 }),
    });
    await handled(seq);
    const item = (await inbox()).find((i) => i.id === alert.id);
    expect(item).toMatchObject({ verified: false, verification: 'signature-invalid' });
    expect(await receiptsFor(alert.id)).toEqual([]);
    // Filed in no thread, it is still read by id, as listed.
    expect(await get(`/v1/inbox/${alert.id}`)).toMatchObject({ status: 200, body: item });
    expect(await get('/v1/inbox/not-here')).toMatchObject({
      status: 404,
      body: { error: 'not-found', id: 'not-here' },
    });
  });

  it('refuses a copy the hub stated for other nodes: dead-lettered, never in the inbox, no receipt', async () => {
    const alert = alertFrom('tj-border');
    const seq = await deliver('alert', alert, 'tj-border', { statedTo: ['uz-customs', 'unodc'] });
    await handled(seq);
    const record = await jsm.streams.getMessage(STREAM_DEAD_LETTER, {
      last_by_subj: deadLetterSubject(STREAM_DELIVERY, nodeDeliveryConsumer(NODE)),
    });
    expect(record?.header.get(HEADER_ID)).toBe(alert.id);
    expect(record?.header.get('Bl-Dlq-Reason')).toContain('not-addressed');
    expect((await inbox()).find((i) => i.id === alert.id)).toBeUndefined();
    expect(await receiptsFor(alert.id)).toEqual([]);
  });

  it('shows the statements of what it took in, and the checkpoints the hub sent, at /v1/audit/witness', async () => {
    const alert = alertFrom('unodc');
    await handled(await deliver('alert', alert, 'unodc'));
    const { status, body } = await get('/v1/audit/witness?since=0');
    expect(status).toBe(200);
    expect(body).toMatchObject({ node: NODE, checkpoints: expect.any(Array) });
    const statement = body.statements?.find((s) => s.id === alert.id);
    expect(statement).toMatchObject({ origin: 'unodc', recipients: [NODE], hub: 'hub' });
    expect((await get('/v1/audit/witness?since=x')).status).toBe(400);
  });

  it('takes the same message delivered twice into the inbox once', async () => {
    const alert = alertFrom('uz-customs');
    await deliver('alert', alert, 'uz-customs');
    const seq = await deliver('alert', alert, 'uz-customs', { msgId: `${alert.id}:${NODE}:redelivered` });
    await handled(seq);
    expect((await inbox()).filter((i) => i.id === alert.id)).toHaveLength(1);
    expect(await receiptsFor(alert.id)).toHaveLength(1);
  });

  it('filters the inbox by kind and bounds the limit', async () => {
    expect((await inbox('?kind=notice')).every((i) => i.kind === 'notice')).toBe(true);
    expect(await inbox('?limit=1')).toHaveLength(1);
    const tooMany = await get('/v1/inbox?limit=500');
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.violations).toEqual([{ field: 'limit', reason: expect.any(String) }]);
  });

  it('follows per-recipient delivery state from the routing report and the receipts', async () => {
    const { body } = await post('/v1/alerts', alertRequest());
    const id = body.id!;
    const now = timestampFromDate(new Date());
    await deliver(
      'routing',
      create(RoutingReportSchema, {
        id: freshId('routing'),
        sender: 'hub',
        sent: now,
        message: id,
        recipients: ['tj-border', 'unodc'],
      }),
      'hub',
    );
    const receipt = (sender: FixtureNode, kind: ReceiptKind) =>
      create(ReceiptSchema, { id: freshId('receipt'), sender, sent: now, message: id, origin: NODE, kind });
    await deliver('receipt', receipt('tj-border', ReceiptKind.READ), 'tj-border');
    const seq = await deliver('receipt', receipt('tj-border', ReceiptKind.DELIVERED), 'tj-border');
    await handled(seq);
    const status = (await get(`/v1/messages/${id}`)).body;
    expect(status.recipients?.map((r) => [r.node, r.state])).toEqual([
      ['tj-border', 'read'],
      ['unodc', 'pending'],
    ]);
  });

  it('marks a message the hub rejected', async () => {
    const { body } = await post('/v1/alerts', alertRequest());
    const seq = await deliver(
      'rejection',
      create(RejectionSchema, {
        id: freshId('rejection'),
        sender: 'hub',
        sent: timestampFromDate(new Date()),
        message: body.id!,
        subject: ingressSubject(NODE, 'alert'),
        reason: RejectionReason.UNAUTHORIZED,
        detail: 'not allowed',
      }),
      'hub',
    );
    await handled(seq);
    expect((await get(`/v1/messages/${body.id}`)).body).toMatchObject({
      status: 'rejected',
      rejection: { reason: 'unauthorized', detail: 'not allowed', violations: [] },
    });
  });

  it('ignores a routing report that does not come from the hub', async () => {
    const { body } = await post('/v1/alerts', alertRequest());
    const seq = await deliver(
      'routing',
      create(RoutingReportSchema, {
        id: freshId('routing'),
        sender: 'tj-border',
        message: body.id!,
        recipients: ['unodc'],
      }),
      'tj-border',
    );
    await handled(seq);
    expect((await get(`/v1/messages/${body.id}`)).body.recipients).toEqual([]);
  });
});

describe('node app: receipts from users', () => {
  it('sends a signed READ receipt for an inbox message', async () => {
    const alert = alertFrom('unodc');
    await handled(await deliver('alert', alert, 'unodc'));
    const response = await post(`/v1/messages/${alert.id}/receipts`, { kind: 'read' });
    expect(response).toEqual({
      status: 202,
      body: { id: expect.any(String), status: 'accepted', duplicate: false },
    });
    const kinds = (await receiptsFor(alert.id)).map((r) => r.kind);
    expect(kinds).toEqual(expect.arrayContaining([ReceiptKind.DELIVERED, ReceiptKind.READ]));
  });

  it('requires a reason to decline', async () => {
    const alert = alertFrom('unodc');
    await handled(await deliver('alert', alert, 'unodc'));
    const response = await post(`/v1/messages/${alert.id}/receipts`, { kind: 'declined' });
    expect(response.status).toBe(400);
    expect(response.body.violations).toEqual([{ field: 'reason', reason: expect.any(String) }]);
  });

  it('refuses receipts for messages not in the inbox, and unknown receipt kinds', async () => {
    expect((await post('/v1/messages/not-here/receipts', { kind: 'read' })).status).toBe(404);
    expect((await post('/v1/messages/not-here/receipts', { kind: 'delivered' })).status).toBe(400);
  });
});

describe('node app: operations', () => {
  it('serves the OpenAPI document with the message endpoints', async () => {
    const { status, body } = await get('/docs-json');
    expect(status).toBe(200);
    expect(Object.keys(body.paths ?? {})).toEqual(
      expect.arrayContaining([
        '/v1/alerts',
        '/v1/notices',
        '/v1/inbox',
        '/v1/inbox/stream',
        '/v1/messages/{id}',
        '/v1/audit/witness',
      ]),
    );
  });

  it('reports health and publishes metrics', async () => {
    const health = await fetch(`${base}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const details = await (await fetch(`${base}/healthz/details`, { headers: testbed.auth })).json();
    expect(details).toMatchObject({
      status: 'ok',
      info: { nats: { status: 'up' }, outbox: { status: 'up' } },
    });
    const metrics = await (await fetch(`${base}/metrics`, { headers: testbed.auth })).text();
    expect(metrics).toMatch(/bl_published_total\{[^}]*kind="alert"[^}]*\} \d+/);
    expect(metrics).toMatch(/bl_delivered_total\{[^}]*kind="alert"[^}]*\} \d+/);
  });
});
