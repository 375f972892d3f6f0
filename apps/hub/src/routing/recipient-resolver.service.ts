import { Injectable } from '@nestjs/common';
import {
  AlertType,
  DIRECT_REGION,
  GENERAL_CATEGORY,
  LIMITS,
  RejectionReason,
  Severity,
  Tlp,
  categoryToken,
  decodeMessage,
  type Addressees,
  type Alert,
  type DeliveredBatch,
  type GroupChange,
  type Notice,
  type Receipt,
  type Release,
  type Reply,
  type SubscriptionChange,
  type Violation,
} from '#contracts';
import { distribute, RegistryIndex, sectionsOfArea, type NarrowedTopic, type Route } from '#registry';
import { GroupsService } from '../groups/groups.service.js';
import { IngressRefusal } from '../pipeline/pipeline.errors.js';
import type { Recipient, RoutableMessage } from '../pipeline/routable-message.js';
import type { RoutedMessage } from '../pipeline/routed-message.js';
import { ReleasesService } from '../releases/releases.service.js';
import { RequestsService } from '../requests/requests.service.js';
import { RouteRecordStore, type RouteRecord } from '../routes/route-record.store.js';
import { SubscriptionsService } from '../subscriptions/subscriptions.service.js';

/** Whether the hub routed the message of `route` from `origin` to `recipient`: what a receipt needs. */
function routedTo(route: RouteRecord, origin: string, recipient: string): boolean {
  return route.origin === origin && route.recipients.includes(recipient);
}

/** Collects recipients once each, never the sender; the first route found for a node wins. */
class RecipientSet {
  private readonly byNode = new Map<string, Recipient>();

  constructor(private readonly sender: string) {}

  add(node: string, region: string, category: string): void {
    if (node === this.sender || this.byNode.has(node)) return;
    this.byNode.set(node, { node, region, category });
  }

  list(): Recipient[] {
    return [...this.byNode.values()];
  }
}

/**
 * Decides who receives a message: alerts by the TLP policy (`distribute`, shared with the nodes' site fast path) over their
 * addressees, the live members of their closed user groups and the subscribers of their topics;
 * an update or cancel also to every recipient of the alert it changes; notices to their addressees
 * and group members; replies to the sender of the alert or notice answered and their addressees; receipts (single or in a `delivered` batch) to the origin of messages the hub routed to their sender; release requests and decisions
 * through the release workflow; group changes to the group's members; a subscription change to
 * nobody. Subscribers are those of the registry that their node's narrowing admits. Refuses with an IngressRefusal
 * when an addressee or group is unknown, the sender is not a member of a group it addresses, or the
 * message's reference (notice, received message, release request, group owner) does not hold.
 */
@Injectable()
export class RecipientResolverService {
  constructor(
    private readonly registry: RegistryIndex,
    private readonly routes: RouteRecordStore,
    private readonly groups: GroupsService,
    private readonly releases: ReleasesService,
    private readonly requests: RequestsService,
    private readonly subscriptions: SubscriptionsService,
  ) {}

  async resolve(routable: RoutableMessage): Promise<Recipient[]> {
    const unknown = this.unknownAddressees(routable);
    if (unknown.length > 0)
      throw new IngressRefusal(RejectionReason.UNKNOWN_ADDRESSEE, 'unknown addressee', unknown);
    switch (routable.kind) {
      case 'alert':
        return this.forAlert(routable.message);
      case 'notice':
        return this.forNotice(routable.message);
      case 'reply':
        return this.forReply(routable.message);
      case 'receipt':
        return this.forReceipt(routable.message);
      case 'delivered':
        return this.forDelivered(routable.message);
      case 'release':
        return this.forRelease(routable.message);
      case 'group':
        return this.forGroupChange(routable.message);
      case 'subscription':
        return this.forSubscriptionChange(routable.message);
    }
  }

  /**
   * Stores what an accepted message changes for later decisions: a group change's new membership, a
   * release request, a release decision (an approval re-shares the original), a request to follow up
   * or an addressee's answer to one. Runs
   * before any copy is published and is repeatable, so a redelivered message changes nothing twice.
   */
  async commit(routed: RoutedMessage): Promise<void> {
    if (routed.kind === 'group') await this.groups.commit(decodeMessage('group', routed.body));
    if (routed.kind === 'release') await this.releases.commit(decodeMessage('release', routed.body));
    if (routed.kind === 'subscription')
      await this.subscriptions.commit(decodeMessage('subscription', routed.body));
    await this.requests.commit(routed);
  }

  /**
   * One violation per explicit addressee node the hub cannot deliver to: a node the registry does not
   * list (or the hub itself), a receipt's unknown origin. Closed user groups are checked against the
   * live membership store while resolving, since membership changes at run time.
   */
  unknownAddressees(routable: RoutableMessage): Violation[] {
    const violations: Violation[] = [];
    if (routable.kind === 'receipt' || routable.kind === 'delivered') {
      if (!this.isAddressable(routable.message.origin))
        violations.push({ field: 'origin', reason: 'unknown node' });
      return violations;
    }
    if (routable.kind === 'release' || routable.kind === 'group' || routable.kind === 'subscription')
      return violations;
    const { nodes = [] } = routable.message.addressees ?? {};
    nodes.forEach((node, i) => {
      if (!this.isAddressable(node))
        violations.push({ field: `addressees.nodes[${i}]`, reason: 'unknown node' });
    });
    return violations;
  }

  /**
   * An update or cancel reaches every recipient of the alerts it refers to, whatever its own regions,
   * as far as its handling lets it: one it would keep from a recipient of the original is refused.
   */
  private async forAlert(alert: Alert): Promise<Recipient[]> {
    const category = categoryToken(alert.category);
    const earlier = await this.earlierRecipients(alert);
    const topic = { category, severity: alert.severity, sections: sectionsOfArea(alert.area, this.registry) };
    const subscribers: Route[] = [
      ...alert.regions.flatMap((region) =>
        this.narrowed(this.registry.subscribers(region, category), { ...topic, region }),
      ),
      ...earlier.map((node) => ({ node, region: DIRECT_REGION })),
    ];
    const routes = distribute(
      {
        tlp: alert.handling?.tlp ?? Tlp.UNSPECIFIED,
        sender: alert.sender,
        addressed: await this.addressed(alert.sender, alert.addressees),
        subscribers,
      },
      this.registry,
    );
    const reached = new Set(routes.map((route) => route.node));
    const unreached = earlier.filter((node) => node !== alert.sender && !reached.has(node));
    if (unreached.length > 0) {
      throw new IngressRefusal(
        RejectionReason.INVALID,
        `its handling would keep it from ${unreached.join(', ')}, who received the alert it changes`,
        [
          {
            field: 'handling',
            reason: `stricter than the original's reach: address ${unreached.join(', ')} or keep the original's handling`,
          },
        ],
      );
    }
    const recipients = new RecipientSet(alert.sender);
    for (const { node, region } of routes) recipients.add(node, region, category);
    return recipients.list();
  }

  /**
   * For an update or cancel, the recipients of the alerts it refers to (none for a new alert). Each
   * must be an alert the hub routed from the same sender: nobody changes another's alert (UNAUTHORIZED),
   * and an alert the hub never routed, or no longer holds, cannot be changed (UNKNOWN_REFERENCE).
   */
  private async earlierRecipients(alert: Alert): Promise<string[]> {
    if (alert.type !== AlertType.UPDATE && alert.type !== AlertType.CANCEL) return [];
    const originals = await this.routes.recallAll(alert.references);
    const unknown = originals.flatMap((route, i) =>
      route?.kind === 'alert' ? [] : [{ field: `references[${i}]`, reason: 'not an alert the hub holds' }],
    );
    if (unknown.length > 0) {
      throw new IngressRefusal(
        RejectionReason.UNKNOWN_REFERENCE,
        'it changes an alert the hub never routed, or no longer holds',
        unknown,
      );
    }
    const foreign = originals.flatMap((route, i) =>
      route?.origin === alert.sender
        ? []
        : [{ field: `references[${i}]`, reason: `sent by ${route?.origin}, not ${alert.sender}` }],
    );
    if (foreign.length > 0) {
      throw new IngressRefusal(RejectionReason.UNAUTHORIZED, 'only its sender may change an alert', foreign);
    }
    return [...new Set(originals.flatMap((route) => route?.recipients ?? []))];
  }

  /**
   * To its addressees; an impact-level change also to every subscriber of its border section's
   * regions, as far as its handling lets it reach them (the picture of the section is everyone's).
   */
  private async forNotice(notice: Notice): Promise<Recipient[]> {
    await this.checkSeizureAlert(notice);
    const category = categoryToken(notice.category);
    const addressed = await this.addressed(notice.sender, notice.addressees);
    const { details } = notice;
    const changed = details.case === 'impactChange' ? details.value.borderSection : undefined;
    const section = this.registry.borderSections().find(({ id }) => id === changed);
    const sections = section === undefined ? [] : [section.id];
    const subscribers: Route[] = (section?.regions ?? []).flatMap((region) =>
      this.narrowed(this.registry.regionSubscribers(region), {
        region,
        severity: Severity.UNSPECIFIED,
        sections,
      }),
    );
    // Without subscribers (any other notice), the policy leaves the addressees alone.
    const routes = distribute(
      { tlp: notice.handling?.tlp ?? Tlp.UNSPECIFIED, sender: notice.sender, addressed, subscribers },
      this.registry,
    );
    const recipients = new RecipientSet(notice.sender);
    for (const { node, region } of routes) recipients.add(node, region, category);
    return recipients.list();
  }

  /**
   * A trace request's seizure alert must be an alert the hub routed (UNKNOWN_REFERENCE otherwise)
   * that the requester sent or received (UNAUTHORIZED otherwise): nobody traces from a seizure it
   * never saw.
   */
  private async checkSeizureAlert(notice: Notice): Promise<void> {
    const { details } = notice;
    if (details.case !== 'trace' || details.value.seizureAlert === '') return;
    const alert = details.value.seizureAlert;
    const route = await this.routes.recall(alert);
    if (route?.kind !== 'alert') {
      throw new IngressRefusal(
        RejectionReason.UNKNOWN_REFERENCE,
        `seizure alert ${alert} is unknown to the hub`,
        [{ field: 'trace.seizureAlert', reason: 'not an alert the hub holds' }],
      );
    }
    if (route.origin !== notice.sender && !route.recipients.includes(notice.sender)) {
      throw new IngressRefusal(
        RejectionReason.UNAUTHORIZED,
        `${notice.sender} neither sent nor received seizure alert ${alert}`,
        [{ field: 'trace.seizureAlert', reason: 'an alert the requester never had' }],
      );
    }
  }

  /**
   * The explicitly addressed nodes: the named ones, then the members of each named closed user group
   * as they are now. Refuses an unknown group (UNKNOWN_ADDRESSEE) and a group the sender is not a
   * member of (UNAUTHORIZED): a group's traffic is its members' alone.
   */
  private async addressed(sender: string, addressees: Addressees | undefined): Promise<string[]> {
    const { nodes = [], groups = [] } = addressees ?? {};
    const members = await Promise.all(groups.map((group) => this.groups.members(group)));
    const unknown = groups.flatMap((group, i) =>
      members[i] === undefined
        ? [{ field: `addressees.groups[${i}]`, reason: `unknown closed user group '${group}'` }]
        : [],
    );
    if (unknown.length > 0)
      throw new IngressRefusal(RejectionReason.UNKNOWN_ADDRESSEE, 'unknown closed user group', unknown);
    const outside = groups.filter((_, i) => !members[i]?.includes(sender));
    if (outside.length > 0) {
      throw new IngressRefusal(
        RejectionReason.UNAUTHORIZED,
        `${sender} is not a member of ${outside.join(', ')}`,
      );
    }
    return [...nodes, ...members.flatMap((list) => list ?? [])];
  }

  /**
   * To the sender of the alert or notice answered and the reply's addressees, who must all have had
   * the original: a reply stays within the original's audience (UNAUTHORIZED otherwise).
   */
  private async forReply(reply: Reply): Promise<Recipient[]> {
    const original = await this.routes.recall(reply.notice);
    if (original?.kind !== 'notice' && original?.kind !== 'alert') {
      throw new IngressRefusal(
        RejectionReason.UNKNOWN_ADDRESSEE,
        `message ${reply.notice} is unknown to the hub`,
        [{ field: 'notice', reason: 'unknown alert or notice: its sender cannot be resolved' }],
      );
    }
    const audience = new Set([original.origin, ...original.recipients]);
    const addressed = await this.addressed(reply.sender, reply.addressees);
    const outside = [reply.sender, ...addressed].filter((node) => !audience.has(node));
    if (outside.length > 0) {
      throw new IngressRefusal(
        RejectionReason.UNAUTHORIZED,
        `a reply stays within the audience of ${reply.notice}: ${outside.join(', ')} did not receive it`,
      );
    }
    const recipients = new RecipientSet(reply.sender);
    recipients.add(original.origin, DIRECT_REGION, GENERAL_CATEGORY);
    for (const node of addressed) recipients.add(node, DIRECT_REGION, GENERAL_CATEGORY);
    return recipients.list();
  }

  /**
   * Only for a message the hub routed to the receipt's sender, from the origin it names: otherwise
   * anyone could make a message appear delivered or acknowledged in its origin's view and the audit.
   * The route record lives as long as the ingress stream keeps messages; while the hub's state is
   * being rebuilt a missing one throws HubStateRebuildingError, so the receipt is retried, not refused.
   */
  private async forReceipt(receipt: Receipt): Promise<Recipient[]> {
    const route = await this.routes.recall(receipt.message);
    if (route === undefined) {
      throw new IngressRefusal(
        RejectionReason.UNAUTHORIZED,
        `message ${receipt.message} was not routed by the hub, or is no longer held`,
        [{ field: 'message', reason: `not routed to ${receipt.sender} by the hub` }],
      );
    }
    if (!routedTo(route, receipt.origin, receipt.sender)) {
      throw new IngressRefusal(
        RejectionReason.UNAUTHORIZED,
        `${receipt.sender} was not a recipient of message ${receipt.message} from ${receipt.origin}`,
      );
    }
    const recipients = new RecipientSet(receipt.sender);
    recipients.add(receipt.origin, DIRECT_REGION, GENERAL_CATEGORY);
    return recipients.list();
  }

  /**
   * As a receipt, for each message the batch names: the hub must have routed every one of them from
   * the batch's origin to its sender, or the whole batch is refused (its signature covers them all, so
   * it is passed on whole or not at all), naming each message that does not hold.
   */
  private async forDelivered(batch: DeliveredBatch): Promise<Recipient[]> {
    const routes = await this.routes.recallAll(batch.messages);
    const violations: Violation[] = routes.flatMap((route, i) =>
      route !== undefined && routedTo(route, batch.origin, batch.sender)
        ? []
        : [
            {
              field: `messages[${i}]`,
              reason: `not routed from ${batch.origin} to ${batch.sender} by the hub`,
            },
          ],
    );
    if (violations.length > 0) {
      throw new IngressRefusal(
        RejectionReason.UNAUTHORIZED,
        `${violations.length} of the batch's messages were not routed from ${batch.origin} to ${batch.sender}, or are no longer held`,
        violations.slice(0, LIMITS.maxViolations),
      );
    }
    const recipients = new RecipientSet(batch.sender);
    recipients.add(batch.origin, DIRECT_REGION, GENERAL_CATEGORY);
    return recipients.list();
  }

  private async forRelease(release: Release): Promise<Recipient[]> {
    const recipients = new RecipientSet(release.sender);
    for (const node of await this.releases.recipients(release))
      recipients.add(node, DIRECT_REGION, GENERAL_CATEGORY);
    return recipients.list();
  }

  private async forGroupChange(change: GroupChange): Promise<Recipient[]> {
    const recipients = new RecipientSet(change.sender);
    for (const node of await this.groups.recipients(change))
      recipients.add(node, DIRECT_REGION, GENERAL_CATEGORY);
    return recipients.list();
  }

  /** Within the registry's ceiling (already checked) and decided on in commit: told to nobody. */
  private forSubscriptionChange(change: SubscriptionChange): Recipient[] {
    this.subscriptions.check(change);
    return [];
  }

  /**
   * The registry subscribers of `topic` that their own narrowing lets receive it, as routes. Only
   * subscribers: addressees, group members and an original's recipients are never narrowed.
   */
  private narrowed(subscribers: readonly string[], topic: NarrowedTopic): Route[] {
    return subscribers
      .filter((node) => this.subscriptions.admits(node, topic))
      .map((node) => ({ node, region: topic.region }));
  }

  private isAddressable(node: string): boolean {
    const entry = this.registry.node(node);
    return entry !== undefined && entry.kind !== 'hub';
  }
}
