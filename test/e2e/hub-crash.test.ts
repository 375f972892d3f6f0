import { waitFor } from '#testing';
import { expectEachDeliveredOnce, inboxSize, postAlerts } from './support/deliveries.js';
import { subscribersBut, useE2eStack } from './support/e2e-stack.js';
import { caspianAlert } from './support/messages.js';

const SENDER = 'kz-border';
const RECIPIENTS = subscribersBut(SENDER, 'caspian', 'salw');
const TOTAL = 1_000;
// The hub is killed once this many alerts are accepted and it has delivered some of them.
const KILL_AFTER = 300;

describe('a hub crash in the middle of a stream (whole processes)', () => {
  const e2e = useE2eStack([SENDER, ...RECIPIENTS]);

  it('loses none and duplicates none of 1,000 alerts at any recipient when the hub is killed and started again', async () => {
    const env = e2e();
    const accepted: string[] = [];
    const publishing = postAlerts(env.url(SENDER), TOTAL, caspianAlert, { concurrency: 16, accepted });

    // Mid-stream: the node is still accepting and the hub has routed part of what it accepted.
    const probe = RECIPIENTS[0]!;
    await waitFor(async () => accepted.length >= KILL_AFTER && (await inboxSize(env, probe)) > 0, {
      timeoutMs: 60_000,
      what: `${KILL_AFTER} accepted alerts and a first delivery to ${probe}`,
    });
    await env.stack.hub.kill();
    const acceptedAtCrash = accepted.length;
    const deliveredAtCrash = await inboxSize(env, probe);

    // The node keeps accepting with the hub down: JetStream holds the stream for it.
    const ids = await publishing;
    await env.stack.hub.restart();

    expect(acceptedAtCrash).toBeLessThan(TOTAL);
    expect(deliveredAtCrash).toBeLessThan(TOTAL);
    expect(new Set(ids).size).toBe(TOTAL);
    // Messages the dead hub held unacknowledged come back after the consumer's ack wait (30 s).
    await expectEachDeliveredOnce(env, RECIPIENTS, ids, 150_000);
  }, 300_000);
});
