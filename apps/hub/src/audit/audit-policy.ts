/** When the hub signs a checkpoint of the chain, and how hard it tries to win a contended append. */
export class AuditPolicy {
  /** A checkpoint after this many entries appended by this hub instance. */
  checkpointEvery = 1_000;
  /** A checkpoint after this long when this instance appended anything since its last one. */
  checkpointIntervalMs = 60_000;
  /** Appends lost to other instances before giving up (each loss means another instance progressed). */
  maxConflicts = 100;
}
