// A flood from one node is rate-limited at the hub and does not keep other nodes' traffic from delivery.
import { RejectionReason, decodeMessage } from '#contracts';
import { sealNodeMessage, testAlert } from '#hub/testing';
import { copiesOf, startHubTestEnv, type HubTestEnv } from '../../support/hub-test-env.js';

const FLOOD = 2_000;
const STEADY = 50;
const BURST = 100;
const WINDOW = 200;

let env: HubTestEnv;

beforeAll(async () => {
  env = await startHubTestEnv();
  // A slow refill makes the bucket's size the whole allowance for the test's duration.
  await env.startHub({ HUB_RATE_PER_SECOND: '1', HUB_RATE_BURST: String(BURST) });
});

afterAll(async () => {
  await env?.stop();
});

describe('rate limiting at the hub', () => {
  it("refuses a flooding node beyond its bucket with RATE_LIMITED and delivers every other node's alert", async () => {
    const flood = Array.from({ length: FLOOD }, () =>
      sealNodeMessage('alert', testAlert('kz-border'), env.parties.signer('kz-border')),
    );
    const steady = Array.from({ length: STEADY }, () =>
      sealNodeMessage('alert', testAlert('kg-border'), env.parties.signer('kg-border')),
    );
    // kg-border's alerts are spread through the flood, so each waits behind part of it.
    const order = [];
    const every = Math.floor(FLOOD / STEADY);
    for (let index = 0; index < FLOOD; index++) {
      order.push(flood[index]!);
      if (index % every === 0) order.push(steady[index / every]!);
    }
    // Published a window at a time: two thousand acks awaited at once can outlast their timeout on a loaded machine.
    let lastSeq = 0;
    for (let start = 0; start < order.length; start += WINDOW) {
      const acks = await Promise.all(
        order.slice(start, start + WINDOW).map((message) => env.publish(message)),
      );
      lastSeq = Math.max(lastSeq, ...acks.map((ack) => ack.seq));
    }
    await env.processed(lastSeq);

    const deliveries = await env.deliveries();
    for (const message of steady) {
      expect(copiesOf(deliveries, message.id, 'alert')).toHaveLength(3);
    }
    const rejections = deliveries
      .filter((message) => message.subject === 'bl.out.kz-border.rejection.direct.general')
      .map((message) => decodeMessage('rejection', message.data));
    expect(rejections.every((rejection) => rejection.reason === RejectionReason.RATE_LIMITED)).toBe(true);
    const routed = flood.filter((message) => copiesOf(deliveries, message.id, 'alert').length > 0).length;
    // The bucket's size, plus what trickles back in at one a second while the flood is handled.
    expect(routed).toBeGreaterThanOrEqual(BURST);
    expect(routed).toBeLessThan(BURST + 60);
    expect(rejections).toHaveLength(FLOOD - routed);
  });
});
