import { jetstream, type JetStreamClient } from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { NodeSigner } from '#trust';
import { connectBench, type BenchNats } from '../measure/private-servers.js';
import { paceAtRate, runWindowed } from '../measure/rate-pacer.js';
import { RAW_PUBLISH_IN_FLIGHT } from '../raw/raw-jetstream.js';
import type { BenchAlertFactory, SignedAlert } from './bench-alerts.js';

interface Publisher {
  id: string;
  signer: NodeSigner;
  nc: NatsConnection;
  js: JetStreamClient;
}

/**
 * The publishing nodes' outbound step at the NATS level: each has its own connection and signs with
 * its enrolled seed, and publishes to its ingress subject with the message id as `Nats-Msg-Id`,
 * waiting for JetStream's ack (so each alert is accepted exactly as a node would have it accepted).
 */
export class AlertPublishers {
  /** Signed sent time (epoch ms) of every accepted alert, by id. */
  readonly sentMs = new Map<string, number>();

  private constructor(
    private readonly publishers: Publisher[],
    private readonly factory: BenchAlertFactory,
  ) {}

  static async connect(
    nats: BenchNats,
    nodes: readonly { id: string; signer: NodeSigner }[],
    factory: BenchAlertFactory,
  ): Promise<AlertPublishers> {
    const publishers = await Promise.all(
      nodes.map(async ({ id, signer }) => {
        const nc = await connectBench(nats, `bench-${id}`);
        return { id, signer, nc, js: jetstream(nc) };
      }),
    );
    return new AlertPublishers(publishers, factory);
  }

  /** Publishes `total` alerts round-robin over the publishers, 256 publish acks in flight. */
  async burst(total: number): Promise<void> {
    await runWindowed(total, RAW_PUBLISH_IN_FLIGHT, (serial) => this.publish(serial));
  }

  /** Offers `total` alerts at `ratePerSecond`, round-robin, without waiting for acks between them. */
  async paced(ratePerSecond: number, total: number): Promise<void> {
    const acks: Promise<void>[] = [];
    await paceAtRate(ratePerSecond, total, (serial) => acks.push(this.publish(serial)));
    await Promise.all(acks);
  }

  async close(): Promise<void> {
    await Promise.all(this.publishers.map((publisher) => publisher.nc.drain()));
  }

  private async publish(serial: number): Promise<void> {
    const publisher = this.publishers[serial % this.publishers.length]!;
    const alert: SignedAlert = this.factory.alert(publisher.signer, publisher.id);
    const headers = natsHeaders();
    for (const [name, value] of Object.entries(alert.headers)) headers.set(name, value);
    this.sentMs.set(alert.id, alert.sentMs);
    await publisher.js.publish(alert.subject, alert.body, { msgID: alert.id, headers });
  }
}
