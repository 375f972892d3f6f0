import { Inject, Injectable } from '@nestjs/common';
import type { DeadLetterSource } from '#messaging';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { advisoryReason, type ConsumerAdvisory } from './consumer-advisory.js';
import { DeadLetterStore } from './dead-letter.store.js';

/** What recording one advisory did. */
export interface DeadLetterOutcome {
  /** False when a record for this message and consumer existed already (the app wrote it first). */
  written: boolean;
  /** False when the original was gone and the record holds the advisory instead. */
  originalKept: boolean;
}

/**
 * Turns the server's word that a consumer gave up on a message into that message's dead-letter
 * record: the original body and headers, loaded by stream sequence, under the same record id as the
 * app-side path, so each message has one record per consumer whichever path wrote it first.
 */
@Injectable()
export class DeadLettersService {
  constructor(
    private readonly store: DeadLetterStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Records the message `advisory` names; `advisoryBody` becomes the body if the original is gone. */
  async record(advisory: ConsumerAdvisory, advisoryBody: Uint8Array): Promise<DeadLetterOutcome> {
    const { stream, consumer, streamSequence, deliveries } = advisory;
    const original = await this.store.original(stream, streamSequence);
    const source: DeadLetterSource = {
      stream,
      consumer,
      streamSequence,
      deliveries,
      ...(original === undefined
        ? {}
        : { subject: original.subject, ...(original.headers ? { headers: original.headers } : {}) }),
    };
    const reason =
      original === undefined
        ? `original no longer in ${stream}; ${advisoryReason(advisory)}`
        : advisoryReason(advisory);
    const ack = await this.store.write(source, original?.body ?? advisoryBody, reason);
    const outcome = { written: !ack.duplicate, originalKept: original !== undefined };
    if (outcome.written) {
      this.logger.warn(
        { stream, consumer, seq: streamSequence, deliveries, dlqSeq: ack.seq, reason },
        'message dead-lettered from a server advisory',
      );
    }
    return outcome;
  }
}
