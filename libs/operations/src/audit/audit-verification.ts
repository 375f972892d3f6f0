import { timestampDate } from '@bufbuild/protobuf/wkt';
import { AuditEvent } from '#contracts';
import { AuditChainBrokenError } from './audit.errors.js';
import { readVerifiedChain, type AuditChainSource, type VerifiedAuditEntry } from './verified-chain.js';

/** The newest signed checkpoint a verification passed: where, when, and which hub signed it. */
export interface VerifiedCheckpoint {
  /** Its chain position (its audit stream sequence). */
  position: number;
  at: Date;
  /** The hub that signed it. */
  signer: string;
}

/** What one verification of the whole chain found. */
export interface AuditVerification {
  ok: boolean;
  /** Entries that verified (before the break, when there is one). */
  checked: number;
  /** The newest checkpoint among them; undefined when none. */
  lastCheckpoint?: VerifiedCheckpoint;
  /** The first break: its problem (docs/audit.md), detail, and the stream sequence it is at. */
  failure?: { reason: string; detail: string; position: number };
}

/**
 * Verifies the chain as `audit verify` does and says what it found, instead of throwing at a break,
 * for an operator's screen. Other failures (NATS unreachable, the registry unreadable) still throw.
 */
export async function verifyAuditChainOutcome(source: AuditChainSource): Promise<AuditVerification> {
  let lastCheckpoint: VerifiedCheckpoint | undefined;
  const visit = ({ streamSequence, entry }: VerifiedAuditEntry): void => {
    if (entry.event !== AuditEvent.CHECKPOINT || entry.at === undefined) return;
    lastCheckpoint = { position: streamSequence, at: timestampDate(entry.at), signer: entry.actor };
  };
  try {
    const { summary } = await readVerifiedChain(source, visit);
    return { ok: true, checked: summary.entries, ...(lastCheckpoint ? { lastCheckpoint } : {}) };
  } catch (error) {
    if (!(error instanceof AuditChainBrokenError)) throw error;
    const { problem, detail, streamSequence } = error.broken;
    return {
      ok: false,
      checked: error.verified,
      ...(lastCheckpoint ? { lastCheckpoint } : {}),
      failure: { reason: problem, detail, position: streamSequence },
    };
  }
}
