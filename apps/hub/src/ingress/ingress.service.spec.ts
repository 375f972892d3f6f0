import { clone, create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  AuditEvent,
  AlertSchema,
  HandlingSchema,
  HEADER_CORRELATION,
  HEADER_HANDLING,
  HEADER_ID,
  HEADER_KEY,
  HEADER_RECIPIENT,
  HEADER_STATEMENT,
  HEADER_SENDER,
  HEADER_SIGNATURE,
  HEADER_SENT,
  HEADER_TYPE,
  LIMITS,
  RejectionReason,
  Tlp,
  decodeMessage,
  encodeMessage,
  validateMessage,
  type Alert,
} from '#contracts';
import type { OutboundEnvelope, PublishResult } from '#messaging';
import { MetricsService, createLogger } from '#runtime';
import { validationContextOf } from '#registry';
import { SignatureVerifier, readSignedFields } from '#trust';
import { HubConfig } from '../config/hub.config.js';
import { DeliveryStore } from '../delivery/delivery.store.js';
import { InMemoryAuditTrail } from '../../test/audit.fixtures.js';
import {
  createTestParties,
  sealNodeMessage,
  testAlert,
  testDeliveredBatch,
  testNotice,
  testReceipt,
  testReply,
  type NodeMessage,
} from '../../test/hub.fixtures.js';
import { InMemoryAcceptedIds, testDelivery } from '../../test/ingress.fixtures.js';
import { CountingRateLimiter } from '../../test/rate-limit.fixtures.js';
import { InMemoryRouteRecords, createTestResolver } from '../../test/routing.fixtures.js';
import { IngressService, type IngressDecision } from './ingress.service.js';

/** Records what would be published, and answers `duplicate` for a msgId seen before, as JetStream does. */
class RecordingPublisher extends DeliveryStore {
  readonly published: OutboundEnvelope[] = [];
  failure: Error | undefined;
  private readonly seen = new Set<string>();

  async publishAll(envelopes: readonly OutboundEnvelope[]): Promise<PublishResult[]> {
    if (this.failure) throw this.failure;
    return envelopes.map((envelope) => {
      const duplicate = this.seen.has(envelope.msgId);
      this.seen.add(envelope.msgId);
      if (!duplicate) this.published.push(envelope);
      return { stream: 'BL_DELIVERY', seq: this.published.length, duplicate };
    });
  }

  on(subjectPrefix: string): OutboundEnvelope[] {
    return this.published.filter((envelope) => envelope.subject.startsWith(subjectPrefix));
  }
}

const parties = createTestParties();
const hubVerifier = new SignatureVerifier((node) => parties.index.publicKeys(node));

function setUp() {
  const logger = createLogger({ service: 'hub' }, 'silent');
  const config = Object.assign(new HubConfig(), { HUB_SEED_FILE: 'unused' });
  const metrics = new MetricsService({ service: 'hub', nats: 'unused' });
  const publisher = new RecordingPublisher();
  const routes = new InMemoryRouteRecords();
  const { resolver } = createTestResolver(parties.index, routes);
  const audit = new InMemoryAuditTrail();
  const rateLimiter = new CountingRateLimiter();
  const delivery = testDelivery(parties, publisher, { config, metrics, audit });
  const ingress = new IngressService(
    parties.index,
    hubVerifier,
    resolver,
    routes,
    delivery,
    logger,
    config,
    rateLimiter,
    new InMemoryAcceptedIds(),
  );
  let sequence = 0;
  const handle = (message: Pick<NodeMessage, 'subject' | 'headers' | 'body'>) =>
    ingress.handle({ ...message, sequence: ++sequence });
  return { ingress, handle, publisher, routes, metrics, audit, rateLimiter };
}

function without(headers: Record<string, string>, name: string): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => key !== name));
}

function refusedReason(decision: IngressDecision): RejectionReason | undefined {
  return decision.outcome === 'refused' ? decision.refused.reason : undefined;
}

/** The hub-signed Rejection published to `node`, verified against the hub's registered key. */
function rejectionTo(publisher: RecordingPublisher, node: string) {
  const [envelope, ...more] = publisher.on(`bl.out.${node}.rejection.direct.general`);
  expect(more).toHaveLength(0);
  if (!envelope) throw new Error(`no rejection to ${node}`);
  const fields = readSignedFields((name) => envelope.headers[name]);
  expect(
    hubVerifier.verify(
      fields,
      envelope.body,
      envelope.headers[HEADER_SIGNATURE],
      envelope.headers[HEADER_KEY],
    ),
  ).toEqual({ ok: true, key: parties.signer('hub').publicKey });
  return { envelope, rejection: decodeMessage('rejection', envelope.body) };
}

describe('IngressService', () => {
  describe('accepted messages', () => {
    it('delivers one copy per subscriber with the origin headers, then a signed routing report and an audit entry', async () => {
      const { handle, publisher, routes, metrics, audit } = setUp();
      const alert = testAlert('kz-border');
      const message = sealNodeMessage('alert', alert, parties.signer('kz-border'));

      const decision = await handle(message);

      expect(decision.outcome).toBe('routed');
      const copies = publisher.on('bl.out.').filter((e) => e.subject.includes('.alert.'));
      expect(copies.map((c) => c.subject).sort()).toEqual([
        'bl.out.tj-border.alert.afghan-border.salw',
        'bl.out.unodc.alert.afghan-border.salw',
        'bl.out.uz-customs.alert.afghan-border.salw',
      ]);
      for (const copy of copies) {
        const recipient = copy.subject.split('.')[2]!;
        expect(copy.msgId).toBe(`${alert.id}:${recipient}`);
        expect(copy.body).toBe(message.body);
        expect(copy.headers).toEqual({
          ...message.headers,
          [HEADER_RECIPIENT]: recipient,
          [HEADER_STATEMENT]: expect.any(String),
        });
      }

      const [report] = publisher.on('bl.out.kz-border.routing.direct.general');
      expect(report?.msgId).toBe(`${alert.id}:routing`);
      expect(decodeMessage('routing', report!.body)).toMatchObject({
        sender: 'hub',
        message: alert.id,
        recipients: expect.arrayContaining(['tj-border', 'unodc', 'uz-customs']),
      });

      expect(audit.records).toEqual([
        expect.objectContaining({
          event: AuditEvent.ACCEPTED,
          ref: alert.id,
          message: alert.id,
          kind: 'alert',
          origin: 'kz-border',
        }),
      ]);
      expect(routes.records.get(alert.id)).toEqual({
        origin: 'kz-border',
        kind: 'alert',
        recipients: expect.arrayContaining(['tj-border', 'unodc', 'uz-customs']),
        sequence: 1,
      });
      expect((await metrics.delivered.get()).values).toEqual([
        expect.objectContaining({ labels: { kind: 'alert' }, value: 3 }),
      ]);
    });

    it('publishes nothing new and counts nothing twice when the same ingress message is redelivered', async () => {
      const { ingress, publisher, metrics } = setUp();
      const message = sealNodeMessage('alert', testAlert('kz-border'), parties.signer('kz-border'));
      await ingress.handle({ ...message, sequence: 7 });
      const published = publisher.published.length;
      const again = await ingress.handle({ ...message, sequence: 7 });
      expect(again.outcome).toBe('routed');
      expect(publisher.published).toHaveLength(published);
      expect((await metrics.delivered.get()).values[0]?.value).toBe(3);
    });

    it('refuses the same id in a later ingress message as REPLAYED and copies it to nobody', async () => {
      const { handle, publisher } = setUp();
      const message = sealNodeMessage('alert', testAlert('kz-border'), parties.signer('kz-border'));
      await handle(message);
      const copies = publisher.on('bl.out.tj-border.alert').length;
      expect(refusedReason(await handle(message))).toBe(RejectionReason.REPLAYED);
      expect(publisher.on('bl.out.tj-border.alert')).toHaveLength(copies);
    });

    it("threads a notice's reply back to the notice's sender", async () => {
      const { handle, publisher } = setUp();
      const notice = testNotice('kz-border', ['tj-border']);
      await handle(sealNodeMessage('notice', notice, parties.signer('kz-border')));
      expect(publisher.on('bl.out.tj-border.notice.direct.general')).toHaveLength(1);

      const reply = testReply('tj-border', notice.id);
      const decision = await handle(sealNodeMessage('reply', reply, parties.signer('tj-border')));
      expect(decision.outcome).toBe('routed');
      expect(publisher.on('bl.out.kz-border.reply.direct.general').map((e) => e.msgId)).toEqual([
        `${reply.id}:kz-border`,
      ]);
    });

    it('routes a receipt to the origin without a routing report', async () => {
      const { handle, publisher } = setUp();
      const alert = testAlert('kz-border');
      await handle(sealNodeMessage('alert', alert, parties.signer('kz-border')));
      const receipt = testReceipt('tj-border', alert.id, 'kz-border');
      await handle(sealNodeMessage('receipt', receipt, parties.signer('tj-border')));
      expect(publisher.on('bl.out.kz-border.receipt.direct.general')).toHaveLength(1);
      expect(publisher.on('bl.out.tj-border.routing')).toHaveLength(0);
    });

    it('passes a delivered batch on whole to the origin, audited as one DELIVERED event naming each message', async () => {
      const { handle, publisher, audit } = setUp();
      const alerts = [testAlert('kz-border'), testAlert('kz-border')];
      for (const alert of alerts) await handle(sealNodeMessage('alert', alert, parties.signer('kz-border')));
      const batch = testDeliveredBatch(
        'tj-border',
        alerts.map((alert) => alert.id),
        'kz-border',
      );
      const sealed = sealNodeMessage('delivered', batch, parties.signer('tj-border'));
      expect((await handle(sealed)).outcome).toBe('routed');
      const [passedOn, ...others] = publisher.on('bl.out.kz-border.delivered.direct.general');
      expect(others).toEqual([]);
      expect(passedOn!.body).toEqual(sealed.body);
      expect(publisher.on('bl.out.tj-border.routing')).toHaveLength(0);
      expect(audit.records.at(-1)).toMatchObject({
        event: AuditEvent.DELIVERED,
        ref: batch.id,
        kind: 'delivered',
        origin: 'kz-border',
        recipients: ['tj-border'],
        messages: alerts.map((alert) => alert.id),
      });
    });
  });

  describe('refusals', () => {
    it('refuses a subject of an unregistered node as UNAUTHORIZED and answers nobody', async () => {
      const { handle, publisher, metrics, audit } = setUp();
      const message = sealNodeMessage('alert', testAlert('kz-border'), parties.signer('kz-border'), {
        subjectNode: 'intruder',
      });
      expect(refusedReason(await handle(message))).toBe(RejectionReason.UNAUTHORIZED);
      expect(publisher.published).toEqual([]);
      expect(audit.records).toEqual([
        expect.objectContaining({ event: AuditEvent.REJECTED, reason: RejectionReason.UNAUTHORIZED }),
      ]);
      expect((await metrics.rejected.get()).values).toEqual([
        expect.objectContaining({ labels: { reason: 'UNAUTHORIZED' }, value: 1 }),
      ]);
    });

    it('refuses what is not an ingress subject as MALFORMED', async () => {
      const { handle } = setUp();
      const message = sealNodeMessage('alert', testAlert('kz-border'), parties.signer('kz-border'));
      expect(refusedReason(await handle({ ...message, subject: 'bl.in.kz-border.alert.extra' }))).toBe(
        RejectionReason.MALFORMED,
      );
    });

    it('refuses an unknown kind as UNKNOWN_TYPE and a hub-issued kind as UNAUTHORIZED', async () => {
      const { handle, publisher } = setUp();
      const message = sealNodeMessage('alert', testAlert('kz-border'), parties.signer('kz-border'));
      expect(refusedReason(await handle({ ...message, subject: 'bl.in.kz-border.gossip' }))).toBe(
        RejectionReason.UNKNOWN_TYPE,
      );
      expect(refusedReason(await handle({ ...message, subject: 'bl.in.kz-border.rejection' }))).toBe(
        RejectionReason.UNAUTHORIZED,
      );
      expect(publisher.on('bl.out.kz-border.rejection')).toHaveLength(1);
    });

    it('keeps what a node sent from making the rejection itself invalid', async () => {
      const { handle, publisher } = setUp();
      const message = sealNodeMessage('alert', testAlert('kz-border'), parties.signer('kz-border'));
      const subject = `bl.in.kz-border.\u202egossip\u0085${'x'.repeat(LIMITS.subjectMaxLength)}`;
      expect(refusedReason(await handle({ ...message, subject }))).toBe(RejectionReason.UNKNOWN_TYPE);
      const { rejection } = rejectionTo(publisher, 'kz-border');
      expect(validateMessage('rejection', rejection, validationContextOf(parties.index, new Date()))).toEqual(
        [],
      );
    });

    it('refuses a body over the size limit as OVERSIZED', async () => {
      const { handle, publisher } = setUp();
      const alert = testAlert('kz-border');
      const message = sealNodeMessage('alert', alert, parties.signer('kz-border'), {
        body: new Uint8Array(LIMITS.maxBodyBytes + 1),
      });
      expect(refusedReason(await handle(message))).toBe(RejectionReason.OVERSIZED);
      expect(rejectionTo(publisher, 'kz-border').rejection.message).toBe(alert.id);
    });

    it('drops a message lacking a required signed header before it takes a rate token, answering nothing', async () => {
      const { handle, publisher, audit, rateLimiter } = setUp();
      const message = sealNodeMessage('alert', testAlert('kz-border'), parties.signer('kz-border'));
      for (const name of [HEADER_ID, HEADER_TYPE, HEADER_SENDER, HEADER_SENT]) {
        const decision = await handle({ ...message, headers: without(message.headers, name) });
        expect(decision).toMatchObject({ outcome: 'dropped', dropped: { missing: [name] } });
      }
      expect(await handle({ ...message, headers: {} })).toMatchObject({
        outcome: 'dropped',
        dropped: { missing: [HEADER_ID, HEADER_TYPE, HEADER_SENDER, HEADER_SENT] },
      });
      expect(rateLimiter.tokensTaken('kz-border')).toBe(0);
      expect(publisher.published).toHaveLength(0);
      expect(audit.records).toHaveLength(0);
    });

    it('refuses malformed headers as MALFORMED, naming the message by its stream sequence', async () => {
      const { handle, publisher } = setUp();
      const message = sealNodeMessage('alert', testAlert('kz-border'), parties.signer('kz-border'));
      const headers = { ...message.headers, [HEADER_ID]: 'not an id!' };
      expect(refusedReason(await handle({ ...message, headers }))).toBe(RejectionReason.MALFORMED);
      const { envelope, rejection } = rejectionTo(publisher, 'kz-border');
      expect(envelope.msgId).toBe('ingress-1:rejection');
      expect(rejection.message).toBe('');
    });

    it('refuses a message whose Bl-Sender is not the subject node as SENDER_MISMATCH', async () => {
      const { handle, publisher } = setUp();
      const alert = testAlert('tj-border');
      const message = sealNodeMessage('alert', alert, parties.signer('tj-border'), {
        subjectNode: 'kz-border',
      });
      expect(refusedReason(await handle(message))).toBe(RejectionReason.SENDER_MISMATCH);
      const { envelope, rejection } = rejectionTo(publisher, 'kz-border');
      expect(envelope.msgId).toBe(`${alert.id}:rejection`);
      expect(rejection).toMatchObject({
        reason: RejectionReason.SENDER_MISMATCH,
        subject: 'bl.in.kz-border.alert',
      });
      expect(publisher.on('bl.out.tj-border')).toHaveLength(0);
    });

    it('refuses a Bl-Type that is not the subject kind as MALFORMED', async () => {
      const { handle } = setUp();
      const message = sealNodeMessage('alert', testAlert('kz-border'), parties.signer('kz-border'));
      expect(
        refusedReason(await handle({ ...message, headers: { ...message.headers, [HEADER_TYPE]: 'notice' } })),
      ).toBe(RejectionReason.MALFORMED);
    });

    it('refuses a missing signature as SIGNATURE_MISSING', async () => {
      const { handle } = setUp();
      const message = sealNodeMessage('alert', testAlert('kz-border'), parties.signer('kz-border'));
      const headers = without(message.headers, HEADER_SIGNATURE);
      expect(refusedReason(await handle({ ...message, headers }))).toBe(RejectionReason.SIGNATURE_MISSING);
    });

    it('refuses a signature by another key, or over another body, as SIGNATURE_INVALID and copies nothing', async () => {
      const { handle, publisher } = setUp();
      const forged = sealNodeMessage('alert', testAlert('kz-border'), parties.signer('tj-border'));
      const unhinted = without(forged.headers, HEADER_KEY);
      expect(refusedReason(await handle({ ...forged, headers: unhinted }))).toBe(
        RejectionReason.SIGNATURE_INVALID,
      );

      const honest = sealNodeMessage('alert', testAlert('kz-border'), parties.signer('kz-border'));
      const tampered = encodeMessage(
        'alert',
        testAlert('kz-border', { id: honest.id, regions: ['caspian'] }),
      );
      expect(refusedReason(await handle({ ...honest, body: tampered }))).toBe(
        RejectionReason.SIGNATURE_INVALID,
      );

      expect(publisher.on('bl.out.').filter((e) => e.subject.includes('.alert.'))).toHaveLength(0);
      expect(publisher.on('bl.out.kz-border.rejection')).toHaveLength(2);
    });

    it('refuses an undecodable body as MALFORMED', async () => {
      const { handle } = setUp();
      const message = sealNodeMessage('alert', testAlert('kz-border'), parties.signer('kz-border'), {
        body: Uint8Array.of(0xff, 0xff, 0xff),
      });
      expect(refusedReason(await handle(message))).toBe(RejectionReason.MALFORMED);
    });

    it('refuses a body whose sender differs from the signed headers as SENDER_MISMATCH', async () => {
      const { handle } = setUp();
      const alert = testAlert('kz-border');
      const otherSender = encodeMessage('alert', testAlert('tj-border', { id: alert.id }));
      const signer = parties.signer('kz-border');
      expect(
        refusedReason(await handle(sealNodeMessage('alert', alert, signer, { body: otherSender }))),
      ).toBe(RejectionReason.SENDER_MISMATCH);
    });

    it('refuses a signed header that differs from the body field it restates as HEADER_MISMATCH', async () => {
      const { handle, publisher } = setUp();
      const signer = parties.signer('kz-border');
      const alert = testAlert('kz-border');
      const cases: Array<[string, (body: Alert) => void]> = [
        [HEADER_ID, (body) => (body.id = 'another-id')],
        [HEADER_SENT, (body) => (body.sent = timestampFromDate(new Date(Date.now() - 1_000)))],
        [HEADER_HANDLING, (body) => (body.handling = create(HandlingSchema, { tlp: Tlp.RED }))],
        [HEADER_CORRELATION, (body) => (body.incident = 'incident-7')],
      ];
      for (const [header, change] of cases) {
        const changed = clone(AlertSchema, alert);
        change(changed);
        const body = encodeMessage('alert', changed);
        const decision = await handle(sealNodeMessage('alert', alert, signer, { body }));
        expect(decision).toMatchObject({
          outcome: 'refused',
          refused: { reason: RejectionReason.HEADER_MISMATCH, violations: [{ field: header }] },
        });
      }
      expect(publisher.on('bl.out.').filter((e) => e.subject.includes('.alert.'))).toHaveLength(0);
    });

    it('refuses a schema-invalid message as INVALID with its field violations', async () => {
      const { handle, publisher } = setUp();
      const alert = testAlert('kz-border', { regions: [], texts: [] });
      expect(refusedReason(await handle(sealNodeMessage('alert', alert, parties.signer('kz-border'))))).toBe(
        RejectionReason.INVALID,
      );
      const { rejection } = rejectionTo(publisher, 'kz-border');
      expect(rejection.violations.map((v) => v.field)).toEqual(expect.arrayContaining(['regions', 'texts']));
    });

    it('refuses a message sent too long ago as STALE', async () => {
      const { handle } = setUp();
      const sent = timestampFromDate(new Date(Date.now() - LIMITS.sentMaxAgeMs - 60_000));
      const alert = testAlert('kz-border', { sent });
      expect(refusedReason(await handle(sealNodeMessage('alert', alert, parties.signer('kz-border'))))).toBe(
        RejectionReason.STALE,
      );
    });

    it('refuses an alert whose expiry passed before routing as STALE, naming `expires`', async () => {
      const { handle, publisher } = setUp();
      const alert = testAlert('kz-border', {
        sent: timestampFromDate(new Date(Date.now() - 10 * 60_000)),
        expires: timestampFromDate(new Date(Date.now() - 60_000)),
      });
      expect(refusedReason(await handle(sealNodeMessage('alert', alert, parties.signer('kz-border'))))).toBe(
        RejectionReason.STALE,
      );
      expect(rejectionTo(publisher, 'kz-border').rejection.violations).toEqual([
        expect.objectContaining({ field: 'expires' }),
      ]);
    });

    it('refuses an unknown addressee as UNKNOWN_ADDRESSEE', async () => {
      const { handle, publisher } = setUp();
      const notice = testNotice('kz-border', ['tj-border', 'nobody']);
      expect(
        refusedReason(await handle(sealNodeMessage('notice', notice, parties.signer('kz-border')))),
      ).toBe(RejectionReason.UNKNOWN_ADDRESSEE);
      expect(rejectionTo(publisher, 'kz-border').rejection.violations).toEqual([
        expect.objectContaining({ field: 'addressees.nodes[1]' }),
      ]);
      expect(publisher.on('bl.out.tj-border')).toHaveLength(0);
    });

    it('refuses a whole delivered batch when one of its messages was not routed to its sender', async () => {
      const { handle, publisher } = setUp();
      const alert = testAlert('kz-border');
      await handle(sealNodeMessage('alert', alert, parties.signer('kz-border')));
      const batch = testDeliveredBatch('tj-border', [alert.id, 'never-routed'], 'kz-border');
      expect(
        refusedReason(await handle(sealNodeMessage('delivered', batch, parties.signer('tj-border')))),
      ).toBe(RejectionReason.UNAUTHORIZED);
      expect(rejectionTo(publisher, 'tj-border').rejection.violations).toEqual([
        expect.objectContaining({ field: 'messages[1]' }),
      ]);
      expect(publisher.on('bl.out.kz-border.delivered')).toHaveLength(0);
    });

    it('refuses a receipt from a node that did not receive the message', async () => {
      const { handle } = setUp();
      const alert = testAlert('kz-border');
      await handle(sealNodeMessage('alert', alert, parties.signer('kz-border')));
      const receipt = testReceipt('kg-border', alert.id, 'kz-border');
      expect(
        refusedReason(await handle(sealNodeMessage('receipt', receipt, parties.signer('kg-border')))),
      ).toBe(RejectionReason.UNAUTHORIZED);
    });
  });

  describe('infrastructure failures', () => {
    it('throws when publishing fails, so the message is retried', async () => {
      const { handle, publisher } = setUp();
      publisher.failure = new Error('no publish ack');
      const message = sealNodeMessage('alert', testAlert('kz-border'), parties.signer('kz-border'));
      await expect(handle(message)).rejects.toThrow('no publish ack');
      const refused = sealNodeMessage('alert', testAlert('kz-border'), parties.signer('kz-border'), {
        subjectNode: 'tj-border',
      });
      await expect(
        handle({ ...refused, headers: { ...refused.headers, [HEADER_SENDER]: 'x' } }),
      ).rejects.toThrow('no publish ack');
    });
  });
});
