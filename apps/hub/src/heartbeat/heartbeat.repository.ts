import { Injectable } from '@nestjs/common';
import { headers as natsHeaders } from '@nats-io/transport-node';
import { STREAM_DELIVERY, nodeDeliveryConsumer, type ConsumerLagFigures } from '#contracts';
import { NatsConnectionService, listConsumerLag } from '#messaging';
import type { SealedHeartbeat } from '#trust';

/** The hub's heartbeat on NATS: the nodes' delivery consumers it reads, the subject it publishes on. */
@Injectable()
export class HeartbeatRepository {
  constructor(private readonly nats: NatsConnectionService) {}

  /**
   * The lag of each of `nodes`' delivery consumers on BL_DELIVERY, from one consumer listing; a node
   * whose consumer is not provisioned is left out.
   */
  async deliveryLag(nodes: readonly string[]): Promise<ConsumerLagFigures[]> {
    const nodeOf = new Map(nodes.map((node) => [nodeDeliveryConsumer(node), node]));
    const lags = await listConsumerLag(await this.nats.manager(), STREAM_DELIVERY, new Set(nodeOf.keys()));
    return lags.map((lag) => ({ ...lag, node: nodeOf.get(lag.consumer)! }));
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
