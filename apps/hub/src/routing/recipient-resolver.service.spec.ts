import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  ImpactLevel,
  NoticeKind,
  AlertType,
  AlertSchema,
  AuditEvent,
  Category,
  DIRECT_REGION,
  GENERAL_CATEGORY,
  GroupChangeSchema,
  HEADER_ID,
  HEADER_STATEMENT,
  HandlingCode,
  RejectionReason,
  ReleaseSchema,
  Tlp,
  encodeMessage,
  type GroupChange,
  type Release,
} from '#contracts';
import { v7 as uuidv7 } from 'uuid';
import {
  createTestParties,
  sealNodeMessage,
  testAlert,
  testNotice,
  testReceipt,
  testReply,
} from '../../test/hub.fixtures.js';
import { InMemoryRouteRecords, createTestResolver } from '../../test/routing.fixtures.js';
import { IngressRefusal } from '../pipeline/pipeline.errors.js';
import { actorOf, type Recipient, type RoutableMessage } from '../pipeline/routable-message.js';
import type { RoutedMessage } from '../pipeline/routed-message.js';
import { HubStateRebuildingError } from '../state/state.errors.js';

const parties = createTestParties();

function setUp() {
  const routes = new InMemoryRouteRecords();
  const { resolver, originals, requests, audit } = createTestResolver(parties.index, routes);
  /** Resolves, then commits as the ingress pipeline does; returns the recipients' node ids. */
  const accept = async (routable: RoutableMessage) => {
    const recipients = await resolver.resolve(routable);
    const routed: RoutedMessage = {
      id: routable.message.id,
      kind: routable.kind,
      origin: routable.message.sender,
      actor: actorOf(routable),
      body: encodeMessage(routable.kind, routable.message as never),
      headers: {},
      recipients,
    };
    await resolver.commit(routed);
    return recipients.map((r) => r.node).sort();
  };
  return { routes, resolver, originals, requests, audit, accept };
}

function groupChange(
  sender: string,
  group: string,
  change: MessageInitShape<typeof GroupChangeSchema>['change'],
): GroupChange {
  return create(GroupChangeSchema, {
    id: uuidv7(),
    sender,
    sent: timestampFromDate(new Date()),
    group,
    change,
  });
}

function release(sender: string, init: MessageInitShape<typeof ReleaseSchema>): Release {
  return create(ReleaseSchema, { id: uuidv7(), sender, sent: timestampFromDate(new Date()), ...init });
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

    it("narrows TLP:AMBER alerts to subscribers of the addressees' organisations", async () => {
      const { resolver } = setUp();
      const alert = testAlert('kz-border', {
        handling: { tlp: Tlp.AMBER, code: HandlingCode.H2 },
        addressees: { nodes: ['kg-border', 'unodc'] },
      });
      // Every test party is its own organisation, declaring no need to know: the addressees alone.
      expect(nodes(await resolver.resolve({ kind: 'alert', message: alert }))).toEqual([
        'kg-border',
        'unodc',
      ]);
    });

    it('refuses an unknown addressee node or the hub as UNKNOWN_ADDRESSEE', async () => {
      const { resolver } = setUp();
      const alert = testAlert('kz-border', { addressees: { nodes: ['tj-border', 'nobody', 'hub'] } });
      const error = await refusal(resolver.resolve({ kind: 'alert', message: alert }));
      expect(error.reason).toBe(RejectionReason.UNKNOWN_ADDRESSEE);
      expect(error.violations.map((v) => v.field)).toEqual(['addressees.nodes[1]', 'addressees.nodes[2]']);
    });

    it('refuses a closed user group that does not exist as UNKNOWN_ADDRESSEE', async () => {
      const { resolver } = setUp();
      const alert = testAlert('kz-border', { addressees: { groups: ['op-x'] } });
      const error = await refusal(resolver.resolve({ kind: 'alert', message: alert }));
      expect(error.reason).toBe(RejectionReason.UNKNOWN_ADDRESSEE);
      expect(error.violations.map((v) => v.field)).toEqual(['addressees.groups[0]']);
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

    it("sends an impact-level change to every subscriber of its section's regions, as its handling allows", async () => {
      const { resolver } = setUp();
      const change = (tlp: Tlp) =>
        testNotice('kg-border', ['tj-border'], {
          kind: NoticeKind.IMPACT_LEVEL_CHANGE,
          handling: { tlp, code: HandlingCode.H2 },
          details: {
            case: 'impactChange',
            value: { borderSection: 'tj-af-panj', from: ImpactLevel.LOW, to: ImpactLevel.HIGH },
          },
        });
      expect(nodes(await resolver.resolve({ kind: 'notice', message: change(Tlp.GREEN) }))).toEqual([
        'kz-border',
        'tj-border',
        'unodc',
        'uz-customs',
      ]);
      expect(nodes(await resolver.resolve({ kind: 'notice', message: change(Tlp.RED) }))).toEqual([
        'tj-border',
      ]);
    });

    it('refuses a trace request whose seizure alert the hub does not hold, or the requester never had', async () => {
      const { resolver, routes } = setUp();
      await routes.remember('alert-1', { origin: 'tj-border', kind: 'alert', recipients: ['uz-customs'] });
      const trace = (sender: string, seizureAlert: string) =>
        testNotice(sender, ['unodc'], {
          kind: NoticeKind.FIREARMS_TRACE_REQUEST,
          details: { case: 'trace', value: { seizureAlert, illicitNature: 'seized', intendedUse: 'trace' } },
        });
      const unknown = await refusal(
        resolver.resolve({ kind: 'notice', message: trace('tj-border', 'alert-9') }),
      );
      expect(unknown.reason).toBe(RejectionReason.UNKNOWN_REFERENCE);
      expect(unknown.violations).toEqual([expect.objectContaining({ field: 'trace.seizureAlert' })]);
      const stranger = await refusal(
        resolver.resolve({ kind: 'notice', message: trace('kz-border', 'alert-1') }),
      );
      expect(stranger.reason).toBe(RejectionReason.UNAUTHORIZED);
      for (const sender of ['tj-border', 'uz-customs']) {
        expect(nodes(await resolver.resolve({ kind: 'notice', message: trace(sender, 'alert-1') }))).toEqual([
          'unodc',
        ]);
      }
    });

    it("sends a reply to the notice's sender and the reply's addressees", async () => {
      const { resolver, routes } = setUp();
      await routes.remember('notice-1', {
        origin: 'kz-border',
        kind: 'notice',
        recipients: ['tj-border', 'unodc'],
      });
      const reply = testReply('tj-border', 'notice-1', { addressees: { nodes: ['unodc'] } });
      expect(await resolver.resolve({ kind: 'reply', message: reply })).toEqual([
        { node: 'kz-border', region: DIRECT_REGION, category: GENERAL_CATEGORY },
        { node: 'unodc', region: DIRECT_REGION, category: GENERAL_CATEGORY },
      ]);
    });

    it("answers an alert as a notice: to the alert's sender", async () => {
      const { resolver, routes } = setUp();
      await routes.remember('alert-1', { origin: 'kz-border', kind: 'alert', recipients: ['tj-border'] });
      const reply = testReply('tj-border', 'alert-1');
      expect(await resolver.resolve({ kind: 'reply', message: reply })).toEqual([
        { node: 'kz-border', region: DIRECT_REGION, category: GENERAL_CATEGORY },
      ]);
    });

    it('refuses as UNAUTHORIZED a reply from, or to, a node that did not receive the original', async () => {
      const { resolver, routes } = setUp();
      await routes.remember('notice-1', { origin: 'kz-border', kind: 'notice', recipients: ['tj-border'] });
      for (const reply of [
        testReply('unodc', 'notice-1'),
        testReply('tj-border', 'notice-1', { addressees: { nodes: ['unodc'] } }),
      ]) {
        const error = await refusal(resolver.resolve({ kind: 'reply', message: reply }));
        expect(error.reason).toBe(RejectionReason.UNAUTHORIZED);
        expect(error.message).toContain('unodc did not receive it');
      }
    });

    it('refuses a reply to a message the hub does not know, or that is no alert or notice', async () => {
      const { resolver, routes } = setUp();
      await routes.remember('group-1', { origin: 'kz-border', kind: 'group', recipients: ['tj-border'] });
      for (const notice of ['notice-unknown', 'group-1']) {
        const error = await refusal(
          resolver.resolve({ kind: 'reply', message: testReply('tj-border', notice) }),
        );
        expect(error.reason).toBe(RejectionReason.UNKNOWN_ADDRESSEE);
        expect(error.violations).toEqual([expect.objectContaining({ field: 'notice' })]);
      }
    });
  });

  describe('updates and cancels', () => {
    const change = (type: AlertType, init: MessageInitShape<typeof AlertSchema> = {}) =>
      testAlert('kz-border', { type, references: ['alert-1'], regions: ['caspian'], ...init });

    it.each([AlertType.UPDATE, AlertType.CANCEL])(
      'reaches every recipient of the original, whatever its own regions (type %s)',
      async (type) => {
        const { resolver, routes } = setUp();
        await routes.remember('alert-1', {
          origin: 'kz-border',
          kind: 'alert',
          recipients: ['tj-border', 'uz-customs'],
        });
        expect(nodes(await resolver.resolve({ kind: 'alert', message: change(type) }))).toEqual([
          'tj-border',
          'tm-border',
          'unodc',
          'uz-customs',
        ]);
      },
    );

    it('refuses a change of an alert the hub does not hold as UNKNOWN_REFERENCE, naming the reference', async () => {
      const { resolver, routes } = setUp();
      await routes.remember('notice-1', { origin: 'kz-border', kind: 'notice', recipients: ['tj-border'] });
      for (const reference of ['alert-unknown', 'notice-1']) {
        const alert = change(AlertType.UPDATE, { references: [reference] });
        const error = await refusal(resolver.resolve({ kind: 'alert', message: alert }));
        expect(error.reason).toBe(RejectionReason.UNKNOWN_REFERENCE);
        expect(error.violations).toEqual([expect.objectContaining({ field: 'references[0]' })]);
      }
    });

    it("refuses a change of another node's alert as UNAUTHORIZED", async () => {
      const { resolver, routes } = setUp();
      await routes.remember('alert-1', { origin: 'tj-border', kind: 'alert', recipients: ['unodc'] });
      const error = await refusal(resolver.resolve({ kind: 'alert', message: change(AlertType.CANCEL) }));
      expect(error.reason).toBe(RejectionReason.UNAUTHORIZED);
      expect(error.violations).toEqual([
        { field: 'references[0]', reason: 'sent by tj-border, not kz-border' },
      ]);
    });

    it("refuses as INVALID a change whose handling keeps it from the original's recipients, unless it addresses them", async () => {
      const { resolver, routes } = setUp();
      await routes.remember('alert-1', {
        origin: 'kz-border',
        kind: 'alert',
        recipients: ['tj-border', 'unodc'],
      });
      const red = { handling: { tlp: Tlp.RED, code: HandlingCode.H2 } };
      const error = await refusal(
        resolver.resolve({
          kind: 'alert',
          message: change(AlertType.UPDATE, { ...red, addressees: { nodes: ['tj-border'] } }),
        }),
      );
      expect(error.reason).toBe(RejectionReason.INVALID);
      expect(error.violations).toEqual([expect.objectContaining({ field: 'handling' })]);
      expect(error.message).toContain('unodc');
      const addressed = change(AlertType.UPDATE, { ...red, addressees: { nodes: ['tj-border', 'unodc'] } });
      expect(nodes(await resolver.resolve({ kind: 'alert', message: addressed }))).toEqual([
        'tj-border',
        'unodc',
      ]);
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

    it('refuses a receipt for a message the hub never routed as UNAUTHORIZED, naming the message', async () => {
      const { resolver } = setUp();
      const error = await refusal(
        resolver.resolve({ kind: 'receipt', message: testReceipt('tj-border', 'alert-never', 'kz-border') }),
      );
      expect(error.reason).toBe(RejectionReason.UNAUTHORIZED);
      expect(error.violations).toEqual([expect.objectContaining({ field: 'message' })]);
    });

    it('has a receipt retried, not refused, while a missing route record may be one not yet rebuilt', async () => {
      const { resolver, routes } = setUp();
      routes.rebuilding = true;
      const receipt = testReceipt('tj-border', 'alert-wiped', 'kz-border');
      await expect(resolver.resolve({ kind: 'receipt', message: receipt })).rejects.toBeInstanceOf(
        HubStateRebuildingError,
      );
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

  describe('closed user groups', () => {
    const creation = (members: string[]) => ({
      case: 'create' as const,
      value: { name: 'Operation Panj', members },
    });

    it('tells every member of a new group, and delivers a TLP:RED alert to the group to its members only', async () => {
      const { accept, resolver } = setUp();
      const opening = groupChange('kz-border', 'op-panj', creation(['tj-border', 'kg-border']));
      expect(await accept({ kind: 'group', message: opening })).toEqual(['kg-border', 'tj-border']);
      const alert = testAlert('tj-border', {
        handling: { tlp: Tlp.RED, code: HandlingCode.H2 },
        addressees: { groups: ['op-panj'] },
      });
      expect(await resolver.resolve({ kind: 'alert', message: alert })).toEqual([
        { node: 'kz-border', region: DIRECT_REGION, category: 'salw' },
        { node: 'kg-border', region: DIRECT_REGION, category: 'salw' },
      ]);
    });

    it('stops delivering to a removed member at once, and tells it that it is out', async () => {
      const { accept, resolver } = setUp();
      await accept({
        kind: 'group',
        message: groupChange('kz-border', 'op-panj', creation(['tj-border', 'kg-border'])),
      });
      const removal = groupChange('kz-border', 'op-panj', { case: 'remove', value: { node: 'kg-border' } });
      expect(await accept({ kind: 'group', message: removal })).toEqual(['kg-border', 'tj-border']);
      const notice = testNotice('kz-border', [], { addressees: { groups: ['op-panj'] } });
      expect(nodes(await resolver.resolve({ kind: 'notice', message: notice }))).toEqual(['tj-border']);
    });

    it('lets only the owner change the group, and only members send to it', async () => {
      const { accept, resolver } = setUp();
      await accept({ kind: 'group', message: groupChange('kz-border', 'op-panj', creation(['tj-border'])) });
      const byMember = groupChange('tj-border', 'op-panj', { case: 'add', value: { node: 'unodc' } });
      expect((await refusal(resolver.resolve({ kind: 'group', message: byMember }))).reason).toBe(
        RejectionReason.UNAUTHORIZED,
      );
      const outsider = testNotice('unodc', [], { addressees: { groups: ['op-panj'] } });
      expect((await refusal(resolver.resolve({ kind: 'notice', message: outsider }))).reason).toBe(
        RejectionReason.UNAUTHORIZED,
      );
      const again = groupChange('tj-border', 'op-panj', creation([]));
      expect((await refusal(resolver.resolve({ kind: 'group', message: again }))).reason).toBe(
        RejectionReason.INVALID,
      );
    });

    it('treats a redelivered change as done', async () => {
      const { accept } = setUp();
      const opening = groupChange('kz-border', 'op-panj', creation(['tj-border']));
      await accept({ kind: 'group', message: opening });
      expect(await accept({ kind: 'group', message: opening })).toEqual(['tj-border']);
    });
  });

  describe('release workflow', () => {
    async function received(routes: InMemoryRouteRecords, originals: ReturnType<typeof setUp>['originals']) {
      const alert = testAlert('kz-border', { handling: { tlp: Tlp.RED, code: HandlingCode.H2 } });
      await routes.remember(alert.id, {
        origin: 'kz-border',
        kind: 'alert',
        recipients: ['tj-border'],
        sequence: 7,
      });
      const sealed = sealNodeMessage('alert', alert, parties.signer('kz-border'));
      originals.log.set(7, {
        ...sealed,
        // As stored: the origin's headers and its JetStream id, and whatever else it chose to send.
        headers: { ...sealed.headers, 'Nats-Msg-Id': alert.id, [HEADER_STATEMENT]: 'forged' },
      });
      return alert.id;
    }

    it('routes a request from a recipient to the originator, and refuses one from a non-recipient', async () => {
      const { accept, resolver, routes, originals } = setUp();
      const message = await received(routes, originals);
      const request = release('tj-border', {
        message,
        origin: 'kz-border',
        to: 'unodc',
        step: { case: 'request', value: { reason: 'tracing' } },
      });
      expect(await accept({ kind: 'release', message: request })).toEqual(['kz-border']);
      const stranger = release('kg-border', {
        message,
        origin: 'kz-border',
        to: 'unodc',
        step: { case: 'request', value: { reason: '' } },
      });
      expect((await refusal(resolver.resolve({ kind: 'release', message: stranger }))).reason).toBe(
        RejectionReason.UNAUTHORIZED,
      );
    });

    it('on approval re-shares the original to the further node, records it, and answers the requester', async () => {
      const { accept, routes, originals, audit } = setUp();
      const message = await received(routes, originals);
      const request = release('tj-border', {
        message,
        origin: 'kz-border',
        to: 'unodc',
        step: { case: 'request', value: { reason: '' } },
      });
      await accept({ kind: 'release', message: request });
      const approval = release('kz-border', {
        message,
        origin: 'kz-border',
        to: 'unodc',
        step: {
          case: 'decision',
          value: { request: request.id, requester: 'tj-border', approved: true, reason: '' },
        },
      });
      expect(await accept({ kind: 'release', message: approval })).toEqual(['tj-border']);
      const [copy, ...more] = originals.published;
      expect(more).toEqual([]);
      const original = originals.log.get(7)!;
      expect(copy).toMatchObject({
        subject: 'bl.out.unodc.alert.direct.salw',
        msgId: `${message}:unodc`,
        headers: {
          [HEADER_ID]: message,
          'Bl-Signature': original.headers['Bl-Signature'],
          'Bl-Recipient': 'unodc',
        },
      });
      // The hub's own statement names the further node alone, and the RELEASED entry.
      expect(copy?.headers[HEADER_STATEMENT]).toMatch(
        /^v1;hub=hub;at=[^;]+;audit=\d+:[0-9a-f]{64};to=unodc;key=/,
      );
      expect(copy?.headers['Nats-Msg-Id']).toBeUndefined();
      expect(copy?.body).toBe(originals.log.get(7)?.body);
      expect(audit.records).toContainEqual(
        expect.objectContaining({
          event: AuditEvent.RELEASED,
          ref: approval.id,
          message,
          origin: 'kz-border',
          recipients: ['unodc'],
        }),
      );
      expect((await routes.recall(message))?.recipients).toEqual(['tj-border', 'unodc']);
    });

    it('refuses a decision from anyone but the originator, and a second decision', async () => {
      const { accept, resolver, routes, originals } = setUp();
      const message = await received(routes, originals);
      const request = release('tj-border', {
        message,
        origin: 'kz-border',
        to: 'unodc',
        step: { case: 'request', value: { reason: '' } },
      });
      await accept({ kind: 'release', message: request });
      const decision = (approved: boolean) => ({
        case: 'decision' as const,
        value: {
          request: request.id,
          requester: 'tj-border',
          approved,
          reason: approved ? '' : 'ongoing case',
        },
      });
      const forged = release('unodc', { message, origin: 'unodc', to: 'unodc', step: decision(true) });
      expect((await refusal(resolver.resolve({ kind: 'release', message: forged }))).reason).toBe(
        RejectionReason.UNAUTHORIZED,
      );
      await accept({
        kind: 'release',
        message: release('kz-border', { message, origin: 'kz-border', to: 'unodc', step: decision(false) }),
      });
      expect(originals.published).toEqual([]);
      const late = release('kz-border', { message, origin: 'kz-border', to: 'unodc', step: decision(true) });
      expect((await refusal(resolver.resolve({ kind: 'release', message: late }))).reason).toBe(
        RejectionReason.INVALID,
      );
    });
  });
});
