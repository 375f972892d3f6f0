import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  AuditEntrySchema,
  AuditEvent,
  HEADER_STATEMENT,
  RejectionReason,
  decodeMessage,
  type MessageKind,
} from '#contracts';
import type { OutboundEnvelope } from '#messaging';
import { hubKeysOf } from '#registry';
import {
  readSignedFields,
  readStatementHeader,
  signCheckpoint,
  statedMessageOf,
  verifyStatement,
  type SignedStatement,
} from '#trust';
import { InMemoryAuditTrail } from '../../test/audit.fixtures.js';
import { createTestParties, sealNodeMessage, testAlert } from '../../test/hub.fixtures.js';
import { CollectingPublisher, testDelivery } from '../../test/ingress.fixtures.js';
import type { RoutedMessage } from '../pipeline/routed-message.js';

const parties = createTestParties();
const hubs = hubKeysOf(parties.index);

function setUp() {
  const publisher = new CollectingPublisher();
  const audit = new InMemoryAuditTrail();
  return { publisher, audit, delivery: testDelivery(parties, publisher, { audit }) };
}

function routedAlert(recipients: string[]): RoutedMessage {
  const alert = testAlert('kz-border');
  alert.actor = 'person:kz-duty-officer';
  const sealed = sealNodeMessage('alert', alert, parties.signer('kz-border'));
  return {
    id: alert.id,
    kind: 'alert',
    origin: 'kz-border',
    actor: alert.actor,
    body: sealed.body,
    headers: sealed.headers,
    recipients: recipients.map((node) => ({ node, region: 'afghan-border', category: 'salw' })),
  };
}

/** The statement an envelope carries, read against the message it travels with, and its verdict. */
function statementOf(envelope: OutboundEnvelope): { signed: SignedStatement; ok: boolean } {
  const headers = envelope.headers ?? {};
  const fields = readSignedFields((name) => headers[name]);
  const signed = readStatementHeader(headers[HEADER_STATEMENT]!, statedMessageOf(fields, envelope.body));
  return { signed, ok: verifyStatement(signed, hubs, fields.sent).ok };
}

const kindOf = (envelope: OutboundEnvelope) => envelope.subject.split('.')[3] as MessageKind;

describe('DeliveryService', () => {
  it('states every copy, once for all, naming its recipients and the audit entry of the decision', async () => {
    const { publisher, audit, delivery } = setUp();
    const routed = routedAlert(['uz-customs', 'tj-border']);
    await delivery.deliver(routed);
    const copies = publisher.published.filter((envelope) => kindOf(envelope) === 'alert');
    expect(copies.map((copy) => copy.subject)).toEqual([
      'bl.out.uz-customs.alert.afghan-border.salw',
      'bl.out.tj-border.alert.afghan-border.salw',
    ]);
    const statements = copies.map(statementOf);
    expect(statements.every(({ ok }) => ok)).toBe(true);
    expect(new Set(copies.map((copy) => copy.headers?.[HEADER_STATEMENT])).size).toBe(1);
    const recorded = await audit.record({ event: AuditEvent.ACCEPTED, ref: routed.id });
    expect(statements[0]!.signed.statement).toMatchObject({
      hub: 'hub',
      id: routed.id,
      origin: 'kz-border',
      recipients: ['tj-border', 'uz-customs'],
      auditPosition: recorded.entry.position,
      auditHash: Buffer.from(recorded.entry.hash).toString('hex'),
    });
  });

  it('states the routing report to its origin alone, on the same audit entry', async () => {
    const { publisher, delivery } = setUp();
    await delivery.deliver(routedAlert(['tj-border']));
    const [copy, report] = publisher.published;
    expect(report?.subject).toBe('bl.out.kz-border.routing.direct.general');
    const stated = statementOf(report!);
    expect(stated.ok).toBe(true);
    expect(stated.signed.statement.recipients).toEqual(['kz-border']);
    expect(stated.signed.statement.origin).toBe('hub');
    expect(stated.signed.statement.auditHash).toBe(statementOf(copy!).signed.statement.auditHash);
  });

  it('states a decision taken again after a crash exactly as before', async () => {
    const { publisher, delivery } = setUp();
    const routed = routedAlert(['tj-border', 'unodc']);
    await delivery.deliver(routed);
    await delivery.deliver(routed);
    const [first, second] = publisher.published.filter((envelope) =>
      envelope.subject.startsWith('bl.out.tj-border.'),
    );
    expect(second?.headers?.[HEADER_STATEMENT]).toBe(first?.headers?.[HEADER_STATEMENT]);
  });

  it('audits the decision naming who acted at the origin', async () => {
    const { audit, delivery } = setUp();
    await delivery.deliver(routedAlert(['tj-border']));
    expect(audit.records).toEqual([
      expect.objectContaining({
        event: AuditEvent.ACCEPTED,
        origin: 'kz-border',
        person: 'person:kz-duty-officer',
      }),
    ]);
  });

  it('publishes nothing when the decision cannot be recorded', async () => {
    const { publisher, audit, delivery } = setUp();
    audit.failure = new Error('audit stream offline');
    await expect(delivery.deliver(routedAlert(['tj-border']))).rejects.toThrow('audit stream offline');
    expect(publisher.published).toEqual([]);
  });

  it('states a rejection to its origin, on the REJECTED entry', async () => {
    const { publisher, audit, delivery } = setUp();
    await delivery.reject({
      id: 'm1',
      sequence: 3,
      subject: 'bl.in.kz-border.alert',
      kind: 'alert',
      origin: 'kz-border',
      reason: RejectionReason.INVALID,
      detail: 'invalid',
      violations: [],
    });
    const [rejection] = publisher.published;
    const stated = statementOf(rejection!);
    expect(stated.ok).toBe(true);
    expect(stated.signed.statement).toMatchObject({ recipients: ['kz-border'], auditPosition: 1n });
    expect(audit.records.map((record) => record.event)).toEqual([AuditEvent.REJECTED]);
  });

  it('sends a stored checkpoint to every node, as stored, each copy stated on the checkpoint for its node', async () => {
    const { publisher, delivery } = setUp();
    const checkpoint = signCheckpoint(
      create(AuditEntrySchema, {
        at: timestampFromDate(new Date()),
        actor: 'hub',
        event: AuditEvent.CHECKPOINT,
      }),
      { sequence: 41n, hash: new Uint8Array(32).fill(3) },
      parties.signer('hub'),
    );
    await delivery.announce({ entry: checkpoint });
    const nodes = parties.registry.nodes.filter((node) => node.kind !== 'hub').map((node) => node.id);
    expect(publisher.published.map((envelope) => envelope.subject)).toEqual(
      nodes.map((node) => `bl.out.${node}.checkpoint.direct.general`),
    );
    const [first] = publisher.published;
    expect(first?.msgId).toBe(`audit-checkpoint-42:${nodes[0]}`);
    expect(decodeMessage('checkpoint', first!.body).entry).toEqual(checkpoint);
    // Each copy's statement names its own node alone, so a checkpoint grows with the network, not its square.
    publisher.published.forEach((copy, index) => {
      const stated = statementOf(copy);
      expect(stated.ok).toBe(true);
      expect(stated.signed.statement).toMatchObject({
        recipients: [nodes[index]],
        auditPosition: 42n,
        auditHash: Buffer.from(checkpoint.hash).toString('hex'),
      });
    });
  });
});
