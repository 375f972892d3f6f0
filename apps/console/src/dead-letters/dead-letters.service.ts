import { Injectable } from '@nestjs/common';
import { STREAM_DEAD_LETTER } from '#contracts';
import { NatsConnectionService } from '#messaging';
import {
  HubAuditRepository,
  dropDeadLetter,
  listDeadLetters,
  replayDeadLetter,
  showDeadLetter,
  type DeadLetterSource,
} from '#operations';
import type { Operator } from '../access/operator.js';
import {
  deadLetterDetailView,
  deadLetterView,
  type DeadLetterDetailView,
  type DeadLetterView,
} from './dead-letter.dto.js';
import { InvalidDeadLetterIdError } from './dead-letters.errors.js';

/** What a replay or drop did, for the operator's screen. */
export interface DeadLetterOutcome {
  id: string;
  action: 'replayed' | 'dropped';
  /** A replay: where the message went again, and at which sequence of its stream it was stored. */
  subject?: string;
  storedSeq?: number;
  alreadyStored?: boolean;
}

function sequenceOf(id: string): number {
  const seq = /^\d{1,15}$/.test(id) ? Number(id) : Number.NaN;
  if (!Number.isSafeInteger(seq) || seq < 1) throw new InvalidDeadLetterIdError(id);
  return seq;
}

/**
 * The dead letters through #operations' safe path, over the console's operator connection: listed
 * and inspected without their content; replayed only when a record holds up against the server, and
 * replayed or dropped only once the hub has recorded the operator's decision in the audit chain.
 */
@Injectable()
export class DeadLettersService {
  constructor(private readonly nats: NatsConnectionService) {}

  async list(): Promise<DeadLetterView[]> {
    return (await listDeadLetters(this.source())).map(deadLetterView);
  }

  /** @throws DeadLetterNotFoundError, InvalidDeadLetterIdError */
  async show(id: string): Promise<DeadLetterDetailView> {
    return deadLetterDetailView(await showDeadLetter(this.source(), sequenceOf(id)));
  }

  /** @throws DeadLetterNotFoundError, DeadLetterNotReplayableError, OperatorAuditError, InvalidDeadLetterIdError */
  async replay(id: string, operator: Operator): Promise<DeadLetterOutcome> {
    const outcome = await replayDeadLetter(this.source(), sequenceOf(id), this.decisionsOf(operator));
    return {
      id,
      action: 'replayed',
      subject: outcome.subject,
      storedSeq: outcome.storedSeq,
      alreadyStored: outcome.alreadyStored,
    };
  }

  /** @throws DeadLetterNotFoundError, OperatorAuditError, InvalidDeadLetterIdError */
  async drop(id: string, operator: Operator): Promise<DeadLetterOutcome> {
    await dropDeadLetter(this.source(), sequenceOf(id), this.decisionsOf(operator));
    return { id, action: 'dropped' };
  }

  private source(): DeadLetterSource {
    return { connection: this.nats.connection, stream: STREAM_DEAD_LETTER };
  }

  private decisionsOf(operator: Operator): HubAuditRepository {
    return new HubAuditRepository(this.nats.connection, operator.user);
  }
}
