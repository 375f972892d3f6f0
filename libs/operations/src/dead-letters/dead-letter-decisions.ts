import type { DeadLetterAction } from '#contracts';
import type { DeadLetterRecord } from './dead-letter-record.js';

/**
 * Where an operator's decision about a dead letter is recorded before it is carried out (the audit
 * chain, through the hub: hub-audit.repository.ts). A replay or drop given one does nothing unless the
 * decision is recorded first; the record was checked already, so what is recorded is what is done.
 */
export interface DeadLetterDecisions {
  /** Resolves once the decision is recorded; rejects when it cannot be, and nothing is done. */
  record(action: DeadLetterAction, record: DeadLetterRecord): Promise<void>;
}
