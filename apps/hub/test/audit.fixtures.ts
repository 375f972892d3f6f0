// In-memory audit trail for the hub's unit tests.
import { createHash } from 'node:crypto';
import { NodeSigner, generateNodeKey } from '#trust';
import { AuditTrail, type AuditReceipt, type AuditRecord } from '../src/audit/audit-trail.js';
import { DeliveryStatementsService } from '../src/audit/delivery-statements.service.js';
import { HubConfig } from '../src/config/hub.config.js';

/** Keeps recorded events in order and answers `duplicate` for a repeated ref and event, as the chain does. */
export class InMemoryAuditTrail extends AuditTrail {
  readonly records: AuditRecord[] = [];
  failure: Error | undefined;
  private readonly seen = new Map<string, AuditReceipt>();

  async record(record: AuditRecord): Promise<AuditReceipt> {
    if (this.failure) throw this.failure;
    const key = `${record.ref}:${record.event}`;
    const earlier = this.seen.get(key);
    if (earlier !== undefined) return { ...earlier, duplicate: true };
    this.records.push(record);
    const position = this.records.length;
    const receipt: AuditReceipt = {
      streamSequence: position,
      duplicate: false,
      entry: { position: BigInt(position), hash: createHash('sha256').update(key).digest(), at: new Date() },
    };
    this.seen.set(key, receipt);
    return receipt;
  }
}

/** Delivery statements signed by `signer` (a fresh key unless given) as the hub `hub`. */
export function testStatements(
  signer = NodeSigner.fromSeed(generateNodeKey().seed),
): DeliveryStatementsService {
  return new DeliveryStatementsService(signer, Object.assign(new HubConfig(), { HUB_SEED_FILE: 'unused' }));
}
