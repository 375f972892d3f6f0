import { Inject, Injectable } from '@nestjs/common';
import { STREAM_DELIVERY } from '#contracts';
import type { DeadLetterSource } from '#messaging';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { advisoryReason, type ConsumerAdvisory } from './consumer-advisory.js';
import { DeadLetterStore } from './dead-letter.store.js';

/** What recording one advisory did. */
export interface DeadLetterOutcome {
  /**
   * False when a record for this message and consumer existed already (the app wrote it first), or
   * when the record is its consumer's own to file.
   */
  written: boolean;
  /** False when the original was gone and the record holds the advisory instead. */
  originalKept: boolean;
}

/**
 * A termination on BL_DELIVERY is a node's: its transport files the record before it terminates,
 * under an id keyed by the node's own secret that the hub cannot compute, so a record from the
 * advisory would be a second one. A node that terminates without filing gives up its own message,
 * as an ack would.
 */
function filedByItsConsumer(advisory: ConsumerAdvisory): boolean {
  return advisory.kind === 'terminated' && advisory.stream === STREAM_DELIVERY;
}

/**
 * Turns the server's word that a consumer gave up on a message into that message's dead-letter
 * record: the original body and headers, loaded by stream sequence, under the same record id as the
 * app-side path of the hub's own consumers (and of consumers outside Borderlink, which use the
 * default id), so each message has one record per consumer whichever path wrote it first. A node's
 * terminations are left to the node, which files its own record.
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
    if (filedByItsConsumer(advisory)) {
      this.logger.debug({ stream, consumer, seq: streamSequence }, 'termination left to its node to record');
      return { written: false, originalKept: false };
    }
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
