import { Injectable } from '@nestjs/common';
import { headers as natsHeaders, type Msg, type Subscription } from '@nats-io/transport-node';
import { siteFilter, siteSubject, type MessageKind } from '#contracts';
import { NatsConnectionService } from '#messaging';

/**
 * The site fast path on core NATS: at most once, best effort, and never beyond the site's leaf
 * server (the hub's leaf permissions carry no `bl.site` subject). The durable path stays the outbox,
 * the hub and the delivery stream.
 */
@Injectable()
export class SiteLinkRepository {
  constructor(private readonly nats: NatsConnectionService) {}

  /**
   * Sends the signed original to `recipient` on `bl.site.<recipient>.<kind>`, unchanged.
   * @throws NotConnectedError before the first connect; a NATS error for a closed connection.
   */
  send(recipient: string, kind: MessageKind, body: Uint8Array, headers: Record<string, string>): void {
    const h = natsHeaders();
    for (const [name, value] of Object.entries(headers)) h.set(name, value);
    this.nats.connection.publish(siteSubject(recipient, kind), body, { headers: h });
  }

  /**
   * Everything sent to `node` on the site fast path, one call per message, from the first connect on
   * (the client renews the subscription after each reconnect).
   * @throws NotConnectedError when the connection shuts down before it was ever made.
   */
  async listen(node: string, onMessage: (msg: Msg) => void): Promise<Subscription> {
    await this.nats.ready();
    return this.nats.connection.subscribe(siteFilter(node), { callback: (_error, msg) => onMessage(msg) });
  }
}
