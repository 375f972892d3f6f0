import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { AuditEntrySchema, AuditEvent, type AuditEntry } from '#contracts';
import {
  auditContentDigest,
  auditLinkHash,
  checkpointSignedFields,
  type AuditChainHead,
} from './audit-chain.js';
import type { SignatureVerifier } from './signature-verifier.js';

/** Why an entry breaks the chain. */
export type AuditChainProblem =
  | 'undecodable'
  | 'not-canonical'
  | 'hash-mismatch'
  | 'missing-entries'
  | 'out-of-order'
  | 'broken-link'
  | 'unlinked-start'
  | 'checkpoint-invalid';

/** The first entry that breaks the chain, named by its stream sequence and, when readable, its content. */
export interface AuditChainBreak {
  streamSequence: number;
  problem: AuditChainProblem;
  detail: string;
  /** The entry as decoded; absent when its bytes are not an AuditEntry. */
  entry?: AuditEntry;
}

/** What a verified chain holds. */
export interface AuditChainSummary {
  entries: number;
  checkpoints: number;
  /** Chain position of the first entry read (1 unless older entries expired). */
  first?: bigint;
  head?: AuditChainHead;
  /** Chain position of the last valid checkpoint: everything before it is signed by a hub. */
  lastCheckpoint?: bigint;
  /** Entries per event name, e.g. `ACCEPTED`. */
  events: Record<string, number>;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const missing = (from: bigint, to: bigint) =>
  from === to ? `entry ${from} is missing` : `entries ${from} to ${to} are missing`;

/**
 * Checks an audit chain entry by entry, in stream order, without holding it in memory. Each entry must
 * be the canonical encoding of an AuditEntry, carry the hash of its own content and link, follow the
 * previous entry's sequence without a gap and link to its hash; a checkpoint's signature must verify
 * under a key the registry holds for its hub. Stop at the first break: it names the broken entry.
 */
export class AuditChainVerifier {
  private head: AuditChainHead | undefined;
  private readonly totals: AuditChainSummary = { entries: 0, checkpoints: 0, events: {} };

  /**
   * @param signatures verifier over the registry's keys, for checkpoint signatures
   * @param options.allowTruncatedStart accept a first entry after position 1 (older entries expired with
   *   the stream's max age); its link cannot be checked
   */
  constructor(
    private readonly signatures: SignatureVerifier,
    private readonly options: { allowTruncatedStart?: boolean } = {},
  ) {}

  /** Checks the next stored entry; returns its break, or undefined when it extends the chain. */
  check(streamSequence: number, bytes: Uint8Array): AuditChainBreak | undefined {
    const broken = (problem: AuditChainProblem, detail: string, entry?: AuditEntry): AuditChainBreak => ({
      streamSequence,
      problem,
      detail,
      ...(entry === undefined ? {} : { entry }),
    });
    let entry: AuditEntry;
    try {
      entry = fromBinary(AuditEntrySchema, bytes);
    } catch (error) {
      return broken(
        'undecodable',
        `not an AuditEntry: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    // A byte change that decodes to the same fields (e.g. an over-long varint) is still a change.
    if (!sameBytes(toBinary(AuditEntrySchema, entry), bytes)) {
      return broken('not-canonical', 'the bytes are not the canonical encoding of the entry', entry);
    }
    const hash = auditLinkHash(entry.previousHash, auditContentDigest(entry));
    if (!sameBytes(hash, entry.hash)) {
      return broken(
        'hash-mismatch',
        `content hashes to ${hex(hash)}, the entry claims ${hex(entry.hash)}`,
        entry,
      );
    }
    const position = this.position(entry);
    if (position) return broken(position.problem, position.detail, entry);
    if (entry.event === AuditEvent.CHECKPOINT) {
      const verification = this.signatures.verify(
        checkpointSignedFields(entry),
        entry.previousHash,
        entry.signature,
        entry.key,
      );
      if (!verification.ok) {
        return broken(
          'checkpoint-invalid',
          `checkpoint signature of ${entry.actor}: ${verification.reason}`,
          entry,
        );
      }
      this.totals.checkpoints++;
      this.totals.lastCheckpoint = entry.sequence;
    }
    this.head = { sequence: entry.sequence, hash: entry.hash };
    this.totals.first ??= entry.sequence;
    this.totals.entries++;
    const name = AuditEvent[entry.event] ?? String(entry.event);
    this.totals.events[name] = (this.totals.events[name] ?? 0) + 1;
    return undefined;
  }

  /** Counts and head of what has been checked so far. */
  summary(): AuditChainSummary {
    return { ...this.totals, events: { ...this.totals.events }, ...(this.head ? { head: this.head } : {}) };
  }

  private position(entry: AuditEntry): { problem: AuditChainProblem; detail: string } | undefined {
    const head = this.head;
    if (head === undefined) {
      if (entry.sequence === 1n) {
        return entry.previousHash.length === 0
          ? undefined
          : { problem: 'broken-link', detail: 'the first entry links to a previous one' };
      }
      if (this.options.allowTruncatedStart === true) return undefined;
      return {
        problem: 'unlinked-start',
        detail: `the chain starts at entry ${entry.sequence}: ${missing(1n, entry.sequence - 1n)}`,
      };
    }
    const expected = head.sequence + 1n;
    if (entry.sequence > expected) {
      return {
        problem: 'missing-entries',
        detail: `${missing(expected, entry.sequence - 1n)}: entry ${entry.sequence} follows entry ${head.sequence}`,
      };
    }
    if (entry.sequence < expected) {
      return { problem: 'out-of-order', detail: `entry ${entry.sequence} follows entry ${head.sequence}` };
    }
    if (!sameBytes(entry.previousHash, head.hash)) {
      return {
        problem: 'broken-link',
        detail: `previous_hash does not match the hash of entry ${head.sequence}`,
      };
    }
    return undefined;
  }
}
