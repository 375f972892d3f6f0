import { Inject, Injectable } from '@nestjs/common';
import {
  DIRECT_REGION,
  GENERAL_CATEGORY,
  RejectionReason,
  Tlp,
  categoryToken,
  type Alert,
  type Notice,
  type Receipt,
  type Reply,
  type Violation,
} from '#contracts';
import { RegistryIndex } from '#registry';
import type { Logger } from 'pino';
import { HUB_LOGGER } from '../core/hub-logger.js';
import { IngressRefusal } from '../ingress/ingress-refusal.js';
import type { Recipient, RoutableMessage } from './routable-message.js';
import { RouteRecordStore } from './route-record.store.js';

// TLP:RED and TLP:AMBER+STRICT name their audience explicitly: never widen them to subscribers.
const ADDRESSEES_ONLY: ReadonlySet<Tlp> = new Set([Tlp.RED, Tlp.AMBER_STRICT]);

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
 * Decides who receives a message: alerts go to the subscribers of (region × category) of each of
 * their regions and to their explicit addressees; notices to their addressees; replies to the
 * notice's sender and their addressees; receipts to the origin of the message they acknowledge.
 * Refuses with an IngressRefusal when an addressee is unknown, a reply's notice is unknown, or a
 * receipt comes from a node that did not receive the message.
 */
@Injectable()
export class RecipientResolverService {
  constructor(
    private readonly registry: RegistryIndex,
    private readonly routes: RouteRecordStore,
    @Inject(HUB_LOGGER) private readonly logger: Logger,
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
    }
  }

  /**
   * One violation per explicit addressee the hub cannot deliver to: a node the registry does not
   * list (or the hub itself), any closed user group (none is registered yet), a receipt's unknown origin.
   */
  unknownAddressees(routable: RoutableMessage): Violation[] {
    const violations: Violation[] = [];
    if (routable.kind === 'receipt') {
      if (!this.isAddressable(routable.message.origin))
        violations.push({ field: 'origin', reason: 'unknown node' });
      return violations;
    }
    const { nodes = [], groups = [] } = routable.message.addressees ?? {};
    nodes.forEach((node, i) => {
      if (!this.isAddressable(node))
        violations.push({ field: `addressees.nodes[${i}]`, reason: 'unknown node' });
    });
    groups.forEach((_, i) => {
      violations.push({ field: `addressees.groups[${i}]`, reason: 'unknown closed user group' });
    });
    return violations;
  }

  private forAlert(alert: Alert): Recipient[] {
    const category = categoryToken(alert.category);
    const recipients = new RecipientSet(alert.sender);
    // Addressees first, so a node both addressed and subscribed sees that it was addressed.
    for (const node of alert.addressees?.nodes ?? []) recipients.add(node, DIRECT_REGION, category);
    if (!ADDRESSEES_ONLY.has(alert.handling?.tlp ?? Tlp.UNSPECIFIED)) {
      for (const region of alert.regions) {
        for (const node of this.registry.subscribers(region, category))
          recipients.add(node, region, category);
      }
    }
    return recipients.list();
  }

  private forNotice(notice: Notice): Recipient[] {
    const category = categoryToken(notice.category);
    const recipients = new RecipientSet(notice.sender);
    for (const node of notice.addressees?.nodes ?? []) recipients.add(node, DIRECT_REGION, category);
    return recipients.list();
  }

  private async forReply(reply: Reply): Promise<Recipient[]> {
    const notice = await this.routes.recall(reply.notice);
    if (notice?.kind !== 'notice') {
      throw new IngressRefusal(
        RejectionReason.UNKNOWN_ADDRESSEE,
        `notice ${reply.notice} is unknown to the hub`,
        [{ field: 'notice', reason: 'unknown notice: its sender cannot be resolved' }],
      );
    }
    const recipients = new RecipientSet(reply.sender);
    recipients.add(notice.origin, DIRECT_REGION, GENERAL_CATEGORY);
    for (const node of reply.addressees?.nodes ?? []) recipients.add(node, DIRECT_REGION, GENERAL_CATEGORY);
    return recipients.list();
  }

  private async forReceipt(receipt: Receipt): Promise<Recipient[]> {
    const route = await this.routes.recall(receipt.message);
    if (route === undefined) {
      // The record is a cache and may be gone; the origin is known, so the receipt is harmless to pass on.
      this.logger.info(
        { msgId: receipt.id, sender: receipt.sender, recipient: receipt.origin, message: receipt.message },
        'no route record for the acknowledged message; routing the receipt to its known origin',
      );
    } else if (route.origin !== receipt.origin || !route.recipients.includes(receipt.sender)) {
      throw new IngressRefusal(
        RejectionReason.UNAUTHORIZED,
        `${receipt.sender} was not a recipient of message ${receipt.message} from ${receipt.origin}`,
      );
    }
    const recipients = new RecipientSet(receipt.sender);
    recipients.add(receipt.origin, DIRECT_REGION, GENERAL_CATEGORY);
    return recipients.list();
  }

  private isAddressable(node: string): boolean {
    const entry = this.registry.node(node);
    return entry !== undefined && entry.kind !== 'hub';
  }
}
