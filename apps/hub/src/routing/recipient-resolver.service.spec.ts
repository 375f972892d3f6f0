import { Category, DIRECT_REGION, GENERAL_CATEGORY, HandlingCode, RejectionReason, Tlp } from '#contracts';
import { createLogger } from '#runtime';
import {
  InMemoryRouteRecords,
  createTestParties,
  testAlert,
  testNotice,
  testReceipt,
  testReply,
} from '../hub.fixtures.js';
import { IngressRefusal } from '../ingress/ingress-refusal.js';
import { RecipientResolverService } from './recipient-resolver.service.js';
import type { Recipient } from './routable-message.js';

const parties = createTestParties();

function setUp() {
  const routes = new InMemoryRouteRecords();
  const resolver = new RecipientResolverService(
    parties.index,
    routes,
    createLogger({ service: 'hub' }, 'silent'),
  );
  return { routes, resolver };
}

const nodes = (recipients: Recipient[]) => recipients.map((r) => r.node).sort();

async function refusal(promise: Promise<unknown>): Promise<IngressRefusal> {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof IngressRefusal)) throw new Error(`expected an IngressRefusal, got ${String(error)}`);
  return error;
}

describe('RecipientResolverService', () => {
  describe('alerts', () => {
    it('routes an alert to every subscriber of its region and category, with their tokens', async () => {
      const { resolver } = setUp();
      const recipients = await resolver.resolve({ kind: 'alert', message: testAlert('kz-border') });
      expect(recipients.sort((a, b) => a.node.localeCompare(b.node))).toEqual([
        { node: 'tj-border', region: 'afghan-border', category: 'salw' },
        { node: 'unodc', region: 'afghan-border', category: 'salw' },
        { node: 'uz-customs', region: 'afghan-border', category: 'salw' },
      ]);
    });

    it('leaves out subscribers of the region whose categories do not match', async () => {
      const { resolver } = setUp();
      const alert = testAlert('kz-border', { category: Category.DRUG_TRAFFICKING });
      expect(nodes(await resolver.resolve({ kind: 'alert', message: alert }))).toEqual([
        'tj-border',
        'unodc',
      ]);
    });

    it('matches wildcard regions of a subscription', async () => {
      const { resolver } = setUp();
      const alert = testAlert('kz-border', { regions: ['caspian'] });
      expect(await resolver.resolve({ kind: 'alert', message: alert })).toEqual(
        expect.arrayContaining([{ node: 'unodc', region: 'caspian', category: 'salw' }]),
      );
      expect(nodes(await resolver.resolve({ kind: 'alert', message: alert }))).toEqual([
        'tm-border',
        'unodc',
      ]);
    });

    it('sends one copy to a node subscribed through several of the regions', async () => {
      const { resolver } = setUp();
      const alert = testAlert('tm-border', { regions: ['afghan-border', 'caspian', 'fergana-valley'] });
      expect(nodes(await resolver.resolve({ kind: 'alert', message: alert }))).toEqual([
        'kg-border',
        'tj-border',
        'unodc',
        'uz-customs',
      ]);
    });

    it('never sends an alert back to its sender', async () => {
      const { resolver } = setUp();
      const alert = testAlert('tj-border');
      expect(nodes(await resolver.resolve({ kind: 'alert', message: alert }))).toEqual([
        'unodc',
        'uz-customs',
      ]);
    });

    it('adds explicit addressees on the direct region token, once even when also subscribed', async () => {
      const { resolver } = setUp();
      const alert = testAlert('kz-border', { addressees: { nodes: ['kg-border', 'tj-border'] } });
      const recipients = await resolver.resolve({ kind: 'alert', message: alert });
      expect(nodes(recipients)).toEqual(['kg-border', 'tj-border', 'unodc', 'uz-customs']);
      expect(recipients.filter((r) => r.region === DIRECT_REGION).map((r) => r.node)).toEqual([
        'kg-border',
        'tj-border',
      ]);
    });

    it.each([
      ['TLP:RED', Tlp.RED],
      ['TLP:AMBER+STRICT', Tlp.AMBER_STRICT],
    ])('delivers a %s alert only to its addressees', async (_, tlp) => {
      const { resolver } = setUp();
      const alert = testAlert('kz-border', {
        handling: { tlp, code: HandlingCode.H2 },
        addressees: { nodes: ['uz-customs'] },
      });
      expect(await resolver.resolve({ kind: 'alert', message: alert })).toEqual([
        { node: 'uz-customs', region: DIRECT_REGION, category: 'salw' },
      ]);
    });

    it('widens TLP:AMBER alerts to subscribers', async () => {
      const { resolver } = setUp();
      const alert = testAlert('kz-border', { addressees: { nodes: ['kg-border'] } });
      expect(nodes(await resolver.resolve({ kind: 'alert', message: alert }))).toEqual([
        'kg-border',
        'tj-border',
        'unodc',
        'uz-customs',
      ]);
    });

    it('refuses an unknown addressee node, the hub, or a closed user group as UNKNOWN_ADDRESSEE', async () => {
      const { resolver } = setUp();
      const alert = testAlert('kz-border', {
        addressees: { nodes: ['tj-border', 'nobody', 'hub'], groups: ['op-x'] },
      });
      const error = await refusal(resolver.resolve({ kind: 'alert', message: alert }));
      expect(error.reason).toBe(RejectionReason.UNKNOWN_ADDRESSEE);
      expect(error.violations.map((v) => v.field)).toEqual([
        'addressees.nodes[1]',
        'addressees.nodes[2]',
        'addressees.groups[0]',
      ]);
    });
  });

  describe('notices and replies', () => {
    it('sends a notice to its addressees only, with its category token', async () => {
      const { resolver } = setUp();
      const notice = testNotice('kz-border', ['kg-border'], {
        category: Category.EXPLOSIVES,
        regions: ['afghan-border'],
      });
      expect(await resolver.resolve({ kind: 'notice', message: notice })).toEqual([
        { node: 'kg-border', region: DIRECT_REGION, category: 'explosives' },
      ]);
    });

    it("sends a reply to the notice's sender and the reply's addressees", async () => {
      const { resolver, routes } = setUp();
      await routes.remember('notice-1', { origin: 'kz-border', kind: 'notice', recipients: ['tj-border'] });
      const reply = testReply('tj-border', 'notice-1', { addressees: { nodes: ['unodc'] } });
      expect(await resolver.resolve({ kind: 'reply', message: reply })).toEqual([
        { node: 'kz-border', region: DIRECT_REGION, category: GENERAL_CATEGORY },
        { node: 'unodc', region: DIRECT_REGION, category: GENERAL_CATEGORY },
      ]);
    });

    it('refuses a reply to a notice the hub does not know', async () => {
      const { resolver, routes } = setUp();
      await routes.remember('alert-1', { origin: 'kz-border', kind: 'alert', recipients: ['tj-border'] });
      for (const notice of ['notice-unknown', 'alert-1']) {
        const error = await refusal(
          resolver.resolve({ kind: 'reply', message: testReply('tj-border', notice) }),
        );
        expect(error.reason).toBe(RejectionReason.UNKNOWN_ADDRESSEE);
        expect(error.violations).toEqual([expect.objectContaining({ field: 'notice' })]);
      }
    });
  });

  describe('receipts', () => {
    it('routes a receipt from a recipient to the origin of the message', async () => {
      const { resolver, routes } = setUp();
      await routes.remember('alert-1', {
        origin: 'kz-border',
        kind: 'alert',
        recipients: ['tj-border', 'unodc'],
      });
      const receipt = testReceipt('unodc', 'alert-1', 'kz-border');
      expect(await resolver.resolve({ kind: 'receipt', message: receipt })).toEqual([
        { node: 'kz-border', region: DIRECT_REGION, category: GENERAL_CATEGORY },
      ]);
    });

    it('refuses a receipt from a node that was not a recipient as UNAUTHORIZED', async () => {
      const { resolver, routes } = setUp();
      await routes.remember('alert-1', { origin: 'kz-border', kind: 'alert', recipients: ['tj-border'] });
      const error = await refusal(
        resolver.resolve({ kind: 'receipt', message: testReceipt('tm-border', 'alert-1', 'kz-border') }),
      );
      expect(error.reason).toBe(RejectionReason.UNAUTHORIZED);
    });

    it('refuses a receipt naming another origin than the one the message came from', async () => {
      const { resolver, routes } = setUp();
      await routes.remember('alert-1', { origin: 'kz-border', kind: 'alert', recipients: ['tj-border'] });
      const error = await refusal(
        resolver.resolve({ kind: 'receipt', message: testReceipt('tj-border', 'alert-1', 'kg-border') }),
      );
      expect(error.reason).toBe(RejectionReason.UNAUTHORIZED);
    });

    it('routes a receipt to a known origin when the route record is gone', async () => {
      const { resolver } = setUp();
      const receipt = testReceipt('tj-border', 'alert-lost', 'kz-border');
      expect(nodes(await resolver.resolve({ kind: 'receipt', message: receipt }))).toEqual(['kz-border']);
    });

    it('refuses a receipt to an unknown origin as UNKNOWN_ADDRESSEE', async () => {
      const { resolver } = setUp();
      const error = await refusal(
        resolver.resolve({ kind: 'receipt', message: testReceipt('tj-border', 'alert-1', 'nobody') }),
      );
      expect(error.reason).toBe(RejectionReason.UNKNOWN_ADDRESSEE);
      expect(error.violations).toEqual([expect.objectContaining({ field: 'origin' })]);
    });
  });
});
