import type { AuditEntry } from '#contracts';
import type { AuditChainHead } from '#trust';

/** One entry to append, already chained after the head the store was last asked about. */
export interface AuditAppend {
  subject: string;
  body: Uint8Array;
  /** `Nats-Msg-Id`: the same occurrence is stored once. */
  msgId: string;
  /** The store's position of the current head: the store refuses the entry unless nothing follows it. */
  after: number;
}

/** The stored chain's last entry, and where the store holds it. */
export interface StoredAuditHead {
  /** Undefined when the store holds no chained entry (empty, purged, or from before the chain). */
  chain: AuditChainHead | undefined;
  /** The store's position of the last entry (the audit stream sequence; 0 when never written). */
  position: number;
}

/** What the store did with an append. */
export interface AuditAppendOutcome {
  /** The store's position of the entry (of the earlier one for a duplicate). */
  position: number;
  duplicate: boolean;
}

/** Port to the stored chain: read its head, append at an expected position. */
export abstract class AuditChainStore {
  /** The last entry's chain position, hash and store position. */
  abstract head(): Promise<StoredAuditHead>;

  /** Appends when the store still ends at `append.after`; throws AuditChainConflict otherwise. */
  abstract append(append: AuditAppend): Promise<AuditAppendOutcome>;

  /** The entry stored at `position`; throws AuditHeadUnreadable when it is gone or not an entry. */
  abstract entry(position: number): Promise<AuditEntry>;
}
