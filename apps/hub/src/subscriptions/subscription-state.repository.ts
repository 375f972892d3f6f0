import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { DeliverPolicy, type ConsumerMessages } from '@nats-io/jetstream';
import {
  STREAM_SUBSCRIPTIONS,
  SUBSCRIPTIONS_WILDCARD,
  SubscriptionChangeSchema,
  subscriptionStateSubject,
  type SubscriptionChange,
} from '#contracts';
import { NatsConnectionService, ensureKeyedStream } from '#messaging';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { HubConfig } from '../config/hub.config.js';
import { SubscriptionStore, type StoredSubscription } from './subscription.store.js';

/**
 * The narrowings in the JetStream stream BL_SUBSCRIPTIONS: one subject per node, only its last
 * message kept and none expiring, since a narrowing holds until its node changes it (the ingress and
 * audit streams, which expire, could not give it back after a Redis wipe). Every instance follows the
 * stream through an ordered consumer, so each learns every write within a round trip of the server.
 */
@Injectable()
export class SubscriptionStateRepository extends SubscriptionStore implements OnModuleInit {
  private messages?: ConsumerMessages;

  constructor(
    private readonly nats: NatsConnectionService,
    private readonly config: HubConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    super();
  }

  async onModuleInit(): Promise<void> {
    await this.nats.ready();
    const replicas = this.config.STREAM_REPLICAS;
    await ensureKeyedStream(
      await this.nats.manager(),
      STREAM_SUBSCRIPTIONS,
      [SUBSCRIPTIONS_WILDCARD],
      replicas,
    );
  }

  async write(change: SubscriptionChange): Promise<number> {
    const body = toBinary(SubscriptionChangeSchema, change);
    const ack = await this.nats.jetstream().publish(subscriptionStateSubject(change.sender), body, {
      msgID: `${change.sender}:${change.id}`,
    });
    return ack.seq;
  }

  async follow(apply: (stored: StoredSubscription) => void): Promise<void> {
    const manager = await this.nats.manager();
    const { state } = await manager.streams.info(STREAM_SUBSCRIPTIONS);
    const consumer = await this.nats
      .jetstream()
      .consumers.get(STREAM_SUBSCRIPTIONS, { deliver_policy: DeliverPolicy.All });
    const messages = await consumer.consume();
    this.messages = messages;
    let resolve!: () => void;
    const caughtUp = new Promise<void>((done) => (resolve = done));
    if (state.messages === 0) resolve();
    void (async () => {
      for await (const msg of messages) {
        try {
          apply({ change: fromBinary(SubscriptionChangeSchema, msg.data), revision: msg.seq });
        } catch (error) {
          // Only the hub writes the stream, so this is a bug: skip the record rather than stop following.
          this.logger.error({ err: error, seq: msg.seq }, 'unreadable subscription record skipped');
        }
        if (msg.seq >= state.last_seq) resolve();
      }
    })();
    return caughtUp;
  }

  async stop(): Promise<void> {
    await this.messages?.close();
  }
}
