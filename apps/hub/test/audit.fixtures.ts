// In-memory audit trail for the hub's unit tests.
import { AuditTrail, type AuditReceipt, type AuditRecord } from '../src/audit/audit-trail.js';

/** Keeps recorded events in order and answers `duplicate` for a repeated ref and event, as the chain does. */
export class InMemoryAuditTrail extends AuditTrail {
  readonly records: AuditRecord[] = [];
  failure: Error | undefined;
  private readonly seen = new Map<string, number>();

  async record(record: AuditRecord): Promise<AuditReceipt> {
    if (this.failure) throw this.failure;
    const key = `${record.ref}:${record.event}`;
    const earlier = this.seen.get(key);
    if (earlier !== undefined) return { streamSequence: earlier, duplicate: true };
    this.records.push(record);
    this.seen.set(key, this.records.length);
    return { streamSequence: this.records.length, duplicate: false };
  }
}
