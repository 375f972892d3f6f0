import { timestampMs } from '@bufbuild/protobuf/wkt';
import { AuditEvent, type AuditEntry } from '#contracts';
import { checkpointFault, type AuditWitness } from './audit-chain-verifier.js';
import { verifyStatement, type SignedStatement } from './delivery-statement.js';
import type { HubKeys } from './hub-keys.js';

/** A record that does not count as a witness, and why: not signed by a hub key valid at its time. */
export interface RefusedWitness {
  node: string;
  what: string;
  reason: string;
}

/** The witness of a statement a node kept; refused unless a hub signed it with a key valid at its time. */
export function statementWitness(
  node: string,
  signed: SignedStatement,
  hubs: HubKeys,
): AuditWitness | RefusedWitness {
  const { statement } = signed;
  const what = `statement of message ${statement.id}`;
  const verification = verifyStatement(signed, hubs);
  if (!verification.ok) return { node, what, reason: verification.reason };
  return {
    node,
    position: statement.auditPosition,
    hash: Buffer.from(statement.auditHash, 'hex'),
    at: Date.parse(statement.at),
    what,
  };
}

/**
 * The witness of a checkpoint a node kept: its signature vouches for the hash of the entry before it
 * (`previous_hash`), not for its own content, so that is what it witnesses. Undefined for a rollover or
 * a checkpoint at position 1, which vouch for no earlier entry; refused unless a hub signed it.
 */
export function checkpointWitness(
  node: string,
  entry: AuditEntry,
  hubs: HubKeys,
): AuditWitness | RefusedWitness | undefined {
  const what = `checkpoint ${entry.sequence}`;
  if (entry.event !== AuditEvent.CHECKPOINT && entry.event !== AuditEvent.ROLLOVER) {
    return { node, what, reason: 'not a checkpoint' };
  }
  const fault = checkpointFault(entry, hubs);
  if (fault) return { node, what, reason: `${fault.problem}: ${fault.detail}` };
  if (entry.event === AuditEvent.ROLLOVER || entry.sequence <= 1n) return undefined;
  return { node, position: entry.sequence - 1n, hash: entry.previousHash, at: timestampMs(entry.at!), what };
}

/** Whether a reading gave a witness rather than a refusal. */
export function isWitness(record: AuditWitness | RefusedWitness): record is AuditWitness {
  return 'position' in record;
}
