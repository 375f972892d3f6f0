import { Inject, Injectable } from '@nestjs/common';
import {
  DecodeError,
  decodeMessage,
  HEADER_KEY,
  HEADER_SIGNATURE,
  HEADER_STATEMENT,
  isMessageKind,
  messageToJson,
  parseDeliverySubject,
  type DeliveryAddress,
  type MessageKind,
  type MessageOf,
} from '#contracts';
import { PermanentFailure } from '#messaging';
import { RegistryIndex, hubKeysOf } from '#registry';
import { EnvelopeError, readSignedFields, SignatureVerifier, type HubKeys, type SignedFields } from '#trust';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { Clock } from '../common/clock.js';
import { NodeConfig } from '../config/node.config.js';
import { GroupsService } from '../groups/groups.service.js';
import { isReceivedKind, type InboxItem, type ReceivedKind } from '../inbox/inbox-item.js';
import { InboxService } from '../inbox/inbox.service.js';
import { ReceiptsService } from '../receipts/receipts.service.js';
import { ReleasesService } from '../releases/releases.service.js';
import { SentMessagesService } from '../sent/sent-messages.service.js';
import { CheckpointRefused } from '../witness/witness.errors.js';
import { SerialsService } from '../serials/serials.service.js';
import { ServiceSubscriptionsService } from '../service-subscriptions/service-subscriptions.service.js';
import { WitnessService } from '../witness/witness.service.js';
import { DeliveryNotStated } from './deliveries.errors.js';
import type { Delivery, FailedDelivery } from './delivery.js';
import { deliveryRounds } from './delivery-rounds.js';
import { checkOrigin, type OriginCheck } from './origin-check.js';
import { checkStatement } from './statement-check.js';

/** How one delivery is handled. */
export interface HandleOptions {
  /** Answer messages for the inbox with a `delivered` receipt; default true. */
  sendReceipts?: boolean;
  /** It came over the national site's fast path, not from the hub: the inbox item is marked so. */
  viaSite?: boolean;
  /**
   * Require the hub's statement naming this node, and keep it as a witness; default true. False only
   * for the site fast path, whose copies come from a node of the site and carry none (the site
   * receiver applies the hub's policy itself).
   */
  stated?: boolean;
}

/** A delivery read and decoded, with what its signature says about its origin. */
interface Received<K extends MessageKind> {
  kind: K;
  address: DeliveryAddress;
  fields: SignedFields;
  message: MessageOf<K>;
  origin: OriginCheck;
}

/** A delivery of a batch and what was read from it. */
interface ReadOf<K extends MessageKind> {
  delivery: Delivery;
  received: Received<K>;
}

// One of the above for each kind, told apart by `received.kind`.
type Read = { [K in MessageKind]: ReadOf<K> }[MessageKind];
type ReadForInbox = { [K in ReceivedKind]: ReadOf<K> }[ReceivedKind];
type OtherRead = Exclude<Read, ReadForInbox>;

function decode<K extends MessageKind>(kind: K, body: Uint8Array): MessageOf<K> {
  try {
    return decodeMessage(kind, body);
  } catch (error) {
    if (error instanceof DecodeError)
      throw new PermanentFailure(`undecodable ${kind} body`, { cause: error });
    throw error;
  }
}

function inboxItem<K extends ReceivedKind>(
  received: Received<K>,
  receivedAt: string,
  viaSite: boolean,
): InboxItem {
  const { kind, address, fields, origin } = received;
  return {
    id: fields.id,
    kind,
    sender: fields.sender,
    receivedAt,
    region: address.region,
    category: address.category,
    verified: origin.verified,
    ...(origin.verified ? {} : { verification: origin.reason }),
    handling: fields.handling,
    message: messageToJson(kind, received.message),
    ...(viaSite ? { viaSite } : {}),
  };
}

/**
 * What this node does with each delivery: first, the hub's statement must name this node (else the
 * copy is refused: it was meant for another node) and is kept as a witness of the audit chain; then
 * messages for its users go into the inbox (once per id, marked verified or not) and are answered with
 * a signed `delivered` receipt; routing reports, receipts (single or batched) and rejections about its own messages update
 * their sent state; release requests and answers, and closed user group changes, go to their
 * features; the hub's audit checkpoints are kept as witnesses. Resolves only once Redis (or the store)
 * holds the outcome, so the consumer acks only then; PermanentFailure marks a delivery that no retry
 * can fix (it is dead-lettered).
 */
@Injectable()
export class DeliveriesService {
  private readonly hubs: HubKeys;

  constructor(
    private readonly config: NodeConfig,
    private readonly registry: RegistryIndex,
    private readonly verifier: SignatureVerifier,
    private readonly inbox: InboxService,
    private readonly sent: SentMessagesService,
    private readonly receipts: ReceiptsService,
    private readonly releases: ReleasesService,
    private readonly groups: GroupsService,
    private readonly witness: WitnessService,
    private readonly serials: SerialsService,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly serviceSubscriptions: ServiceSubscriptionsService,
  ) {
    this.hubs = hubKeysOf(registry, verifier);
  }

  /**
   * Handles one delivery, as {@link handleBatch} does a batch of one.
   * @throws the reason it could not be handled: PermanentFailure when no retry can fix it.
   */
  async handle(delivery: Delivery, options: HandleOptions = {}): Promise<void> {
    const [failure] = await this.handleBatch([delivery], options);
    if (failure) throw failure.error;
  }

  /**
   * Handles the deliveries of a pulled batch, each sender's in the order given: every delivery read
   * and checked on its own, then in rounds (`deliveryRounds`) in which all messages for the inbox
   * go in with one take-in, and the others run at once, one per sender. Resolves once each delivery
   * is done or failed, with the failed ones and why (PermanentFailure when no retry can fix it); one
   * delivery's failure does not hold up the rest.
   *
   * @param options.sendReceipts false to take messages in without answering them (copies received
   *   outside the hub's delivery, or read again to rebuild state): the hub's delivery answers them.
   */
  async handleBatch(deliveries: readonly Delivery[], options: HandleOptions = {}): Promise<FailedDelivery[]> {
    const failed: FailedDelivery[] = [];
    const fail = (delivery: Delivery) => (error: unknown) => {
      failed.push({ delivery, error });
    };
    // Read side by side: their signatures are verified on libuv's thread pool meanwhile.
    const reads = (
      await Promise.all(
        deliveries.map((delivery) =>
          this.read(delivery, options.stated ?? true).catch((error: unknown) => fail(delivery)(error)),
        ),
      )
    ).filter((read): read is Read => read !== undefined);
    const answers: Promise<void>[] = [];
    const rounds = deliveryRounds(
      reads,
      (read) => read.received.fields.sender,
      (read): read is ReadForInbox => isReceivedKind(read.received.kind),
    );
    for (const round of rounds) {
      await Promise.all([
        this.takeIn(round.takeIn, options).then(
          (answered) =>
            answers.push(...answered.map(({ read, answer }) => answer.catch(fail(read.delivery)))),
          (error) => round.takeIn.forEach((read) => fail(read.delivery)(error)),
        ),
        ...round.others.map((read) =>
          this.apply(read).then(() => read.delivery.releaseOrder?.(), fail(read.delivery)),
        ),
      ]);
    }
    await Promise.all(answers);
    return failed;
  }

  // The subject must be a delivery to this node of a known kind; then its envelope is read.
  private async read(delivery: Delivery, stated: boolean): Promise<Read> {
    const address = parseDeliverySubject(delivery.subject);
    if (address === undefined || address.node !== this.config.NODE_ID || !isMessageKind(address.kind)) {
      throw new PermanentFailure(`not a delivery to ${this.config.NODE_ID}: ${delivery.subject}`);
    }
    // The kind read is the kind asked for: receive checks the signed type against it.
    return { delivery, received: await this.receive(address.kind, address, delivery, stated) } as Read;
  }

  // What a delivery of a kind that is not for the inbox changes.
  private async apply({ received }: OtherRead): Promise<void> {
    switch (received.kind) {
      case 'routing':
        return this.sent.applyRouting(this.trusted(received));
      case 'receipt':
        return this.applyReceipt(this.trusted(received));
      case 'delivered':
        return this.applyDelivered(this.trusted(received));
      case 'rejection':
        return this.sent.applyRejection(this.trusted(received));
      case 'release':
        return this.releases.receive(this.trusted(received));
      case 'group':
        return this.groups.receive(this.trusted(received));
      case 'checkpoint':
        return this.keepCheckpoint(this.trusted(received));
      case 'reminder':
        return this.takeInReminder(received);
    }
  }

  // The hub's reminder of an unanswered request goes to the inbox, seen by who may see the request.
  private async takeInReminder(received: Received<'reminder'>): Promise<void> {
    const reminder = this.trusted(received);
    const item: InboxItem = {
      id: reminder.id,
      kind: 'reminder',
      sender: reminder.sender,
      receivedAt: this.clock.now().toISOString(),
      region: received.address.region,
      category: received.address.category,
      verified: true,
      handling: received.fields.handling,
      message: messageToJson('reminder', reminder),
    };
    await this.inbox.takeIn([item]);
    await this.serviceSubscriptions.match([item]);
  }

  private async receive<K extends MessageKind>(
    kind: K,
    address: DeliveryAddress,
    delivery: Delivery,
    stated: boolean,
  ): Promise<Received<K>> {
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
    const signature = this.verifier.verifyOffThread(
      fields,
      delivery.body,
      delivery.header(HEADER_SIGNATURE),
      delivery.header(HEADER_KEY),
    );
    // Awaited even when the statement is refused, so no verification is left running unobserved.
    const [statement] = await Promise.allSettled([
      stated ? this.witnessStatement(fields, delivery) : undefined,
      signature,
    ]);
    if (statement.status === 'rejected') throw statement.reason;
    const message = decode(kind, delivery.body);
    const origin = checkOrigin({ kind, fields, message }, await signature, this.registry);
    return { kind, address, fields, message, origin };
  }

  // A copy only counts where the hub's statement names this node; the statement is then kept as a
  // witness of the audit entry it names.
  private async witnessStatement(fields: SignedFields, delivery: Delivery): Promise<void> {
    const check = await checkStatement(
      { statement: delivery.header(HEADER_STATEMENT), fields, body: delivery.body },
      this.config.NODE_ID,
      this.hubs,
    );
    if (!check.stated) {
      const refusal = new DeliveryNotStated(
        check.reason,
        `${fields.type} ${fields.id} from ${fields.sender} refused: ${check.reason}`,
      );
      this.logger.warn(
        { msgId: fields.id, sender: fields.sender, subject: delivery.subject, reason: check.reason },
        'delivery not stated by the hub for this node; refused',
      );
      throw new PermanentFailure(refusal.message, { cause: refusal });
    }
    this.witness.keepStatement(check.statement);
  }

  private async keepCheckpoint(checkpoint: MessageOf<'checkpoint'>): Promise<void> {
    try {
      this.witness.keepCheckpoint(checkpoint);
    } catch (error) {
      if (error instanceof CheckpointRefused) throw new PermanentFailure(error.message, { cause: error });
      throw error;
    }
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

  // All in one take-in; then each sender's next deliveries may go ahead while these are answered
  // (each answer is its own promise, so one failed receipt fails only its delivery).
  private async takeIn(
    reads: readonly ReadForInbox[],
    options: HandleOptions,
  ): Promise<Array<{ read: ReadForInbox; answer: Promise<void> }>> {
    if (reads.length === 0) return [];
    const viaSite = options.viaSite === true;
    const receivedAt = this.clock.now().toISOString();
    const items = reads.map(({ received }) => inboxItem(received, receivedAt, viaSite));
    const fresh = await this.inbox.takeIn(items);
    // Again for what was taken in before (a redelivery after a crash): correlating is repeatable.
    await this.serials.correlate(items.filter((item) => item.verified));
    // Before each sender's next delivery may go ahead, so every subscription's log keeps its order.
    await this.serviceSubscriptions.match(items);
    // The hub's copy of what the site brought first: the item is the hub's delivery now.
    if (!viaSite) {
      await Promise.all(
        reads
          .filter((_, i) => !fresh[i])
          .map(({ received }) => this.inbox.deliveredByHub(received.fields.id)),
      );
    }
    // In the inbox and announced: each sender's next delivery may go ahead while these are answered.
    for (const { delivery } of reads) delivery.releaseOrder?.();
    return reads.map((read, i) => ({ read, answer: this.answer(read.received, fresh[i]!, options) }));
  }

  private async answer(
    received: Received<ReceivedKind>,
    fresh: boolean,
    options: HandleOptions,
  ): Promise<void> {
    const { kind, fields, origin } = received;
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

  private async applyDelivered(batch: MessageOf<'delivered'>): Promise<void> {
    if (batch.origin !== this.config.NODE_ID) {
      throw new PermanentFailure(
        `delivered batch ${batch.id} is about messages of ${batch.origin}, not of this node`,
      );
    }
    await this.sent.applyDelivered(batch);
  }
}
