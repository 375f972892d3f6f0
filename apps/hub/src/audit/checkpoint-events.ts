import type { AuditEntry } from '#contracts';

/** Emitted once a signed CHECKPOINT or ROLLOVER entry is stored in the chain, so nodes can be sent it. */
export const AUDIT_CHECKPOINT_STORED = 'audit.checkpoint-stored';

export interface AuditCheckpointStored {
  /** The entry exactly as stored. */
  entry: AuditEntry;
}
