/** How a process's heartbeat stands: on time, one missed, or several missed. */
export type InstanceStatus = 'live' | 'late' | 'silent';
/** A node's: its best process's, or `never` when none was heard since the console started. */
export type NodeStatus = InstanceStatus | 'never';

/** Silent after this many intervals when CONSOLE_HEARTBEAT_SILENT_AFTER is not set. */
export const SILENT_AFTER_INTERVALS = 3;
// Late once a beat is overdue by half an interval: one was missed, or arrives slowly.
const LATE_AFTER_INTERVALS = 1.5;

/**
 * A process's status `ageMs` after its newest heartbeat, which announced `intervalMs`: live, late
 * once a beat is overdue, silent past `silentAfterMs` (by default three intervals).
 */
export function instanceStatus(ageMs: number, intervalMs: number, silentAfterMs?: number): InstanceStatus {
  if (ageMs > (silentAfterMs ?? SILENT_AFTER_INTERVALS * intervalMs)) return 'silent';
  if (ageMs > LATE_AFTER_INTERVALS * intervalMs) return 'late';
  return 'live';
}

const RANK: Record<NodeStatus, number> = { live: 3, late: 2, silent: 1, never: 0 };

/** A node's status: the best of its processes' (one live instance keeps it live), `never` for none. */
export function nodeStatus(instances: readonly InstanceStatus[]): NodeStatus {
  return instances.reduce<NodeStatus>((best, status) => (RANK[status] > RANK[best] ? status : best), 'never');
}
