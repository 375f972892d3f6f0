import { create } from '@bufbuild/protobuf';
import { headers as natsHeaders, type Msg } from '@nats-io/transport-node';
import { AlertSchema, Category, siteSubject, Tlp, type MessageKind } from '#contracts';
import { RegistryIndex, type Registry } from '#registry';
import { generateNodeKey, SignatureVerifier } from '#trust';
import { pino } from 'pino';
import { sealMessage } from '../../test/node.fixtures.js';
import type { NodeConfig } from '../config/node.config.js';
import type { DeliveriesService, HandleOptions } from '../deliveries/deliveries.service.js';
import type { Delivery } from '../deliveries/delivery.js';
import type { SiteLinkRepository } from './site-link.repository.js';
import { SiteReceiverService } from './site-receiver.service.js';

const SENT = new Date('2026-03-14T08:30:00.000Z');
const [border, customs, tj] = [generateNodeKey(), generateNodeKey(), generateNodeKey()];
const node = (id: string, country: string, publicKey: string) => ({
  id,
  name: id,
  kind: 'border' as const,
  organisation: id,
  country,
  publicKeys: [publicKey],
  subscriptions: [],
});
const registry = new RegistryIndex({
  version: 1,
  regions: [],
  sections: [],
  crossingPoints: [],
  organisations: ['kz-border', 'kz-customs', 'tj-border'].map((id) => ({ id, name: id })),
  nodes: [
    node('kz-border', 'KZ', border.publicKey),
    node('kz-customs', 'KZ', customs.publicKey),
    node('tj-border', 'TJ', tj.publicKey),
  ],
} satisfies Registry);

const alert = (sender: string, addressed: string[], tlp = Tlp.RED) =>
  create(AlertSchema, {
    id: `alert-from-${sender}`,
    sender,
    category: Category.EXPLOSIVES,
    addressees: { nodes: addressed },
    handling: { tlp },
  });

function msgOf(
  kind: MessageKind,
  to: string,
  sealed: { body: Uint8Array; headers: Record<string, string> },
): Msg {
  const h = natsHeaders();
  for (const [name, value] of Object.entries(sealed.headers)) h.set(name, value);
  return { subject: siteSubject(to, kind), data: sealed.body, headers: h } as Msg;
}

describe('SiteReceiverService', () => {
  let handled: { delivery: Delivery; options: HandleOptions }[];
  let receiver: SiteReceiverService;

  beforeEach(() => {
    handled = [];
    const deliveries = {
      handle: (delivery: Delivery, options: HandleOptions) => {
        handled.push({ delivery, options });
        return Promise.resolve();
      },
    };
    receiver = new SiteReceiverService(
      { NODE_ID: 'kz-customs', NODE_SITE: 'kz' } as NodeConfig,
      registry,
      new SignatureVerifier((id) => registry.publicKeys(id)),
      deliveries as unknown as DeliveriesService,
      {} as SiteLinkRepository,
      pino({ level: 'silent' }),
    );
  });

  it('takes in a signed message it is entitled to, as the hub would deliver it, without a receipt', async () => {
    const sealed = sealMessage('alert', alert('kz-border', ['kz-customs']), border.seed, SENT);
    await receiver.receive(msgOf('alert', 'kz-customs', sealed));
    expect(handled).toHaveLength(1);
    expect(handled[0]!.delivery.subject).toBe('bl.out.kz-customs.alert.direct.explosives');
    expect(handled[0]!.delivery.header('Bl-Id')).toBe('alert-from-kz-border');
    expect(handled[0]!.options).toEqual({ sendReceipts: false, stated: false });
  });

  it('drops a message whose signature is not its sender’s', async () => {
    const forged = sealMessage('alert', alert('kz-border', ['kz-customs']), tj.seed, SENT);
    await receiver.receive(msgOf('alert', 'kz-customs', forged));
    expect(handled).toEqual([]);
  });

  it('drops what the policy does not entitle it to: a RED alert to another node, one from another site', async () => {
    const toOther = sealMessage('alert', alert('kz-border', ['tj-border']), border.seed, SENT);
    const fromTj = sealMessage('alert', alert('tj-border', ['kz-customs']), tj.seed, SENT);
    await receiver.receive(msgOf('alert', 'kz-customs', toOther));
    await receiver.receive(msgOf('alert', 'kz-customs', fromTj));
    expect(handled).toEqual([]);
  });

  it('drops kinds the fast path does not carry and undecodable bodies', async () => {
    const sealed = sealMessage('alert', alert('kz-border', ['kz-customs']), border.seed, SENT);
    await receiver.receive(msgOf('receipt', 'kz-customs', sealed));
    await receiver.receive(msgOf('alert', 'kz-customs', { ...sealed, body: new Uint8Array([0xff, 0xff]) }));
    expect(handled).toEqual([]);
  });
});
