import { Injectable } from '@nestjs/common';
import { HEADER_ID, STREAM_INGRESS } from '#contracts';
import { JetStreamPublisher, NatsConnectionService, type OutboundEnvelope } from '#messaging';
import { OriginalMessageStore, type OriginalMessage } from './original-message.store.js';

/** Reads originals back from BL_INGRESS by stream sequence, and publishes through JetStream. */
@Injectable()
export class OriginalMessageRepository extends OriginalMessageStore {
  constructor(
    private readonly nats: NatsConnectionService,
    private readonly publisher: JetStreamPublisher,
  ) {
    super();
  }

  async fetch(sequence: number, id: string): Promise<OriginalMessage | undefined> {
    const manager = await this.nats.manager();
    const stored = await manager.streams.getMessage(STREAM_INGRESS, { seq: sequence });
    if (stored === null || stored.header.get(HEADER_ID) !== id) return undefined;
    const headers: Record<string, string> = {};
    for (const [name, values] of stored.header) if (values[0] !== undefined) headers[name] = values[0];
    return { subject: stored.subject, headers, body: stored.data };
  }

  async publish(envelopes: readonly OutboundEnvelope[]): Promise<void> {
    await this.publisher.publishAll(envelopes);
  }
}
