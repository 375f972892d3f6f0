import { Injectable } from '@nestjs/common';
import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import {
  DEAD_LETTER_WILDCARD,
  STREAM_DEAD_LETTER,
  STREAM_DEFINITIONS,
  deadLetterSubject,
  parseDeadLetterSubject,
} from '#contracts';
import {
  NatsConnectionService,
  publishDeadLetter,
  type DeadLetterId,
  type DeadLetterSource,
  type PublishResult,
} from '#messaging';
import { NodeSigner } from '#trust';
import { DeadLetterStore, type DeadLetterCount, type OriginalMessage } from './dead-letter.store.js';

// Retention (max age, a purge, a deleted stream) may have removed the original before the advisory
// was handled: then the record keeps what the advisory says.
const GONE: ReadonlySet<number> = new Set([
  JetStreamApiCodes.NoMessageFound,
  JetStreamApiCodes.StreamNotFound,
]);

const BORDERLINK_STREAMS: ReadonlySet<string> = new Set(STREAM_DEFINITIONS.map((stream) => stream.name));

/**
 * Reads originals by stream sequence and writes records to BL_DLQ over the hub's connection. The
 * records of Borderlink's streams get the hub's keyed ids (the ones its own transport uses), which no
 * node can compute; a node's terminations never come here (DeadLettersService leaves them to it).
 */
@Injectable()
export class DeadLetterRepository extends DeadLetterStore {
  constructor(
    private readonly connection: NatsConnectionService,
    private readonly signer: NodeSigner,
  ) {
    super();
  }

  async original(stream: string, sequence: number): Promise<OriginalMessage | undefined> {
    const manager = await this.connection.manager();
    try {
      const stored = await manager.streams.getMessage(stream, { seq: sequence });
      if (stored === null) return undefined;
      return { subject: stored.subject, headers: stored.header, body: stored.data };
    } catch (error) {
      if (error instanceof JetStreamApiError && GONE.has(error.code)) return undefined;
      throw error;
    }
  }

  write(source: DeadLetterSource, body: Uint8Array, reason: string): Promise<PublishResult> {
    const subject = deadLetterSubject(source.stream, source.consumer);
    // Consumers of other streams are other apps', which file under the default id: the same one.
    const recordId = BORDERLINK_STREAMS.has(source.stream)
      ? (...of: Parameters<DeadLetterId>) => this.signer.ids.deadLetterId(...of)
      : undefined;
    return publishDeadLetter(this.connection.jetstream(), subject, source, body, reason, recordId);
  }

  async counts(): Promise<DeadLetterCount[]> {
    const manager = await this.connection.manager();
    const info = await manager.streams.info(STREAM_DEAD_LETTER, { subjects_filter: DEAD_LETTER_WILDCARD });
    return Object.entries(info.state.subjects ?? {}).flatMap(([subject, count]) => {
      const owner = parseDeadLetterSubject(subject);
      return owner === undefined ? [] : [{ ...owner, count }];
    });
  }
}
