import type { INestApplication } from '@nestjs/common';
import {
  HEADER_ID,
  HEADER_KEY,
  HEADER_RECIPIENT,
  HEADER_SIGNATURE,
  RejectionReason,
  decodeMessage,
} from '#contracts';
import { MetricsService } from '#runtime';
import { SignatureVerifier, readSignedFields } from '#trust';
import { waitFor } from '#testing';
import {
  sealNodeMessage,
  testAlert,
  testDeliveredBatch,
  testNotice,
  testReceipt,
  testReply,
} from '#hub/testing';
import { copiesOf, startHubTestEnv, type HubTestEnv } from '../../support/hub-test-env.js';

const SUBSCRIBERS = ['tj-border', 'unodc', 'uz-customs'];

let env: HubTestEnv;
let hub: INestApplication;

beforeAll(async () => {
  env = await startHubTestEnv();
  hub = await env.startHub();
});

afterAll(async () => {
  await env?.stop();
});

/** Waits for the routing report of `id` to its origin, which the hub publishes after every copy. */
function routingReport(origin: string, id: string) {
  return waitFor(
    async () =>
      (await env.deliveries())
        .filter((message) => message.subject === `bl.out.${origin}.routing.direct.general`)
        .map((message) => decodeMessage('routing', message.data))
        .find((report) => report.message === id),
    { what: `the routing report of ${id}` },
  );
}

describe('hub routing on real NATS and Redis', () => {
  it('delivers an afghan-border alert to exactly the subscribed nodes, verifiable against the origin key', async () => {
    const alert = testAlert('kz-border');
    await env.publish(sealNodeMessage('alert', alert, env.parties.signer('kz-border')));

    const report = await routingReport('kz-border', alert.id);
    expect([...report.recipients].sort()).toEqual(SUBSCRIBERS);

    const copies = copiesOf(await env.deliveries(), alert.id, 'alert');
    expect(copies.map((copy) => copy.subject).sort()).toEqual(
      SUBSCRIBERS.map((node) => `bl.out.${node}.alert.afghan-border.salw`),
    );
    const verifier = new SignatureVerifier((node) => env.parties.index.publicKeys(node));
    for (const copy of copies) {
      const header = (name: string) => copy.header?.get(name) || undefined;
      expect(header(HEADER_RECIPIENT)).toBe(copy.subject.split('.')[2]);
      const verification = verifier.verify(
        readSignedFields(header),
        copy.data,
        header(HEADER_SIGNATURE),
        header(HEADER_KEY),
      );
      expect(verification).toEqual({ ok: true, key: env.parties.signer('kz-border').publicKey });
    }
  });

  it('refuses a bad signature with a SIGNATURE_INVALID rejection to the origin and copies it to nobody', async () => {
    const alert = testAlert('kz-border');
    const forged = sealNodeMessage('alert', alert, env.parties.signer('tj-border'));
    await env.publish(forged);

    const rejection = await env.rejectionFor('kz-border', alert.id);
    expect(rejection.reason).toBe(RejectionReason.SIGNATURE_INVALID);
    expect(copiesOf(await env.deliveries(), alert.id, 'alert')).toEqual([]);
  });

  it('refuses a message on bl.in.kz-border.alert that claims another sender with SENDER_MISMATCH', async () => {
    const alert = testAlert('tj-border');
    await env.publish(
      sealNodeMessage('alert', alert, env.parties.signer('tj-border'), { subjectNode: 'kz-border' }),
    );

    const rejection = await env.rejectionFor('kz-border', alert.id);
    expect(rejection).toMatchObject({
      reason: RejectionReason.SENDER_MISMATCH,
      subject: 'bl.in.kz-border.alert',
    });
    expect(copiesOf(await env.deliveries(), alert.id, 'alert')).toEqual([]);
  });

  it('refuses a schema-invalid alert as INVALID with its field violations', async () => {
    const alert = testAlert('kz-border', { regions: [], texts: [] });
    await env.publish(sealNodeMessage('alert', alert, env.parties.signer('kz-border')));

    const rejection = await env.rejectionFor('kz-border', alert.id);
    expect(rejection.reason).toBe(RejectionReason.INVALID);
    expect(rejection.violations.map((violation) => violation.field)).toEqual(
      expect.arrayContaining(['regions', 'texts']),
    );
  });

  it('delivers a message published twice once per recipient', async () => {
    const alert = testAlert('kz-border');
    const message = sealNodeMessage('alert', alert, env.parties.signer('kz-border'));
    await env.publish(message);
    // A second ingress copy under another Nats-Msg-Id, as after a node's retry past the duplicate window.
    const second = await env.publish(message, `${alert.id}-again`);
    expect(second.duplicate).toBe(false);
    await env.processed(second.seq);

    const copies = copiesOf(await env.deliveries(), alert.id, 'alert');
    expect(copies.map((copy) => copy.subject.split('.')[2]).sort()).toEqual(SUBSCRIBERS);
  });

  it('threads replies and receipts back to the sender through the route records in Redis', async () => {
    const notice = testNotice('kz-border', ['tj-border']);
    await env.publish(sealNodeMessage('notice', notice, env.parties.signer('kz-border')));
    await routingReport('kz-border', notice.id);

    const reply = testReply('tj-border', notice.id);
    await env.publish(sealNodeMessage('reply', reply, env.parties.signer('tj-border')));
    const receipt = testReceipt('tj-border', notice.id, 'kz-border');
    await env.publish(sealNodeMessage('receipt', receipt, env.parties.signer('tj-border')));
    const stranger = testReceipt('kg-border', notice.id, 'kz-border');
    const last = await env.publish(sealNodeMessage('receipt', stranger, env.parties.signer('kg-border')));
    await env.processed(last.seq);

    const deliveries = await env.deliveries();
    expect(copiesOf(deliveries, reply.id, 'reply').map((copy) => copy.subject)).toEqual([
      'bl.out.kz-border.reply.direct.general',
    ]);
    expect(copiesOf(deliveries, receipt.id, 'receipt').map((copy) => copy.subject)).toEqual([
      'bl.out.kz-border.receipt.direct.general',
    ]);
    expect(copiesOf(deliveries, stranger.id, 'receipt')).toEqual([]);
    expect((await env.rejectionFor('kg-border', stranger.id)).reason).toBe(RejectionReason.UNAUTHORIZED);
  });

  it('passes a delivered batch on to its origin, and refuses one naming a message not routed to its sender', async () => {
    const notice = testNotice('kz-border', ['tj-border']);
    await env.publish(sealNodeMessage('notice', notice, env.parties.signer('kz-border')));
    await routingReport('kz-border', notice.id);

    const batch = testDeliveredBatch('tj-border', [notice.id], 'kz-border');
    await env.publish(sealNodeMessage('delivered', batch, env.parties.signer('tj-border')));
    const forged = testDeliveredBatch('kg-border', [notice.id], 'kz-border');
    const last = await env.publish(sealNodeMessage('delivered', forged, env.parties.signer('kg-border')));
    await env.processed(last.seq);

    const deliveries = await env.deliveries();
    expect(copiesOf(deliveries, batch.id, 'delivered').map((copy) => copy.subject)).toEqual([
      'bl.out.kz-border.delivered.direct.general',
    ]);
    expect(copiesOf(deliveries, forged.id, 'delivered')).toEqual([]);
    const rejection = await env.rejectionFor('kg-border', forged.id);
    expect(rejection.reason).toBe(RejectionReason.UNAUTHORIZED);
    expect(rejection.violations.map((violation) => violation.field)).toEqual(['messages[0]']);
  });

  it('serves its health and its delivery metrics over HTTP', async () => {
    const url = await hub.getUrl();
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await (await fetch(`${url}/metrics`)).text()).toMatch(
      /bl_delivered_total\{[^}]*kind="alert"[^}]*\} \d+/,
    );
  });

  it('routes 500 alerts through two hub instances with each recipient getting each exactly once', async () => {
    const second = await env.startHub();
    // prom-client hands out its live value objects: sum them at once.
    const delivered = async (app: INestApplication) =>
      (await app.get(MetricsService).delivered.get()).values.reduce((sum, value) => sum + value.value, 0);
    const before = await Promise.all([hub, second].map(delivered));

    const alerts = Array.from({ length: 500 }, () => testAlert('kz-border'));
    const acks = await Promise.all(
      alerts.map((alert) => env.publish(sealNodeMessage('alert', alert, env.parties.signer('kz-border')))),
    );
    await env.processed(Math.max(...acks.map((ack) => ack.seq)));

    const counts = new Map<string, number>();
    for (const message of await env.deliveries()) {
      const [, , node, kind] = message.subject.split('.');
      const id = message.header?.get(HEADER_ID);
      if (kind !== 'alert' || !id) continue;
      counts.set(`${id}@${node}`, (counts.get(`${id}@${node}`) ?? 0) + 1);
    }
    for (const alert of alerts) {
      for (const node of SUBSCRIBERS) expect(counts.get(`${alert.id}@${node}`)).toBe(1);
    }

    const shares = (await Promise.all([hub, second].map(delivered))).map((count, i) => count - before[i]!);
    expect(shares[0]! + shares[1]!).toBe(500 * SUBSCRIBERS.length);
    // Both instances took part: neither can hold more than its pull batch of the 500.
    expect(Math.min(...shares)).toBeGreaterThan(0);
  });
});
