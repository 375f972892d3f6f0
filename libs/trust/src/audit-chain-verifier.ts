import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { timestampMs } from '@bufbuild/protobuf/wkt';
import { AuditEntrySchema, AuditEvent, type AuditEntry } from '#contracts';
import {
  auditContentDigest,
  auditLinkHash,
  checkpointSignedFields,
  type AuditChainHead,
} from './audit-chain.js';
import type { HubKeys } from './hub-keys.js';

/** Why an entry breaks the chain, or why the chain is not the one that was witnessed. */
export type AuditChainProblem =
  | 'undecodable'
  | 'not-canonical'
  | 'hash-mismatch'
  | 'position-mismatch'
  | 'missing-entries'
  | 'out-of-order'
  | 'broken-link'
  | 'unlinked-start'
  | 'checkpoint-invalid'
  | 'checkpoint-not-hub'
  | 'checkpoint-key-revoked'
  | 'checkpoint-backdated'
  | 'witness-mismatch'
  | 'tail-cut'
  | 'entries-erased';

/** The first entry that breaks the chain, named by its stream sequence and, when readable, its content. */
export interface AuditChainBreak {
  /** The stream sequence of the entry at fault; for an entry the stream no longer holds, its position. */
  streamSequence: number;
  problem: AuditChainProblem;
  detail: string;
  /** The entry as decoded; absent when its bytes are not an AuditEntry, or it is gone. */
  entry?: AuditEntry;
}

/** What a verified chain holds. */
export interface AuditChainSummary {
  entries: number;
  checkpoints: number;
  /** Chain position of the first entry read (1 unless older entries expired, or a rollover started it). */
  first?: bigint;
  head?: AuditChainHead;
  /** Chain position of the last valid checkpoint: everything before it is signed by a hub. */
  lastCheckpoint?: bigint;
  /** Position of the signed rollover the chain starts with, if it does. */
  rollover?: bigint;
  /** Entries per event name, e.g. `ACCEPTED`. */
  events: Record<string, number>;
  /** Witness records found to match the chain. */
  witnessed: number;
}

/**
 * A hub-signed record one node holds of one audit entry: that the entry at `position` hashes to
 * `hash`. Nodes hold two kinds: the statement on every delivery (naming the entry of its decision)
 * and the checkpoints the hub sends them (naming the hash of the entry before the checkpoint).
 */
export interface AuditWitness {
  /** The node that holds it. */
  node: string;
  position: bigint;
  hash: Uint8Array;
  /** When the hub signed it, epoch ms. */
  at: number;
  /** What the node holds, for reports: `statement of message …` or `checkpoint …`. */
  what: string;
}

/** What the verifier is told about the stream once every entry is read. */
export interface AuditStreamEnd {
  /** The stream's last sequence when the read started: entries up to it must all have been read. */
  lastSequence: number;
  /** Epoch ms before which an entry may have expired with the stream's max age. */
  expiredBefore?: number;
}

export interface AuditVerifyOptions {
  /**
   * Accept a first entry after position 1 (older entries expired with the stream's max age); its link
   * cannot be checked, and a witness of an older entry still fails unless it is older than
   * `AuditStreamEnd.expiredBefore`.
   */
  allowTruncatedStart?: boolean;
  /** Hub-signed records the nodes hold of entries (already verified, see audit-witness.ts). */
  witnesses?: readonly AuditWitness[];
}

/**
 * How far a checkpoint's time may fall behind the latest entry it covers: the clocks of several hub
 * instances appending to one chain may differ this much. Any further back, it was backdated.
 */
export const AUDIT_CLOCK_SKEW_MS = 5 * 60_000;

/** A problem found with a chain entry, before it is tied to the entry's stream sequence. */
interface Fault {
  problem: AuditChainProblem;
  detail: string;
}

const sameBytes = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const missing = (from: bigint, to: bigint) =>
  from === to ? `entry ${from} is missing` : `entries ${from} to ${to} are missing`;
const isSigned = (entry: AuditEntry) =>
  entry.event === AuditEvent.CHECKPOINT || entry.event === AuditEvent.ROLLOVER;

/**
 * Whether a checkpoint or rollover entry is signed by a hub: its `actor` is a hub in the registry and
 * the signature verifies under one of that hub's keys valid at the entry's `at`. Undefined when it is.
 */
export function checkpointFault(entry: AuditEntry, hubs: HubKeys): Fault | undefined {
  const what = entry.event === AuditEvent.ROLLOVER ? 'rollover' : 'checkpoint';
  if (!hubs.isHub(entry.actor)) {
    return { problem: 'checkpoint-not-hub', detail: `${what} signed as ${entry.actor}, which is not a hub` };
  }
  let fields;
  try {
    fields = checkpointSignedFields(entry);
  } catch (error) {
    return { problem: 'checkpoint-invalid', detail: `${what} without a time: ${String(error)}` };
  }
  const verification = hubs.signatures.verify(fields, entry.previousHash, entry.signature, entry.key);
  if (verification.ok) return undefined;
  switch (verification.reason) {
    case 'unknown-key':
      return {
        problem: 'checkpoint-not-hub',
        detail: `${what} signed with ${entry.key}, which is not a key of hub ${entry.actor}`,
      };
    case 'key-revoked':
      return {
        problem: 'checkpoint-key-revoked',
        detail: `${what} signed at ${fields.sent} with ${entry.key}, revoked by then`,
      };
    default:
      return {
        problem: 'checkpoint-invalid',
        detail: `${what} signature of ${entry.actor}: ${verification.reason}`,
      };
  }
}

/**
 * Checks an audit chain entry by entry, in stream order, without holding it in memory. Each entry must
 * be the canonical encoding of an AuditEntry, carry the hash of its own content and link, sit at the
 * chain position equal to its stream sequence, follow the previous entry without a gap and link to its
 * hash; a checkpoint's (or rollover's) signature must verify under a key the registry holds for a hub,
 * valid at the checkpoint's time, which must not fall behind the entries it covers. The chain starts
 * at position 1, at a signed rollover, or (when allowed) where the stream's expired entries end.
 * Entries the nodes witnessed must be in the chain with the hash the hub signed to them, and once
 * every entry is read, `finish` checks nothing witnessed or counted by the stream is missing. Stops at
 * the first break: it names the broken entry.
 */
export class AuditChainVerifier {
  private head: AuditChainHead | undefined;
  private latestAt = Number.NEGATIVE_INFINITY;
  private readonly totals: AuditChainSummary = { entries: 0, checkpoints: 0, events: {}, witnessed: 0 };
  private readonly witnesses = new Map<bigint, AuditWitness[]>();

  /**
   * @param hubs the registry's hubs and their keys, for checkpoint and rollover signatures
   */
  constructor(
    private readonly hubs: HubKeys,
    private readonly options: AuditVerifyOptions = {},
  ) {
    for (const witness of options.witnesses ?? []) {
      const at = this.witnesses.get(witness.position);
      if (at === undefined) this.witnesses.set(witness.position, [witness]);
      else at.push(witness);
    }
  }

  /** Checks the next stored entry; returns its break, or undefined when it extends the chain. */
  check(streamSequence: number, bytes: Uint8Array): AuditChainBreak | undefined {
    const broken = (fault: Fault, entry?: AuditEntry): AuditChainBreak => ({
      streamSequence,
      ...fault,
      ...(entry === undefined ? {} : { entry }),
    });
    let entry: AuditEntry;
    try {
      entry = fromBinary(AuditEntrySchema, bytes);
    } catch (error) {
      return broken({
        problem: 'undecodable',
        detail: `not an AuditEntry: ${error instanceof Error ? error.message : String(error)}`,
      });
    }
    const fault =
      this.encoding(entry, bytes) ??
      this.position(entry, streamSequence) ??
      (isSigned(entry) ? this.signature(entry) : undefined) ??
      this.witnessed(entry);
    if (fault) return broken(fault, entry);
    if (entry.event === AuditEvent.CHECKPOINT) {
      this.totals.checkpoints++;
      this.totals.lastCheckpoint = entry.sequence;
    }
    if (this.head === undefined && entry.event === AuditEvent.ROLLOVER) this.totals.rollover = entry.sequence;
    if (entry.at !== undefined) this.latestAt = Math.max(this.latestAt, timestampMs(entry.at));
    this.head = { sequence: entry.sequence, hash: entry.hash };
    this.totals.first ??= entry.sequence;
    this.totals.entries++;
    const name = AuditEvent[entry.event] ?? String(entry.event);
    this.totals.events[name] = (this.totals.events[name] ?? 0) + 1;
    return undefined;
  }

  /**
   * After the last entry: the chain must reach the stream's last sequence (else its tail was deleted),
   * and every witnessed entry must have been read: one after the chain's end was cut off, one before
   * its start was erased (unless it is old enough to have expired and a truncated start is allowed).
   */
  finish(end: AuditStreamEnd): AuditChainBreak | undefined {
    const last = this.head?.sequence ?? 0n;
    if (BigInt(end.lastSequence) > last) {
      const gone = missing(last + 1n, BigInt(end.lastSequence));
      return {
        streamSequence: end.lastSequence,
        problem: 'tail-cut',
        detail: `the stream's last sequence is ${end.lastSequence} but the chain ends at entry ${last}: ${gone}`,
      };
    }
    const first = this.totals.first ?? last + 1n;
    const unread = [...this.witnesses.values()]
      .flat()
      .filter((witness) => witness.position < first || witness.position > last)
      .sort((a, b) => (a.position < b.position ? 1 : a.position > b.position ? -1 : 0));
    for (const witness of unread) {
      const position = Number(witness.position);
      const held = `${witness.node} holds the hub's ${witness.what} of entry ${witness.position} (at ${new Date(witness.at).toISOString()})`;
      if (witness.position > last) {
        return {
          streamSequence: position,
          problem: 'tail-cut',
          detail: `${held}, but the chain ends at entry ${last}`,
        };
      }
      // An entry older than the stream keeps would be gone anyway: its absence proves nothing.
      const expired = end.expiredBefore !== undefined && witness.at < end.expiredBefore;
      if (!expired) {
        const start = this.totals.rollover === undefined ? 'starts' : 'starts anew with a rollover';
        return {
          streamSequence: position,
          problem: 'entries-erased',
          detail: `${held}, but the chain ${start} at entry ${first}`,
        };
      }
    }
    return undefined;
  }

  /** Counts and head of what has been checked so far. */
  summary(): AuditChainSummary {
    return { ...this.totals, events: { ...this.totals.events }, ...(this.head ? { head: this.head } : {}) };
  }

  private encoding(entry: AuditEntry, bytes: Uint8Array): Fault | undefined {
    // A byte change that decodes to the same fields (e.g. an over-long varint) is still a change.
    if (!sameBytes(toBinary(AuditEntrySchema, entry), bytes)) {
      return { problem: 'not-canonical', detail: 'the bytes are not the canonical encoding of the entry' };
    }
    const hash = auditLinkHash(entry.previousHash, auditContentDigest(entry));
    if (!sameBytes(hash, entry.hash)) {
      return {
        problem: 'hash-mismatch',
        detail: `content hashes to ${hex(hash)}, the entry claims ${hex(entry.hash)}`,
      };
    }
    return undefined;
  }

  private position(entry: AuditEntry, streamSequence: number): Fault | undefined {
    // The hub chains every entry at the stream sequence it is stored at, so a chain written again after
    // a purge (whose stream sequences go on) or out of order is told from the one the stream holds.
    if (entry.sequence !== BigInt(streamSequence)) {
      return {
        problem: 'position-mismatch',
        detail: `entry ${entry.sequence} is stored at stream sequence ${streamSequence}`,
      };
    }
    const head = this.head;
    if (head === undefined) return this.start(entry);
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

  // The first entry read: the chain's genesis at 1, a signed rollover (checked with the signatures), or
  // where expired entries end.
  private start(entry: AuditEntry): Fault | undefined {
    if (entry.sequence === 1n || entry.event === AuditEvent.ROLLOVER) {
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

  private signature(entry: AuditEntry): Fault | undefined {
    const fault = checkpointFault(entry, this.hubs);
    if (fault) return fault;
    const at = timestampMs(entry.at!);
    if (at < this.latestAt - AUDIT_CLOCK_SKEW_MS) {
      return {
        problem: 'checkpoint-backdated',
        detail: `signed at ${new Date(at).toISOString()}, before the entries it covers (up to ${new Date(this.latestAt).toISOString()})`,
      };
    }
    return undefined;
  }

  private witnessed(entry: AuditEntry): Fault | undefined {
    const witnesses = this.witnesses.get(entry.sequence) ?? [];
    this.witnesses.delete(entry.sequence);
    for (const witness of witnesses) {
      if (!sameBytes(witness.hash, entry.hash)) {
        return {
          problem: 'witness-mismatch',
          detail:
            `${witness.node} holds the hub's ${witness.what} that entry ${entry.sequence} hashes to ` +
            `${hex(witness.hash)}; the stream's entry hashes to ${hex(entry.hash)}`,
        };
      }
    }
    this.totals.witnessed += witnesses.length;
    return undefined;
  }
}
