import { waitFor } from '#testing';
import { storedDeliveries } from './support/deliveries.js';
import { DEPLOY_REGISTRY, subscribersBut, useE2eStack } from './support/e2e-stack.js';
import { EXAMPLE_ALERT } from './support/messages.js';
import { inbox, openInboxStream, postJson, sentMessage, type InboxStream } from './support/node-api.js';

const SENDER = 'kz-border';
// Entitled per the registry: the subscribers of afghan-border × salw (the example alert's topic).
const RECIPIENTS = subscribersBut(SENDER, 'afghan-border', 'salw');
// kg-customs subscribes to neither; kg-border to afghan-border, but for other categories.
const OUTSIDERS = ['kg-customs', 'kg-border'];

describe('a SALW seizure alert from the Kazakh border service (whole processes)', () => {
  const e2e = useE2eStack([SENDER, ...RECIPIENTS, ...OUTSIDERS]);
  let stream: InboxStream | undefined;
  afterEach(() => stream?.close());

  it('is entitled, per the registry, to the Tajik border service, Uzbek customs and UNODC among others', () => {
    expect(RECIPIENTS).toEqual(expect.arrayContaining(['tj-border', 'uz-customs', 'unodc']));
    for (const outsider of OUTSIDERS) {
      expect(DEPLOY_REGISTRY.subscribers('afghan-border', 'salw')).not.toContain(outsider);
    }
  });

  it('reaches every subscriber verified, live on the event stream, and never a node that is not subscribed', async () => {
    const env = e2e();
    stream = await openInboxStream(env.url('tj-border'));

    const posted = await postJson<{ id: string; status: string }>(
      `${env.url(SENDER)}/v1/alerts`,
      EXAMPLE_ALERT,
    );
    expect(posted).toMatchObject({ status: 202, body: { status: 'accepted' } });
    const { id } = posted.body;

    // The sender follows each recipient to `delivered` (the recipient's own signed receipt).
    const sent = await waitFor(
      async () => {
        const message = await sentMessage(env.url(SENDER), id);
        const states = message?.recipients ?? [];
        return states.length === RECIPIENTS.length && states.every((r) => r.state === 'delivered') && message;
      },
      { timeoutMs: 30_000, what: `every recipient of ${id} delivered, as seen by ${SENDER}` },
    );
    expect(sent).toMatchObject({ id, kind: 'alert', status: 'accepted' });
    expect(sent.recipients.map((recipient) => recipient.node).sort()).toEqual([...RECIPIENTS].sort());

    for (const node of RECIPIENTS) {
      const item = (await inbox(env.url(node))).find((candidate) => candidate.id === id);
      expect({ node, item }).toMatchObject({
        node,
        item: { kind: 'alert', sender: SENDER, region: 'afghan-border', category: 'salw', verified: true },
      });
    }
    await expect(stream.waitFor(id)).resolves.toMatchObject({ id, sender: SENDER, verified: true });

    // Routed once and for all (the sender has every receipt): outsiders got no copy, not even in the stream.
    for (const outsider of OUTSIDERS) {
      expect((await inbox(env.url(outsider))).map((item) => item.id)).not.toContain(id);
      await expect(storedDeliveries(env, 'alert', outsider)).resolves.toBe(0);
    }
  }, 60_000);
});
