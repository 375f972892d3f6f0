import type { AuditCheckpoint } from '../gen/borderlink/v1/audit_pb.js';
import { AuditEvent } from '../gen/borderlink/v1/audit_pb.js';
import { checkEnvelope } from './envelope.rules.js';
import type { ValidationContext, Violation } from './violation.js';

const SHA256_BYTES = 32;

/**
 * Rules of the hub's announcement of an audit checkpoint: the CHECKPOINT or ROLLOVER entry it carries,
 * at a chain position, with its hash, the hub's key and signature, recorded by the announcing hub.
 * Whether the signature holds is the receiver's check against the registry's hub keys.
 */
export function validateAuditCheckpoint(checkpoint: AuditCheckpoint, ctx: ValidationContext): Violation[] {
  const out: Violation[] = [];
  checkEnvelope(out, checkpoint, ctx);
  const { entry } = checkpoint;
  if (entry === undefined) {
    out.push({ field: 'entry', reason: 'is required' });
    return out;
  }
  if (entry.event !== AuditEvent.CHECKPOINT && entry.event !== AuditEvent.ROLLOVER) {
    out.push({ field: 'entry.event', reason: 'must be a checkpoint or a rollover' });
  }
  if (entry.sequence === 0n) out.push({ field: 'entry.sequence', reason: 'must be at least 1' });
  if (entry.hash.length !== SHA256_BYTES) out.push({ field: 'entry.hash', reason: 'must be 32 bytes' });
  if (entry.actor !== checkpoint.sender) out.push({ field: 'entry.actor', reason: 'must be the sender' });
  if (entry.key === '') out.push({ field: 'entry.key', reason: 'is required' });
  if (entry.signature === '') out.push({ field: 'entry.signature', reason: 'is required' });
  return out;
}
