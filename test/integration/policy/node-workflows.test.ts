// The release workflow and closed user groups through the nodes' REST APIs (a release by two people,
// end to end, is in test/integration/access/authorisation.test.ts): a hub and three nodes
// in-process, each connecting with its own nkey, on a spawned NATS running the configuration
// `borderlink nats-config` generates for the registry (authentication and permissions on) and Redis.
import type { InboxItem } from '#node';
import { alertRequest } from '#node/testing';
import { waitFor } from '#testing';
import { startInProcessNetwork, type InProcessNetwork } from '../../support/in-process-network.js';

const NODES = ['kz-border', 'tj-border', 'unodc'] as const;
type Node = (typeof NODES)[number];

let network: InProcessNetwork;

beforeAll(async () => {
  network = await startInProcessNetwork();
  await network.startHub();
  for (const node of NODES) await network.startNode(node);
});

afterAll(() => network?.stop());

const call = <T = { id: string; items?: InboxItem[] }>(
  node: Node,
  method: string,
  path: string,
  body?: unknown,
) => network.call<T>(node, method, path, body);

const inboxItem = (node: Node, id: string) =>
  waitFor(
    async () => ((await call(node, 'GET', '/v1/inbox')).body.items ?? []).find((item) => item.id === id),
    { what: `message ${id} in the inbox of ${node}` },
  );

/** A request from tj-border to release kz-border's alert `id` to unodc, once kz-border holds it. */
async function releaseRequestAtKz(id: string): Promise<string> {
  await inboxItem('tj-border', id);
  const request = await call('tj-border', 'POST', `/v1/messages/${id}/releases`, {
    to: 'unodc',
    reason: 'UNODC supports the investigation',
  });
  expect(request.status).toBe(202);
  const pending = await waitFor(
    async () => {
      const { pending } = (await call<{ pending: { request: string }[] }>('kz-border', 'GET', '/v1/releases'))
        .body;
      return pending.find((item) => item.request === request.body.id);
    },
    { what: 'the release request at the originator' },
  );
  expect(pending).toMatchObject({ message: id, requester: 'tj-border', to: 'unodc' });
  return request.body.id as string;
}

/** Posts an alert from kz-border to tj-border labelled `tlp`; resolves with its id. */
async function alertToTj(tlp: string): Promise<string> {
  const alert = await call('kz-border', 'POST', '/v1/alerts', {
    ...alertRequest(),
    handling: { tlp, code: 'HANDLING_CODE_H2' },
    addressees: { nodes: ['tj-border'] },
  });
  expect(alert.status).toBe(202);
  return alert.body.id as string;
}

describe('release workflow through the nodes', () => {
  it('takes no service’s approval of a TLP:RED release: four eyes are two people', async () => {
    const request = await releaseRequestAtKz(await alertToTj('TLP_RED'));
    const decided = await call('kz-border', 'POST', `/v1/releases/${request}/decision`, { approve: true });
    expect(decided).toMatchObject({
      status: 403,
      body: {
        error: 'forbidden',
        reason: 'four eyes: releasing this message takes two people, not a service',
      },
    });
  });

  it('answers 404 to a release of a message the node never received', async () => {
    expect(
      (await call('unodc', 'POST', '/v1/messages/unknown-id/releases', { to: 'tj-border' })).status,
    ).toBe(404);
  });
});

describe('closed user groups through the nodes', () => {
  it('opens a group, tells its members, and forgets a removed member at once', async () => {
    const opened = await call('kz-border', 'POST', '/v1/groups', {
      id: 'op-panj',
      name: 'Operation Panj',
      members: ['tj-border', 'unodc'],
    });
    expect(opened.status).toBe(202);
    const groupsOf = async (node: Node) =>
      (await call(node, 'GET', '/v1/groups')).body as unknown as { group: string; members: string[] }[];
    await waitFor(async () => (await groupsOf('unodc')).find((g) => g.group === 'op-panj'), {
      what: 'unodc told of the group',
    });

    expect((await call('kz-border', 'DELETE', '/v1/groups/op-panj/members/unodc')).status).toBe(202);
    await waitFor(async () => ((await groupsOf('unodc')).length === 0 ? true : undefined), {
      what: 'unodc told it is out',
    });
    const view = await waitFor(
      async () =>
        (await groupsOf('tj-border')).find((g) => g.group === 'op-panj' && !g.members.includes('unodc')),
      { what: 'tj-border told of the removal' },
    );
    expect(view.members.sort()).toEqual(['kz-border', 'tj-border']);

    const notice = await call('kz-border', 'POST', '/v1/notices', {
      kind: 'NOTICE_KIND_INFORMATION_REQUEST',
      status: 'STATUS_ACTUAL',
      priority: 'PRIORITY_HIGH',
      texts: [{ language: 'en', provenance: 'TRANSLATION_PROVENANCE_ORIGINAL', headline: 'Group briefing' }],
      addressees: { groups: ['op-panj'] },
      handling: { tlp: 'TLP_AMBER_STRICT', code: 'HANDLING_CODE_H2' },
    });
    expect(notice.status).toBe(202);
    await inboxItem('tj-border', notice.body.id);
    const status = await waitFor(
      async () => {
        const sent = (
          await call<{ recipients?: { node: string }[] }>(
            'kz-border',
            'GET',
            `/v1/messages/${notice.body.id}`,
          )
        ).body;
        return sent.recipients?.length ? sent.recipients : undefined;
      },
      { what: 'the routing report of the group notice' },
    );
    expect(status.map((recipient) => recipient.node)).toEqual(['tj-border']);
  });
});
