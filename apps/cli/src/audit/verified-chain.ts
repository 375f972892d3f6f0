import { fromBinary } from '@bufbuild/protobuf';
import { AuditEntrySchema, AuditEvent, type AuditEntry } from '#contracts';
import { RegistryIndex, hubKeysOf, loadRegistry } from '#registry';
import { AuditChainVerifier, type AuditChainBreak, type AuditChainSummary } from '#trust';
import { AuditChainBrokenError } from './audit.errors.js';
import { AuditStreamRepository, type AuditStreamSource } from './audit-stream.repository.js';

/** Where the chain is, and what its checkpoints are checked against. */
export interface AuditChainSource extends AuditStreamSource {
  /** Registry file holding the hubs' public keys. */
  registry: string;
  /** Accept a chain whose first entries expired with the stream's max age. */
  allowTruncatedStart?: boolean;
}

/** One entry that passed verification, as stored. */
export interface VerifiedAuditEntry {
  streamSequence: number;
  bytes: Uint8Array;
  entry: AuditEntry;
}

/** `stream sequence 5 (entry 5, ACCEPTED, message …)`: how a report names an entry. */
export function describeBreak(broken: AuditChainBreak): string {
  const entry = broken.entry;
  const facts = entry
    ? [
        `entry ${entry.sequence}`,
        AuditEvent[entry.event] ?? String(entry.event),
        ...(entry.message === '' ? [] : [`message ${entry.message}`]),
      ]
    : ['undecodable'];
  return `stream sequence ${broken.streamSequence} (${facts.join(', ')}): ${broken.problem}: ${broken.detail}`;
}

/**
 * Reads the whole chain in stream order and verifies it entry by entry, handing each verified entry to
 * `visit`. Throws AuditChainBrokenError naming the first broken entry; returns the summary otherwise.
 */
export async function readVerifiedChain(
  source: AuditChainSource,
  visit: (verified: VerifiedAuditEntry) => void = () => undefined,
): Promise<AuditChainSummary> {
  const registry = new RegistryIndex(loadRegistry(source.registry));
  const verifier = new AuditChainVerifier(hubKeysOf(registry), {
    allowTruncatedStart: source.allowTruncatedStart === true,
  });
  const stream = await AuditStreamRepository.open(source);
  try {
    for await (const { streamSequence, data } of stream.messages()) {
      const broken = verifier.check(streamSequence, data);
      if (broken) {
        const { entries } = verifier.summary();
        throw new AuditChainBrokenError(
          `audit chain broken at ${describeBreak(broken)} (${entries} entries before it verified)`,
        );
      }
      visit({ streamSequence, bytes: data, entry: fromBinary(AuditEntrySchema, data) });
    }
  } finally {
    await stream.close();
  }
  return verifier.summary();
}
