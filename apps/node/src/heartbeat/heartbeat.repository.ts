import { Injectable } from '@nestjs/common';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { STREAM_DELIVERY, nodeDeliveryConsumer, type ConsumerLagFigures } from '#contracts';
import { NatsConnectionService, consumerLag } from '#messaging';
import type { SealedHeartbeat } from '#trust';

/** The node's heartbeat on NATS: its delivery consumer's info, the subject it publishes on. */
@Injectable()
export class HeartbeatRepository {
  constructor(private readonly nats: NatsConnectionService) {}

  /**
   * The lag of `node`'s own delivery consumer, through its import of the hub's consumer info API
   * (the one JetStream call besides pulling and acking that its account may make).
   * @throws a JetStream error when the consumer does not exist or JetStream does not answer.
   */
  async ownLag(node: string): Promise<ConsumerLagFigures> {
    const lag = await consumerLag(await this.nats.manager(), STREAM_DELIVERY, nodeDeliveryConsumer(node));
    return { ...lag, node };
  }

  /**
   * Publishes a sealed heartbeat on core NATS: at most once, nothing waits for it.
   * @throws NotConnectedError before the first connect; a NATS error for a closed connection.
   */
  publish(sealed: SealedHeartbeat): void {
    const h = natsHeaders();
    for (const [name, value] of Object.entries(sealed.headers)) h.set(name, value);
    this.nats.connection.publish(sealed.subject, sealed.body, { headers: h });
  }
}
