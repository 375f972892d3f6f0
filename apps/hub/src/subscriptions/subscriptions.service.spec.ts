import { create, type MessageInitShape } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  AuditEvent,
  Category,
  ImpactLevel,
  NoticeKind,
  RejectionReason,
  Severity,
  SubscriptionChangeSchema,
  Tlp,
  encodeMessage,
  type SubscriptionChange,
} from '#contracts';
import { v7 as uuidv7 } from 'uuid';
import { createTestParties, testAlert, testNotice } from '../../test/hub.fixtures.js';
import { InMemoryRouteRecords, createTestResolver } from '../../test/routing.fixtures.js';
import { IngressRefusal } from '../pipeline/pipeline.errors.js';
import type { RoutableMessage } from '../pipeline/routable-message.js';

const parties = createTestParties();

function narrowing(
  sender: string,
  filters: MessageInitShape<typeof SubscriptionChangeSchema>['filters'],
): SubscriptionChange {
  return create(SubscriptionChangeSchema, {
    id: uuidv7(),
    sender,
    actor: 'person:admin-1',
    sent: timestampFromDate(new Date()),
    filters,
  });
}

function setUp() {
  const { resolver, audit, subscriptions, subscriptionStore } = createTestResolver(
    parties.index,
    new InMemoryRouteRecords(),
  );
  const recipients = async (routable: RoutableMessage) =>
    (await resolver.resolve(routable)).map((r) => r.node).sort();
  const narrow = async (change: SubscriptionChange) => {
    expect(await resolver.resolve({ kind: 'subscription', message: change })).toEqual([]);
    await resolver.commit({
      id: change.id,
      kind: 'subscription',
      origin: change.sender,
      actor: change.actor,
      body: encodeMessage('subscription', change),
      headers: {},
      recipients: [],
    });
  };
  return { resolver, audit, subscriptions, subscriptionStore, recipients, narrow };
}

const alert = (severity: Severity, init: object = {}) =>
  ({ kind: 'alert', message: testAlert('kz-border', { severity, ...init }) }) as const;

describe('routing by subscription narrowings', () => {
  it('keeps from a node narrowed to severe and worse a moderate alert, not a severe one', async () => {
    const { recipients, narrow } = setUp();
    expect(await recipients(alert(Severity.MODERATE))).toEqual(['tj-border', 'unodc', 'uz-customs']);
    await narrow(narrowing('uz-customs', [{ minSeverity: Severity.SEVERE }]));
    expect(await recipients(alert(Severity.MODERATE))).toEqual(['tj-border', 'unodc']);
    expect(await recipients(alert(Severity.SEVERE))).toEqual(['tj-border', 'unodc', 'uz-customs']);
  });

  it('still delivers to a narrowed node what is addressed to it', async () => {
    const { recipients, narrow } = setUp();
    await narrow(narrowing('uz-customs', [{ minSeverity: Severity.EXTREME }]));
    const addressed = alert(Severity.MINOR, { addressees: { nodes: ['uz-customs'] } });
    expect(await recipients(addressed)).toContain('uz-customs');
  });

  it('lets a section narrowing pass an alert at that section through a crossing point, or naming none', async () => {
    const { recipients, narrow } = setUp();
    await narrow(narrowing('tj-border', [{ sections: ['tj-af-panj'] }]));
    const elsewhere = alert(Severity.SEVERE, {
      category: Category.DRUG_TRAFFICKING,
      area: { borderSections: [] },
    });
    const atPanj = alert(Severity.SEVERE, {
      category: Category.DRUG_TRAFFICKING,
      area: { crossingPoints: ['tj-af-nizhny-panj'] },
    });
    expect(await recipients(elsewhere)).toContain('tj-border');
    expect(await recipients(atPanj)).toContain('tj-border');
  });

  it('narrows the region subscribers of an impact-level change by region', async () => {
    const { recipients, narrow } = setUp();
    const change = () => ({
      kind: 'notice' as const,
      message: testNotice('tj-border', [], {
        kind: NoticeKind.IMPACT_LEVEL_CHANGE,
        handling: { tlp: Tlp.GREEN },
        details: {
          case: 'impactChange',
          value: { borderSection: 'tj-af-panj', from: ImpactLevel.LOW, to: ImpactLevel.HIGH },
        },
      }),
    });
    expect(await recipients(change())).toContain('unodc');
    await narrow(narrowing('unodc', [{ regions: ['caspian'] }]));
    expect(await recipients(change())).not.toContain('unodc');
  });

  it('gives a node everything the registry entitles again once it lifts its narrowing', async () => {
    const { recipients, narrow } = setUp();
    await narrow(narrowing('uz-customs', [{ minSeverity: Severity.EXTREME }]));
    await narrow(narrowing('uz-customs', []));
    expect(await recipients(alert(Severity.MINOR))).toContain('uz-customs');
  });

  it('refuses a narrowing beyond the registry, naming the entry', async () => {
    const { resolver } = setUp();
    const beyond = narrowing('uz-customs', [{ categories: ['salw', 'drugs'] }]);
    const refusal = await resolver
      .resolve({ kind: 'subscription', message: beyond })
      .catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(IngressRefusal);
    expect(refusal).toMatchObject({
      reason: RejectionReason.INVALID,
      violations: [{ field: 'filters[0].categories[1]' }],
    });
  });

  it('audits the change with the person who made it', async () => {
    const { audit, narrow } = setUp();
    const change = narrowing('uz-customs', [{ minSeverity: Severity.SEVERE }]);
    await narrow(change);
    expect(audit.records).toContainEqual(
      expect.objectContaining({
        event: AuditEvent.SUBSCRIPTION_CHANGED,
        ref: change.id,
        origin: 'uz-customs',
        person: 'person:admin-1',
        detail: '[{"minSeverity":"SEVERITY_SEVERE"}]',
      }),
    );
  });

  it('applies a change another instance stored', async () => {
    const { subscriptions, subscriptionStore } = setUp();
    await subscriptions.onApplicationBootstrap();
    const topic = { region: 'afghan-border', category: 'salw', severity: Severity.MODERATE, sections: [] };
    await subscriptionStore.write(narrowing('uz-customs', [{ minSeverity: Severity.SEVERE }]));
    expect(subscriptions.admits('uz-customs', topic)).toBe(false);
    expect(subscriptions.admits('tj-border', topic)).toBe(true);
  });
});
