import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { headers as natsHeaders, type Msg } from '@nats-io/transport-node';
import { messageFromJson, siteSubject, type Alert, type MessageKind } from '#contracts';
import { RegistryIndex, type Registry } from '#registry';
import { generateNodeKey, NodeSigner, sealHeaders, signedFieldsOf, SignatureVerifier } from '#trust';
import { pino } from 'pino';
import { alertRequest, fixtureKeys, fixtureRegistry, sealMessage } from '../../test/node.fixtures.js';
import type { Clock } from '../common/clock.js';
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
// The fixture's regions, border section and crossing point, so that the fixture alert is valid.
const { regions, sections, crossingPoints } = fixtureRegistry(fixtureKeys());
const registry = new RegistryIndex({
  version: 1,
  regions,
  sections,
  crossingPoints,
  organisations: ['kz-border', 'kz-customs', 'tj-border'].map((id) => ({ id, name: id })),
  nodes: [
    node('kz-border', 'KZ', border.publicKey),
    node('kz-customs', 'KZ', customs.publicKey),
    node('tj-border', 'TJ', tj.publicKey),
  ],
} satisfies Registry);

/** A valid explosives alert from `sender` to `addressed`, sent at SENT. */
function alert(sender: string, addressed: string[], tlp = 'TLP_RED'): Alert {
  const message = messageFromJson('alert', {
    ...alertRequest(),
    id: `alert-from-${sender}`,
    sender,
    category: 'CATEGORY_EXPLOSIVES',
    addressees: { nodes: addressed },
    handling: { tlp, code: 'HANDLING_CODE_H2' },
  });
  message.sent = timestampFromDate(SENT);
  return message;
}

/** `message` signed by `seed` with its signed headers derived from the body, then `change`d. */
function sealedWith(message: Alert, seed: string, change: Partial<ReturnType<typeof signedFieldsOf>> = {}) {
  const { body } = sealMessage('alert', message, seed, SENT);
  const fields = { ...signedFieldsOf('alert', message), ...change };
  return { body, headers: sealHeaders(NodeSigner.fromSeed(seed), fields, body) };
}

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
      { now: () => new Date(SENT.getTime() + 60_000) } as Clock,
      pino({ level: 'silent' }),
    );
  });

  it('takes in a signed message it is entitled to, as the hub would deliver it, without a receipt', async () => {
    const sealed = sealedWith(alert('kz-border', ['kz-customs']), border.seed);
    await receiver.receive(msgOf('alert', 'kz-customs', sealed));
    expect(handled).toHaveLength(1);
    expect(handled[0]!.delivery.subject).toBe('bl.out.kz-customs.alert.direct.explosives');
    expect(handled[0]!.delivery.header('Bl-Id')).toBe('alert-from-kz-border');
    expect(handled[0]!.options).toEqual({ sendReceipts: false, viaSite: true, stated: false });
  });

  it('drops a signed message whose headers differ from its body: a TLP:GREEN label over a RED body', async () => {
    const message = alert('kz-border', ['kz-customs']);
    await receiver.receive(
      msgOf('alert', 'kz-customs', sealedWith(message, border.seed, { handling: 'TLP:GREEN' })),
    );
    await receiver.receive(
      msgOf('alert', 'kz-customs', sealedWith(message, border.seed, { correlation: 'x-1' })),
    );
    expect(handled).toEqual([]);
  });

  it("drops a signed message the hub's validation refuses: no headline, or sent outside the time window", async () => {
    const headless = alert('kz-border', ['kz-customs']);
    headless.texts = [];
    const stale = alert('kz-border', ['kz-customs']);
    stale.sent = timestampFromDate(new Date(SENT.getTime() - 8 * 24 * 60 * 60 * 1000));
    const early = alert('kz-border', ['kz-customs']);
    early.sent = timestampFromDate(new Date(SENT.getTime() + 60 * 60 * 1000));
    for (const message of [headless, stale, early]) {
      await receiver.receive(msgOf('alert', 'kz-customs', sealedWith(message, border.seed)));
    }
    expect(handled).toEqual([]);
  });

  it('drops a message whose signature is not its sender’s', async () => {
    const forged = sealedWith(alert('kz-border', ['kz-customs']), tj.seed);
    await receiver.receive(msgOf('alert', 'kz-customs', forged));
    expect(handled).toEqual([]);
  });

  it('drops what the policy does not entitle it to: a RED alert to another node, one from another site', async () => {
    const toOther = sealedWith(alert('kz-border', ['tj-border']), border.seed);
    const fromTj = sealedWith(alert('tj-border', ['kz-customs']), tj.seed);
    await receiver.receive(msgOf('alert', 'kz-customs', toOther));
    await receiver.receive(msgOf('alert', 'kz-customs', fromTj));
    expect(handled).toEqual([]);
  });

  it('drops kinds the fast path does not carry and undecodable bodies', async () => {
    const sealed = sealedWith(alert('kz-border', ['kz-customs']), border.seed);
    await receiver.receive(msgOf('receipt', 'kz-customs', sealed));
    await receiver.receive(msgOf('alert', 'kz-customs', { ...sealed, body: new Uint8Array([0xff, 0xff]) }));
    expect(handled).toEqual([]);
  });
});
