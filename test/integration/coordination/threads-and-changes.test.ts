// Coordination through the nodes' REST APIs: a reply in an alert's thread, an update and a cancel that
// reach every recipient of the original whatever their own regions, a change of another node's alert
// refused, a firearms trace from its seizure alert to its result, a joint operation opening its closed
// user group, weapon serials correlated within
// what each node holds, and a node's retention deleting what was sent longer ago. A hub and three nodes in-process, each with its own nkey, on a spawned NATS running
// the configuration `borderlink nats-config` generates (authentication and permissions on), and Redis.
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { sealNodeMessage, testAlert } from '#hub/testing';
import { inboxItemKey, inboxSeenKey, type InboxItem } from '#node';
import { alertRequest, noticeRequest } from '#node/testing';
import { waitFor } from '#testing';
import { NodeSigner } from '#trust';
import { Redis } from 'ioredis';
import { startInProcessNetwork, type InProcessNetwork } from '../../support/in-process-network.js';
import { publishOn } from '../../support/secured-nats.js';

const NODES = ['kz-border', 'tj-border', 'unodc', 'uz-customs'] as const;
type Node = (typeof NODES)[number];
// Keeps what it holds for a day from its sent time; the others keep the default.
const SHORT_RETENTION: Node = 'uz-customs';
type Shown = InboxItem & { state: string; supersededBy?: string; cancelledBy?: string };

let network: InProcessNetwork;

beforeAll(async () => {
  network = await startInProcessNetwork();
  await network.startHub();
  for (const node of NODES) {
    await network.startNode(node, node === SHORT_RETENTION ? { NODE_RETENTION_DAYS: '1' } : {});
  }
});

afterAll(() => network?.stop());

const call = <T>(node: Node, method: string, path: string, body?: unknown) =>
  network.call<T>(node, method, path, body);

async function send(node: Node, path: string, body: unknown): Promise<string> {
  const sent = await call<{ id: string }>(node, 'POST', path, body);
  expect(sent.status).toBe(202);
  return sent.body.id;
}

/** The inbox item `id` at `node` once `until` holds for it. */
const inboxItem = (node: Node, id: string, until: (item: Shown) => boolean = () => true) =>
  waitFor(
    async () => {
      const { body } = await call<{ items: Shown[] }>(node, 'GET', '/v1/inbox?limit=200');
      if (body.items === undefined) throw new Error(JSON.stringify(body));
      const { items } = body;
      return items.find((item) => item.id === id && until(item));
    },
    { what: `message ${id} in the inbox of ${node}` },
  );

const texts = (headline: string) => [
  { language: 'en', provenance: 'TRANSLATION_PROVENANCE_ORIGINAL', headline, description: headline },
];

describe('coordination through the nodes', () => {
  it("keeps a reply in the alert's thread, seen in order by both sides with the sender's receipts", async () => {
    const alert = await send('kz-border', '/v1/alerts', alertRequest());
    await inboxItem('tj-border', alert);
    const reply = await send('tj-border', `/v1/messages/${alert}/replies`, {
      texts: texts('Border post reinforced at Nizhny Panj'),
    });
    const received = await inboxItem('kz-border', reply);
    expect(received).toMatchObject({ kind: 'reply', sender: 'tj-border', handling: 'TLP:AMBER;H2' });
    expect(received.message).toMatchObject({ notice: alert, thread: alert });

    type Thread = { items: { id: string; direction: string; receipts?: { node: string }[] }[] };
    const atKz = await waitFor(
      async () => {
        const thread = (await call<Thread>('kz-border', 'GET', `/v1/threads/${alert}`)).body;
        return thread.items[0]?.receipts?.length === 3 ? thread : undefined;
      },
      { what: "the thread at kz-border with the hub's routing of the alert" },
    );
    expect(atKz.items.map((item) => [item.id, item.direction])).toEqual([
      [alert, 'sent'],
      [reply, 'received'],
    ]);
    expect(atKz.items[0]!.receipts!.map((receipt) => receipt.node).sort()).toEqual([
      'tj-border',
      'unodc',
      'uz-customs',
    ]);
    const atTj = (await call<Thread>('tj-border', 'GET', `/v1/threads/${alert}`)).body;
    expect(atTj.items.map((item) => [item.id, item.direction])).toEqual([
      [alert, 'received'],
      [reply, 'sent'],
    ]);
    // unodc had the alert, not the reply, which went to the alert's sender alone.
    const atUnodc = (await call<Thread>('unodc', 'GET', `/v1/threads/${alert}`)).body;
    expect(atUnodc.items.map((item) => item.id)).toEqual([alert]);
  });

  it('supersedes and then cancels the alert at every recipient, though the changes name a region none subscribes to', async () => {
    const alert = await send('kz-border', '/v1/alerts', alertRequest());
    await inboxItem('unodc', alert);
    const change = (type: string, reference: string) => ({
      ...alertRequest(),
      type,
      references: [reference],
      regions: ['central-asia'],
    });
    const update = await send('kz-border', '/v1/alerts', change('ALERT_TYPE_UPDATE', alert));
    for (const node of ['tj-border', 'unodc'] as const) {
      expect(await inboxItem(node, alert, (item) => item.state === 'superseded')).toMatchObject({
        supersededBy: update,
      });
      expect(await inboxItem(node, update)).toMatchObject({ state: 'active', region: 'direct' });
    }
    const cancel = await send('kz-border', '/v1/alerts', change('ALERT_TYPE_CANCEL', update));
    for (const node of ['tj-border', 'unodc'] as const) {
      expect(await inboxItem(node, update, (item) => item.state === 'cancelled')).toMatchObject({
        cancelledBy: cancel,
      });
    }
  });

  it("refuses a node's cancel of another node's alert, and changes nothing at the recipients", async () => {
    const alert = await send('kz-border', '/v1/alerts', alertRequest());
    await inboxItem('tj-border', alert);
    const forged = await send('tj-border', '/v1/alerts', {
      ...alertRequest(),
      type: 'ALERT_TYPE_CANCEL',
      references: [alert],
    });
    const rejected = await waitFor(
      async () => {
        const { body } = await call<{ status: string; rejection?: { reason: string } }>(
          'tj-border',
          'GET',
          `/v1/messages/${forged}`,
        );
        return body.status === 'rejected' ? body : undefined;
      },
      { what: "the hub's rejection of the forged cancel" },
    );
    expect(rejected.rejection?.reason).toMatch(/unauthori[sz]ed/i);
    expect(await inboxItem('unodc', alert)).toMatchObject({ state: 'active' });
  });

  it('keeps nothing past its retention, counted from the signed sent time, and keeps its id seen', async () => {
    const kz = await network.connectAs('kz-border');
    const signer = NodeSigner.fromSeed(network.keys['kz-border'].seed);
    const sentAt = (hoursAgo: number) => timestampFromDate(new Date(Date.now() - hoursAgo * 3_600_000));
    const [old, recent] = [
      testAlert('kz-border', { sent: sentAt(25) }),
      testAlert('kz-border', { sent: sentAt(1) }),
    ];
    for (const alert of [old, recent]) {
      const sealed = sealNodeMessage('alert', alert, signer);
      await publishOn(kz, { ...sealed, headers: Object.entries(sealed.headers), msgId: sealed.id });
    }
    await kz.drain();
    await inboxItem(SHORT_RETENTION, recent.id);
    const redis = new Redis(network.redis.url);
    try {
      // Both were taken in, in order; the one sent 25 hours ago was gone at once.
      expect(await redis.sismember(inboxSeenKey(SHORT_RETENTION), old.id)).toBe(1);
      expect(await redis.exists(inboxItemKey(SHORT_RETENTION, old.id))).toBe(0);
      const ttl = await redis.pttl(inboxItemKey(SHORT_RETENTION, recent.id));
      expect(ttl).toBeGreaterThan(22 * 3_600_000);
      expect(ttl).toBeLessThanOrEqual(23 * 3_600_000);
    } finally {
      redis.disconnect();
    }
    const { items } = (
      await call<{ items: InboxItem[] }>(SHORT_RETENTION, 'GET', '/v1/inbox?include=expired')
    ).body;
    expect(items.map((item) => item.id)).not.toContain(old.id);
    // The default retention keeps both.
    await inboxItem('tj-border', old.id);
  });

  it('matches a serial written in Cyrillic and in Latin at a node holding both, and nowhere else', async () => {
    const weapon = (serialNumber: string) => [
      {
        weapon: {
          type: 'WEAPON_TYPE_ASSAULT_RIFLE',
          make: 'Izhmash',
          calibre: '7.62x39mm',
          serialNumber,
          quantity: 1,
        },
      },
    ];
    const first = await send('kz-border', '/v1/alerts', { ...alertRequest(), items: weapon('ЛО 2645') });
    await inboxItem('tj-border', first);
    await inboxItem('uz-customs', first);
    const second = await send('unodc', '/v1/alerts', {
      ...alertRequest(),
      items: weapon('LO-2645'),
      handling: { tlp: 'TLP_RED', code: 'HANDLING_CODE_H2' },
      addressees: { nodes: ['tj-border'] },
    });
    const matches = async (node: Node) =>
      (await call<{ items: Shown[] }>(node, 'GET', '/v1/inbox?kind=match&limit=200')).body.items.filter(
        (item) => JSON.stringify(item.message).includes(first),
      );
    const match = await waitFor(async () => (await matches('tj-border'))[0], {
      what: 'the match at tj-border',
    });
    expect(match).toMatchObject({ sender: 'tj-border', verified: true, handling: 'TLP:RED;H2' });
    expect(match.message).toMatchObject({
      serial: 'LO2645',
      match: 'exact',
      messages: [
        { id: first, sender: 'kz-border', serial: 'ЛО 2645' },
        { id: second, sender: 'unodc', serial: 'LO-2645' },
      ],
    });
    expect(await matches('tj-border')).toHaveLength(1);
    // The RED alert went to tj-border alone: kz-border and uz-customs hold one of the two.
    expect(await matches('uz-customs')).toEqual([]);
    expect(await matches('kz-border')).toEqual([]);

    type Hits = { items: { message: string; match: string }[] };
    const search = async (serial: string) =>
      (await call<Hits>('tj-border', 'GET', `/v1/search?serial=${encodeURIComponent(serial)}`)).body.items
        .filter((hit) => [first, second].includes(hit.message))
        .map((hit) => [hit.message, hit.match]);
    expect((await search('lo 2645')).sort()).toEqual(
      [
        [first, 'exact'],
        [second, 'exact'],
      ].sort(),
    );
    expect((await search('ЛО-26?5')).sort()).toEqual(
      [
        [first, 'partial'],
        [second, 'partial'],
      ].sort(),
    );
  });

  it('follows a firearms trace from its seizure alert to its result, as the tracer answers', async () => {
    const seizure = await send('kz-border', '/v1/alerts', alertRequest());
    await inboxItem('unodc', seizure);
    const weapon = {
      type: 'WEAPON_TYPE_ASSAULT_RIFLE',
      make: 'Izhmash',
      model: 'AKM',
      calibre: '7.62x39mm',
      serialNumber: 'ЛО 7731',
      quantity: 1,
    };
    const traceRequest = (seizureAlert: string) => ({
      ...noticeRequest(),
      kind: 'NOTICE_KIND_FIREARMS_TRACE_REQUEST',
      addressees: { nodes: ['unodc'] },
      trace: {
        item: weapon,
        illicitNature: 'Seized without licence',
        intendedUse: 'Criminal proceedings',
        seizureAlert,
      },
    });
    const refused = await call<{ violations: { field: string }[] }>(
      'kz-border',
      'POST',
      '/v1/notices',
      traceRequest('01a241b2-0000-7000-8000-000000000000'),
    );
    expect(refused.status).toBe(400);
    expect(refused.body.violations).toEqual([expect.objectContaining({ field: 'trace.seizureAlert' })]);

    const trace = await send('kz-border', '/v1/notices', traceRequest(seizure));
    type Traces = { items: { id: string; state: string; by?: string; result?: unknown; weapon: unknown }[] };
    const traces = async () =>
      (await call<Traces>('kz-border', 'GET', `/v1/messages/${seizure}/traces`)).body.items;
    const stateOf = (state: string) =>
      waitFor(async () => (await traces()).find((item) => item.id === trace && item.state === state), {
        what: `the trace ${state} at kz-border`,
      });
    expect(await stateOf('requested')).toMatchObject({ weapon: { serialNumber: 'ЛО 7731' } });

    await inboxItem('unodc', trace);
    expect(
      (await call('unodc', 'POST', `/v1/messages/${trace}/receipts`, { kind: 'acknowledged' })).status,
    ).toBe(202);
    await stateOf('received');
    const answer = (body: object) => send('unodc', `/v1/messages/${trace}/replies`, body);
    await answer({ traceStatus: 'TRACE_STATUS_IN_PROGRESS' });
    await stateOf('in-progress');
    const result = {
      summary: 'Made in 1979, exported in 1989 to the armed forces, reported stolen from a depot in 1992.',
      lastLegalHolder: 'Ministry of Defence',
      holderCountry: 'AF',
      transfers: [
        { party: 'Izhmash', country: 'RU' },
        { party: 'Ministry of Defence', country: 'AF' },
      ],
    };
    await answer({ traceStatus: 'TRACE_STATUS_ANSWERED', traceResult: result });
    expect(await stateOf('traced')).toMatchObject({ by: 'unodc', result });
    // The tracer sees the same trace on the seizure alert it received.
    expect((await call<Traces>('unodc', 'GET', `/v1/messages/${seizure}/traces`)).body.items).toEqual([
      expect.objectContaining({ id: trace, state: 'traced' }),
    ]);
  });

  it("opens a joint operation's closed user group, owned by its initiator, with the addressees as members", async () => {
    const operation = await send('kz-border', '/v1/notices', {
      ...noticeRequest(),
      kind: 'NOTICE_KIND_JOINT_OPERATION',
      addressees: { nodes: ['tj-border', 'unodc'] },
      operation: { name: 'Operation Panj Spring', group: 'op-panj-spring' },
    });
    type Groups = { group: string; owner: string; members: string[] }[];
    const groupAt = (node: Node) =>
      waitFor(
        async () =>
          (await call<Groups>(node, 'GET', '/v1/groups')).body.find(
            (group) => group.group === 'op-panj-spring',
          ),
        { what: `the operation's group at ${node}` },
      );
    for (const node of ['kz-border', 'tj-border', 'unodc'] as const) {
      const group = await groupAt(node);
      expect(group.owner).toBe('kz-border');
      expect([...group.members].sort()).toEqual(['kz-border', 'tj-border', 'unodc']);
    }
    const received = await inboxItem('tj-border', operation);
    expect(received.message).toMatchObject({ operation: { group: 'op-panj-spring', owner: 'kz-border' } });
  });
});
