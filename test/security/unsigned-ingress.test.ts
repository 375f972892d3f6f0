// Finding 1 (in part): whatever can publish on a node's ingress subject without that node's key (a
// site's leaf connection carries the union of its nodes' rights) must not drain the node's rate
// bucket with messages that prove no sender. The hub drops them before any token is taken.
import { STREAM_DELIVERY, STREAM_INGRESS } from '#contracts';
import { MetricsService } from '#runtime';
import { sealNodeMessage, testAlert } from '#hub/testing';
import { startHubTestEnv, type HubTestEnv } from '../support/hub-test-env.js';
import { auditEntries, expectStillRouting } from './support/harm-checks.js';

const BURST = 5;
const JUNK = 200;

let env: HubTestEnv;

beforeAll(async () => {
  env = await startHubTestEnv();
});

afterAll(async () => {
  await env?.stop();
});

it("drops header-less messages on kz-border's subject unanswered and uncharged: kz-border's own alert still goes out", async () => {
  // A bucket of five refilled once a second: the junk, if charged, would empty it for minutes.
  const hub = await env.startHub({ HUB_RATE_PER_SECOND: '1', HUB_RATE_BURST: String(BURST) });
  const real = sealNodeMessage('alert', testAlert('kz-border'), env.parties.signer('kz-border'));
  const acks = Array.from({ length: JUNK }, (_, i) =>
    env.inject({ subject: 'bl.in.kz-border.alert', headers: [], body: real.body, msgId: `junk-${i}` }),
  );
  const last = Math.max(...(await Promise.all(acks)).map((ack) => ack.seq));
  await env.processed(last);
  const deliveriesBefore = (await env.stored(STREAM_DELIVERY)).length;
  const auditBefore = (await auditEntries(env)).length;

  // No Rejection to anyone, no audit entry, but every one counted.
  expect(deliveriesBefore).toBe(0);
  expect(auditBefore).toBe(0);
  const dropped = await hub.get(MetricsService).registry.getSingleMetric('bl_ingress_dropped_total')?.get();
  expect(dropped?.values).toEqual([
    expect.objectContaining({ labels: { reason: 'missing-signed-headers' }, value: JUNK }),
  ]);
  expect((await env.stored(STREAM_INGRESS)).length).toBe(JUNK);

  // kz-border's bucket is whole: its alerts are routed as before, up to its burst.
  for (let i = 0; i < BURST - 1; i++) await expectStillRouting(env);
});
