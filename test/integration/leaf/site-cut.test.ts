// Local traffic during a cut and exactly once after it: kz-border and kz-customs run on site kz's leaf
// server, tj-border and the hub on the hub's server. With the hub's server down, an alert from
// kz-border to kz-customs and tj-border reaches kz-customs on the site fast path and waits in
// kz-border's outbox; when the link returns, tj-border gets it once, kz-customs still holds it once,
// and kz-border sees both delivered.
import { alertRequest, fixtureKeys, fixtureRegistry } from '#node/testing';
import type { Registry } from '#registry';
import { waitFor } from '#testing';
import {
  generateLeafKeys,
  leafRegistry,
  REMOTE_NODE,
  startLeafNetwork,
  type LeafNetwork,
} from '../../support/leaf-site.js';

const keys = generateLeafKeys();
// The fixture's regions, border section and crossing point, so that the fixture alert is valid.
const { regions, sections, crossingPoints } = fixtureRegistry(fixtureKeys());
const registry: Registry = leafRegistry(keys, { regions, sections, crossingPoints });

let network: LeafNetwork;

beforeAll(async () => {
  network = await startLeafNetwork(keys, registry);
  for (const node of ['kz-border', 'kz-customs', REMOTE_NODE]) await network.startNode(node);
});

afterAll(async () => {
  await network?.stop();
});

describe('a national site while its link to the hub is cut', () => {
  const id = 'kz-alert-during-the-cut';

  it('delivers locally during the cut and exchanges everything exactly once when the link returns', async () => {
    const { servers, inbox, sent } = network;
    await servers.hub.kill();
    const response = await network.postAlert('kz-border', {
      ...alertRequest(),
      id,
      addressees: { nodes: ['kz-customs', REMOTE_NODE] },
    });
    expect(response.status).toBe(202);
    expect(response.body).toMatchObject({ id, status: 'queued' });

    const local = await waitFor(async () => (await inbox('kz-customs')).find((item) => item.id === id), {
      what: 'the alert in kz-customs’ inbox during the cut',
    });
    expect(local).toMatchObject({ sender: 'kz-border', verified: true, viaSite: true });
    // tj-border is on the hub's server, which is down: it cannot have it.
    expect((await inbox(REMOTE_NODE)).some((item) => item.id === id)).toBe(false);

    await servers.hub.restart();
    const delivered = await waitFor(
      async () => {
        const state = await sent('kz-border', id);
        const states = new Map(state?.recipients.map((r) => [r.node, r.state]));
        return states.get('kz-customs') === 'delivered' && states.get(REMOTE_NODE) === 'delivered'
          ? state
          : undefined;
      },
      { timeoutMs: 60_000, what: 'kz-border to see its alert delivered to both recipients' },
    );
    expect(delivered.status).toBe('accepted');
    expect((await inbox(REMOTE_NODE)).filter((item) => item.id === id)).toHaveLength(1);
    const held = (await inbox('kz-customs')).filter((item) => item.id === id);
    // Delivered by the hub too now: no longer marked as received over the site only.
    expect(held).toEqual([expect.not.objectContaining({ viaSite: true })]);
  });
});
