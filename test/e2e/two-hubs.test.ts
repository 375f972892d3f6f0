import { freePort } from '#process';
import { AppProcess, hubProcessSpec } from '#stack';
import { expectEachDeliveredOnce, postAlerts } from './support/deliveries.js';
import { subscribersBut, useE2eStack } from './support/e2e-stack.js';
import { caspianAlert } from './support/messages.js';
import { metric } from './support/node-api.js';

const SENDER = 'kz-border';
const RECIPIENTS = subscribersBut(SENDER, 'caspian', 'salw');
const TOTAL = 300;

describe('two hub instances side by side (whole processes)', () => {
  // Small pull batches, so the two instances take turns on the shared consumer.
  const e2e = useE2eStack([SENDER, ...RECIPIENTS], { HUB_CONCURRENCY: '8' });

  it('delivers each alert once to each recipient while both hubs share the work', async () => {
    const env = e2e();
    const { apps, summary } = env.stack;
    const second = await AppProcess.start(
      hubProcessSpec(apps, { id: summary.hub.id, port: await freePort(), instance: `${summary.hub.id}-2` }),
    );
    try {
      const ids = await postAlerts(env.url(SENDER), TOTAL, caspianAlert, { concurrency: 16 });

      await expectEachDeliveredOnce(env, RECIPIENTS, ids, 60_000);
      for (const hub of [env.stack.hub, second]) {
        const handled = await metric(hub.url, 'bl_handler_duration_seconds_count', { handler: 'ingress' });
        expect({ hub: hub.spec.name, handled: handled > 0 }).toEqual({ hub: hub.spec.name, handled: true });
      }
    } finally {
      await second.stop();
    }
  }, 180_000);
});
