import { Injectable } from '@nestjs/common';
import { NatsConnectionService } from '#messaging';
import type { JetStreamUsageView, NatsServerView } from './nats-health.dto.js';

/**
 * What the operator's own connection tells without a monitoring endpoint: the server it is connected
 * to, and the JetStream usage of the hub's account (its streams' messages and bytes added up).
 */
@Injectable()
export class JetStreamAccountRepository {
  constructor(private readonly nats: NatsConnectionService) {}

  server(): NatsServerView {
    const info = this.nats.connection.info;
    return {
      id: info?.server_id ?? '',
      name: info?.server_name ?? info?.server_id ?? '',
      version: info?.version ?? '',
      uptimeS: null,
      connections: null,
    };
  }

  async usage(): Promise<JetStreamUsageView> {
    const manager = await this.nats.manager();
    const account = await manager.getAccountInfo();
    let messages = 0;
    let bytes = 0;
    for (const stream of await manager.streams.list().next()) {
      messages += stream.state.messages;
      bytes += stream.state.bytes;
    }
    const limit = (value: number | undefined): number | null =>
      value !== undefined && value > 0 ? value : null;
    return {
      streams: account.streams,
      consumers: account.consumers,
      messages,
      bytes,
      memory: { used: account.memory, limit: limit(account.limits?.max_memory) },
      storage: { used: account.storage, limit: limit(account.limits?.max_storage) },
    };
  }
}
