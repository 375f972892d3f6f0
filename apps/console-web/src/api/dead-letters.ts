import type { ApiClient } from './api-client.js';

/** A dead-letter record: a message a consumer gave up on, kept in BL_DLQ. Metadata only. */
export interface DeadLetter {
  id: string;
  /** The stream it came from, and the consumer that gave up on it. */
  stream: string;
  consumer: string;
  subject: string | null;
  /** Its sequence in its source stream. */
  sequence: number | null;
  sender: string | null;
  /** The original's `Nats-Msg-Id`, if it had one. */
  msgId?: string | null;
  reason: string;
  deliveries: number | null;
  /** When it was filed. */
  time: string;
  /** False when the record does not hold up against its source stream (it cannot be replayed). */
  verified?: boolean;
  /** Why it does not hold up. */
  problem?: string | null;
}

/** One record inspected: its headers and reason, never its payload. */
export interface DeadLetterDetail extends DeadLetter {
  headers: Record<string, string[]>;
}

/** The server's word on a replay or drop. */
export interface DeadLetterOutcome {
  id: string;
  action?: 'replayed' | 'dropped';
  /** A replay: where the message went again, and at which sequence of its stream it was stored. */
  subject?: string;
  storedSeq?: number;
  /** True when an earlier, interrupted replay had already stored it. */
  alreadyStored?: boolean;
}

export const listDeadLetters = (api: ApiClient): Promise<{ records: DeadLetter[] }> =>
  api.get<{ records: DeadLetter[] }>('/v1/dead-letters');

export const getDeadLetter = (api: ApiClient, id: string): Promise<DeadLetterDetail> =>
  api.get<DeadLetterDetail>(`/v1/dead-letters/${encodeURIComponent(id)}`);

/** The two things an operator may do with a dead letter. */
export type DeadLetterAction = 'replay' | 'drop';

export const actOnDeadLetter = (
  api: ApiClient,
  id: string,
  action: DeadLetterAction,
): Promise<DeadLetterOutcome> =>
  api.post<DeadLetterOutcome>(`/v1/dead-letters/${encodeURIComponent(id)}/${action}`);
