import { ReceiptKind, type MessageOf, type SendableKind } from '#contracts';
import { RegistryIndex } from '#registry';
import { NodeSigner } from '#trust';
import pino from 'pino';
import { fixtureKeys, fixtureRegistry } from '../../test/node.fixtures.js';
import type { Clock } from '../common/clock.js';
import { IdGenerator } from '../common/id-generator.js';
import type { NodeConfig } from '../config/node.config.js';
import type { OwnAnswersRepository } from '../indexes/own-answers.repository.js';
import type { InboxService } from '../inbox/inbox.service.js';
import type { HubLinkRepository } from '../link/hub-link.repository.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import { ReceiptsService } from './receipts.service.js';

const NOW = new Date('2026-12-03T10:00:00.000Z');

function setUp() {
  const keys = fixtureKeys();
  const registry = fixtureRegistry(keys);
  // tj-border's software reads protocol 1.1; unodc's only 1.0 (no protocol named).
  registry.nodes.find((node) => node.id === 'tj-border')!.protocol = '1.1';
  const published: Array<{ kind: SendableKind; message: MessageOf<SendableKind> }> = [];
  const link = {
    publish: async (kind: SendableKind, message: MessageOf<SendableKind>) => {
      published.push({ kind, message });
      return { duplicate: false, seq: published.length };
    },
  };
  const clock: Clock = { now: () => NOW };
  const signer = NodeSigner.fromSeed(keys['kz-border'].seed);
  const service = new ReceiptsService(
    { NODE_ID: 'kz-border', NODE_DELIVERED_LINGER_MS: 0 } as NodeConfig,
    new RegistryIndex(registry),
    {} as InboxService,
    link as unknown as HubLinkRepository,
    {} as OutboxService,
    clock,
    new IdGenerator(signer.ids),
    pino({ level: 'silent' }),
    // Only sendDelivered is exercised here: no user answers to record.
    {} as OwnAnswersRepository,
  );
  return { service, published, signer };
}

describe('ReceiptsService.sendDelivered', () => {
  it('tells an origin that reads protocol 1.1 in one keyed `delivered` batch for the receipts added together', async () => {
    const { service, published, signer } = setUp();
    await Promise.all([service.sendDelivered('m1', 'tj-border'), service.sendDelivered('m2', 'tj-border')]);
    expect(published).toHaveLength(1);
    const { kind, message } = published[0]!;
    expect(kind).toBe('delivered');
    const batch = message as MessageOf<'delivered'>;
    expect(batch).toMatchObject({ sender: 'kz-border', origin: 'tj-border', messages: ['m1', 'm2'] });
    expect(batch.id).toBe(signer.ids.deliveredBatchId('tj-border', 'kz-border', ['m1', 'm2']));
  });

  it('tells an origin that reads only protocol 1.0 with a single keyed receipt per delivery', async () => {
    const { service, published, signer } = setUp();
    await service.sendDelivered('m1', 'unodc');
    expect(published.map(({ kind }) => kind)).toEqual(['receipt']);
    const receipt = published[0]!.message as MessageOf<'receipt'>;
    expect(receipt).toMatchObject({ origin: 'unodc', message: 'm1', kind: ReceiptKind.DELIVERED, actor: '' });
    expect(receipt.id).toBe(signer.ids.receiptId('unodc', 'm1', 'kz-border', 'DELIVERED'));
  });
});
