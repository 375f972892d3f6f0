import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import type { Msg, Subscription } from '@nats-io/transport-node';
import {
  decodeMessage,
  deliverySubject,
  HEADER_ID,
  HEADER_KEY,
  HEADER_SIGNATURE,
  isMessageKind,
  parseSiteSubject,
} from '#contracts';
import { RegistryIndex, siteOf } from '#registry';
import { readSignedFields, SignatureVerifier } from '#trust';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { NodeConfig } from '../config/node.config.js';
import { DeliveriesService } from '../deliveries/deliveries.service.js';
import type { Delivery } from '../deliveries/delivery.js';
import { checkOrigin } from '../deliveries/origin-check.js';
import { SiteLinkRepository } from './site-link.repository.js';
import { isSiteKind, siteRecipients } from './site-recipients.js';
import { SiteMembershipError } from './site.errors.js';

/**
 * Takes in what the other nodes of this node's site send it on the fast path (`bl.site.<self>.>`),
 * but only a message whose signature holds and to which the hub's policy entitles this node: as the
 * hub's delivery of it would, without answering it (the hub's delivery of the same id is dropped as
 * a duplicate by the inbox and answered with the receipt). Anything else is dropped and logged; the
 * hub's path still delivers what it must.
 */
@Injectable()
export class SiteReceiverService implements OnApplicationBootstrap, OnModuleDestroy {
  private subscription: Subscription | undefined;

  constructor(
    private readonly config: NodeConfig,
    private readonly registry: RegistryIndex,
    private readonly verifier: SignatureVerifier,
    private readonly deliveries: DeliveriesService,
    private readonly link: SiteLinkRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Listens on the fast path when this node is on a site's leaf server (NODE_SITE), which must be its own. */
  onApplicationBootstrap(): void {
    const site = this.config.NODE_SITE;
    if (site === undefined) return;
    const node = this.registry.node(this.config.NODE_ID);
    const registered = node === undefined ? undefined : siteOf(node);
    if (registered !== site) throw new SiteMembershipError(this.config.NODE_ID, site, registered);
    // The node starts without a reachable server; it listens once it is connected.
    this.link
      .listen(this.config.NODE_ID, (msg) => void this.receive(msg))
      .then(
        (subscription) => (this.subscription = subscription),
        (error: unknown) => this.logger.warn({ err: error }, 'site fast path not listening'),
      );
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
  }

  /** Takes in one fast-path message or drops it; never rejects. */
  async receive(msg: Msg): Promise<void> {
    try {
      const delivery = this.asDelivery(msg);
      if (delivery === undefined) return;
      // No hub statement on the fast path: this receiver applied the hub's policy itself.
      await this.deliveries.handle(delivery, { sendReceipts: false, stated: false });
      this.logger.debug(
        { msgId: msg.headers?.get(HEADER_ID), subject: msg.subject },
        'taken in from the site',
      );
    } catch (error) {
      this.logger.warn({ subject: msg.subject, err: error }, 'site message dropped');
    }
  }

  // The delivery the hub would make of this message to this node, or undefined (logged) if none.
  private asDelivery(msg: Msg): Delivery | undefined {
    const header = (name: string): string | undefined => msg.headers?.get(name) || undefined;
    const address = parseSiteSubject(msg.subject);
    const kind = address?.kind;
    if (
      address?.node !== this.config.NODE_ID ||
      kind === undefined ||
      !isMessageKind(kind) ||
      !isSiteKind(kind)
    ) {
      return this.drop(msg, 'not a site message for this node');
    }
    const fields = readSignedFields(header);
    const message = decodeMessage(kind, msg.data);
    if (fields.type !== kind) return this.drop(msg, 'signed type differs from the subject', fields.id);
    const origin = checkOrigin(
      {
        kind,
        fields,
        body: msg.data,
        signature: header(HEADER_SIGNATURE),
        keyHint: header(HEADER_KEY),
        message,
      },
      this.verifier,
      this.registry,
    );
    if (!origin.verified) return this.drop(msg, `failed verification: ${origin.reason}`, fields.id);
    const entitled = siteRecipients(kind, message, this.registry).find(
      ({ node }) => node === this.config.NODE_ID,
    );
    if (entitled === undefined) return this.drop(msg, 'not entitled by the distribution policy', fields.id);
    return {
      subject: deliverySubject(this.config.NODE_ID, kind, entitled.region, entitled.category),
      body: msg.data,
      header,
    };
  }

  private drop(msg: Msg, reason: string, msgId?: string): undefined {
    this.logger.warn({ subject: msg.subject, msgId, reason }, 'site message dropped');
    return undefined;
  }
}
