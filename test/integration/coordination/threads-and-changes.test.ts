// Coordination through the nodes' REST APIs: a reply in an alert's thread, an update and a cancel that
// reach every recipient of the original whatever their own regions, and a change of another node's
// alert refused. A hub and three nodes in-process, each with its own nkey, on a spawned NATS running
// the configuration `borderlink nats-config` generates (authentication and permissions on), and Redis.
import type { InboxItem } from '#node';
import { alertRequest } from '#node/testing';
import { waitFor } from '#testing';
import { startInProcessNetwork, type InProcessNetwork } from '../../support/in-process-network.js';

const NODES = ['kz-border', 'tj-border', 'unodc'] as const;
type Node = (typeof NODES)[number];
type Shown = InboxItem & { state: string; supersededBy?: string; cancelledBy?: string };

let network: InProcessNetwork;

beforeAll(async () => {
  network = await startInProcessNetwork();
  await network.startHub();
  for (const node of NODES) await network.startNode(node);
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
});
