import { Inject, Injectable } from '@nestjs/common';
import {
  DecodeError,
  decodeMessage,
  HEADER_KEY,
  HEADER_SIGNATURE,
  isMessageKind,
  messageToJson,
  parseDeliverySubject,
  type DeliveryAddress,
  type MessageKind,
  type MessageOf,
} from '#contracts';
import { PermanentFailure } from '#messaging';
import { RegistryIndex } from '#registry';
import { EnvelopeError, readSignedFields, SignatureVerifier, type SignedFields } from '#trust';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { Clock } from '../common/clock.js';
import { NodeConfig } from '../config/node.config.js';
import { GroupsService } from '../groups/groups.service.js';
import type { InboxKind } from '../inbox/inbox-item.js';
import { InboxService } from '../inbox/inbox.service.js';
import { ReceiptsService } from '../receipts/receipts.service.js';
import { ReleasesService } from '../releases/releases.service.js';
import { SentMessagesService } from '../sent/sent-messages.service.js';
import type { Delivery } from './delivery.js';
import { checkOrigin, type OriginCheck } from './origin-check.js';

/** How one delivery is handled. */
export interface HandleOptions {
  /** Answer messages for the inbox with a `delivered` receipt; default true. */
  sendReceipts?: boolean;
  /** It came over the national site's fast path, not from the hub: the inbox item is marked so. */
  viaSite?: boolean;
}

/** A delivery read and decoded, with what its signature says about its origin. */
interface Received<K extends MessageKind> {
  kind: K;
  address: DeliveryAddress;
  fields: SignedFields;
  message: MessageOf<K>;
  origin: OriginCheck;
}

function decode<K extends MessageKind>(kind: K, body: Uint8Array): MessageOf<K> {
  try {
    return decodeMessage(kind, body);
  } catch (error) {
    if (error instanceof DecodeError)
      throw new PermanentFailure(`undecodable ${kind} body`, { cause: error });
    throw error;
  }
}

/**
 * What this node does with each delivery: messages for its users go into the inbox (once per id,
 * marked verified or not) and are answered with a signed `delivered` receipt; routing reports,
 * receipts and rejections about its own messages update their sent state; release requests and
 * answers, and closed user group changes, go to their features. Resolves only once Redis
 * holds the outcome, so the consumer acks only then; PermanentFailure marks a delivery that no retry
 * can fix (it is dead-lettered).
 */
@Injectable()
export class DeliveriesService {
  constructor(
    private readonly config: NodeConfig,
    private readonly registry: RegistryIndex,
    private readonly verifier: SignatureVerifier,
    private readonly inbox: InboxService,
    private readonly sent: SentMessagesService,
    private readonly receipts: ReceiptsService,
    private readonly releases: ReleasesService,
    private readonly groups: GroupsService,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * @param options.sendReceipts false to take a message in without answering it (a copy received
   *   outside the hub's delivery, or read again to rebuild state): the hub's delivery answers it.
   */
  async handle(delivery: Delivery, options: HandleOptions = {}): Promise<void> {
    const address = parseDeliverySubject(delivery.subject);
    if (address === undefined || address.node !== this.config.NODE_ID || !isMessageKind(address.kind)) {
      throw new PermanentFailure(`not a delivery to ${this.config.NODE_ID}: ${delivery.subject}`);
    }
    switch (address.kind) {
      case 'alert':
      case 'notice':
      case 'reply':
        return this.takeIn(this.receive(address.kind, address, delivery), options, () =>
          delivery.releaseOrder?.(),
        );
      case 'routing':
        return this.sent.applyRouting(this.trusted(this.receive('routing', address, delivery)));
      case 'receipt':
        return this.applyReceipt(this.trusted(this.receive('receipt', address, delivery)));
      case 'rejection':
        return this.sent.applyRejection(this.trusted(this.receive('rejection', address, delivery)));
      case 'release':
        return this.releases.receive(this.trusted(this.receive('release', address, delivery)));
      case 'group':
        return this.groups.receive(this.trusted(this.receive('group', address, delivery)));
    }
  }

  private receive<K extends MessageKind>(kind: K, address: DeliveryAddress, delivery: Delivery): Received<K> {
    let fields: SignedFields;
    try {
      fields = readSignedFields((name) => delivery.header(name));
    } catch (error) {
      if (error instanceof EnvelopeError) throw new PermanentFailure(error.message, { cause: error });
      throw error;
    }
    if (fields.type !== kind) {
      throw new PermanentFailure(`${fields.id}: signed type ${fields.type} delivered on a ${kind} subject`);
    }
    const message = decode(kind, delivery.body);
    const origin = checkOrigin(
      {
        kind,
        fields,
        body: delivery.body,
        signature: delivery.header(HEADER_SIGNATURE),
        keyHint: delivery.header(HEADER_KEY),
        message,
      },
      this.verifier,
      this.registry,
    );
    return { kind, address, fields, message, origin };
  }

  // State about this node's own messages changes only on an authentic report; a forged one is poison.
  private trusted<K extends MessageKind>(received: Received<K>): MessageOf<K> {
    if (!received.origin.verified) {
      throw new PermanentFailure(
        `${received.kind} ${received.fields.id} from ${received.fields.sender} failed verification: ${received.origin.reason}`,
      );
    }
    return received.message;
  }

  private async takeIn<K extends InboxKind>(
    received: Received<K>,
    options: HandleOptions,
    releaseOrder: () => void,
  ): Promise<void> {
    const { kind, address, fields, origin } = received;
    const viaSite = options.viaSite === true;
    const fresh = await this.inbox.takeIn({
      id: fields.id,
      kind,
      sender: fields.sender,
      receivedAt: this.clock.now().toISOString(),
      region: address.region,
      category: address.category,
      verified: origin.verified,
      ...(origin.verified ? {} : { verification: origin.reason }),
      handling: fields.handling,
      message: messageToJson(kind, received.message),
      ...(viaSite ? { viaSite } : {}),
    });
    // The hub's copy of what the site brought first: the item is the hub's delivery now.
    if (!fresh && !viaSite) await this.inbox.deliveredByHub(fields.id);
    // In the inbox and announced: the sender's next delivery may go ahead while this one is answered.
    releaseOrder();
    if (!origin.verified) {
      this.logger.warn(
        { msgId: fields.id, sender: fields.sender, kind, reason: origin.reason, fresh },
        'delivery failed verification; kept unverified, no receipt',
      );
      return;
    }
    // Per-message progress is debug: the delivered counter carries the rate at info.
    this.logger.debug(
      { msgId: fields.id, sender: fields.sender, kind, fresh },
      fresh ? 'taken into the inbox' : 'duplicate delivery dropped',
    );
    // Also on a duplicate: the first attempt may have stored the item and failed before its receipt.
    // The receipt id is deterministic, so JetStream drops a copy that did get through.
    if (options.sendReceipts ?? true) await this.receipts.sendDelivered(fields.id, fields.sender);
  }

  private async applyReceipt(receipt: MessageOf<'receipt'>): Promise<void> {
    if (receipt.origin !== this.config.NODE_ID) {
      throw new PermanentFailure(
        `receipt ${receipt.id} is about a message of ${receipt.origin}, not of this node`,
      );
    }
    await this.sent.applyReceipt(receipt);
  }
}
