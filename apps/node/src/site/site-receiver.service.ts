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
  validateMessage,
} from '#contracts';
import { RegistryIndex, siteOf, validationContextOf } from '#registry';
import { headerMismatches, readSignedFields, SignatureVerifier } from '#trust';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { Clock } from '../common/clock.js';
import { NodeConfig } from '../config/node.config.js';
import { DeliveriesService } from '../deliveries/deliveries.service.js';
import type { Delivery } from '../deliveries/delivery.js';
import { checkOrigin } from '../deliveries/origin-check.js';
import { SiteLinkRepository } from './site-link.repository.js';
import { isSiteKind, siteRecipients } from './site-recipients.js';
import { SiteMembershipError } from './site.errors.js';

/**
 * Takes in what the other nodes of this node's site send it on the fast path (`bl.site.<self>.>`),
 * but only what the hub would have let through to this node: a message whose signature holds, whose
 * signed headers equal its body, that passes the hub's validation (the sent-time window included) and
 * to which the hub's policy entitles this node. It goes into the inbox as the hub's delivery of it
 * would, marked as received over the site only, and unanswered: the hub's delivery of the same id
 * clears the mark and is answered with the `delivered` receipt, which the hub audits. Anything else is
 * dropped and logged; the hub's path still delivers what it must.
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
    private readonly clock: Clock,
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
      await this.deliveries.handle(delivery, { sendReceipts: false, viaSite: true, stated: false });
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
      { kind, fields, message },
      this.verifier.verify(fields, msg.data, header(HEADER_SIGNATURE), header(HEADER_KEY)),
      this.registry,
    );
    if (!origin.verified) return this.drop(msg, `failed verification: ${origin.reason}`, fields.id);
    // What the hub checks before it routes, the fast path checks before it takes in.
    const differing = headerMismatches(kind, message, fields);
    if (differing.length > 0) {
      return this.drop(msg, `signed headers differ from the body: ${differing.join(', ')}`, fields.id);
    }
    const violations = validateMessage(kind, message, validationContextOf(this.registry, this.clock.now()));
    if (violations.length > 0) {
      const fieldsAtFault = violations.map(({ field }) => field).join(', ');
      return this.drop(msg, `breaks the hub's rules: ${fieldsAtFault}`, fields.id);
    }
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
