import { fromBinary } from '@bufbuild/protobuf';
import { AuditEntrySchema, AuditEvent, type AuditEntry } from '#contracts';
import { RegistryIndex, hubKeysOf, loadRegistry } from '#registry';
import {
  AuditChainVerifier,
  checkpointEntryOf,
  checkpointWitness,
  isWitness,
  signedStatementOf,
  statementWitness,
  type AuditChainBreak,
  type AuditChainSummary,
  type AuditWitness,
  type HubKeys,
  type RefusedWitness,
} from '#trust';
import { AuditChainBrokenError } from './audit.errors.js';
import { AuditStreamRepository, type AuditStreamSource } from './audit-stream.repository.js';
import { readWitness } from './witness-source.repository.js';

/** Where the chain is, and what its checkpoints are checked against. */
export type AuditChainSource = AuditStreamSource & {
  /** Registry file holding the hubs' public keys. */
  registry: string;
  /** Accept a chain whose first entries expired with the stream's max age. */
  allowTruncatedStart?: boolean;
  /** Base URLs of nodes whose witness (`GET /v1/audit/witness`) the chain must match. */
  witnesses?: readonly string[];
};

/** What the nodes' witnesses held: the nodes read, the records that count, those refused. */
export interface WitnessReading {
  nodes: string[];
  witnesses: AuditWitness[];
  refused: RefusedWitness[];
}

/** A chain that verified, and the witnesses it was proved against. */
export interface VerifiedChainReport {
  summary: AuditChainSummary;
  witnesses: WitnessReading;
}

/** One entry that passed verification, as stored. */
export interface VerifiedAuditEntry {
  streamSequence: number;
  bytes: Uint8Array;
  entry: AuditEntry;
}

/**
 * `stream sequence 5 (entry 5, ACCEPTED, message …)`: how a report names an entry; one the stream no
 * longer holds is `entry 11 (not in the stream)`.
 */
export function describeBreak(broken: AuditChainBreak): string {
  const entry = broken.entry;
  const where =
    entry === undefined && broken.problem !== 'undecodable'
      ? `entry ${broken.streamSequence} (not in the stream)`
      : `stream sequence ${broken.streamSequence} (${
          entry
            ? [
                `entry ${entry.sequence}`,
                AuditEvent[entry.event] ?? String(entry.event),
                ...(entry.message === '' ? [] : [`message ${entry.message}`]),
              ].join(', ')
            : 'undecodable'
        })`;
  return `${where}: ${broken.problem}: ${broken.detail}`;
}

function refusal(node: string, what: string, error: unknown): RefusedWitness {
  return { node, what, reason: `malformed: ${error instanceof Error ? error.message : String(error)}` };
}

/**
 * The records each node holds, read and checked against the hubs' keys: a record no hub key valid at
 * its time signed counts for nothing (refused), so a node cannot make the chain fail by inventing one.
 */
export async function readWitnesses(urls: readonly string[], hubs: HubKeys): Promise<WitnessReading> {
  const reading: WitnessReading = { nodes: [], witnesses: [], refused: [] };
  const take = (record: AuditWitness | RefusedWitness | undefined) => {
    if (record === undefined) return;
    if (isWitness(record)) reading.witnesses.push(record);
    else reading.refused.push(record);
  };
  for (const url of urls) {
    const { node, checkpoints, statements } = await readWitness(url);
    reading.nodes.push(node);
    for (const record of statements) {
      try {
        take(statementWitness(node, signedStatementOf(record), hubs));
      } catch (error) {
        take(refusal(node, `statement of ${String(record.id)}`, error));
      }
    }
    for (const record of checkpoints) {
      try {
        take(checkpointWitness(node, checkpointEntryOf(record), hubs));
      } catch (error) {
        take(refusal(node, `checkpoint ${String(record.position)}`, error));
      }
    }
  }
  return reading;
}

/**
 * Reads the whole chain in stream order and verifies it entry by entry, handing each verified entry to
 * `visit`, then that it reaches the stream's last sequence and holds every entry the nodes witnessed.
 * Throws AuditChainBrokenError naming the first break; returns the summary otherwise.
 */
export async function readVerifiedChain(
  source: AuditChainSource,
  visit: (verified: VerifiedAuditEntry) => void = () => undefined,
): Promise<VerifiedChainReport> {
  const registry = new RegistryIndex(loadRegistry(source.registry));
  const hubs = hubKeysOf(registry);
  const witnesses = await readWitnesses(source.witnesses ?? [], hubs);
  const verifier = new AuditChainVerifier(hubs, {
    allowTruncatedStart: source.allowTruncatedStart === true,
    witnesses: witnesses.witnesses,
  });
  const fail = (broken: AuditChainBreak) => {
    const { entries } = verifier.summary();
    return new AuditChainBrokenError(
      `audit chain broken at ${describeBreak(broken)} (${entries} entries before it verified)`,
      { broken, verified: entries },
    );
  };
  const stream = await AuditStreamRepository.open(source);
  try {
    const snapshot = await stream.snapshot();
    for await (const { streamSequence, data } of stream.messages(snapshot)) {
      const broken = verifier.check(streamSequence, data);
      if (broken) throw fail(broken);
      visit({ streamSequence, bytes: data, entry: fromBinary(AuditEntrySchema, data) });
    }
    const end = verifier.finish({
      lastSequence: snapshot.lastSequence,
      ...(snapshot.maxAgeMs > 0 ? { expiredBefore: Date.now() - snapshot.maxAgeMs } : {}),
    });
    if (end) throw fail(end);
  } finally {
    await stream.close();
  }
  return { summary: verifier.summary(), witnesses };
}
