import {
  accessLinkHash,
  verifyAccessHead,
  type AccessChainHead,
  type AccessRecord,
  type SignedAccessHead,
} from './access-chain.js';

/** Why an export of a node's access log does not verify. */
export type AccessChainProblem =
  | 'missing-entries'
  | 'out-of-order'
  | 'hash-mismatch'
  | 'head-signature'
  | 'head-mismatch'
  | 'earlier-head-mismatch'
  | 'tail-cut';

/** The first place the log breaks, named by the sequence of the entry at fault. */
export interface AccessChainBreak {
  sequence: number;
  problem: AccessChainProblem;
  detail: string;
}

/** What a verified log holds. */
export interface AccessChainSummary {
  entries: number;
  /** Entries per action, e.g. `read`. */
  actions: Record<string, number>;
  head: AccessChainHead;
}

export interface AccessVerifyOptions {
  /**
   * The node's public nkeys, one of which must have signed the head. Without them the head is checked
   * only under the key it names, which proves that the export is whole, not whose it is.
   */
  keys?: readonly string[];
  /** The head of an earlier export, its signature already checked: the log must still hold that entry. */
  earlier?: AccessChainHead;
}

const missing = (from: number, to: number) =>
  from === to ? `entry ${from} is missing` : `entries ${from} to ${to} are missing`;

/**
 * Checks an export of a node's access log entry by entry, in order, without holding it in memory:
 * each entry must follow the previous one without a gap (the first is 1) and carry the hash of its
 * own content linked to the previous entry's hash; once every entry is read, the head the node
 * signed must verify and name the last entry. An entry edited, removed or moved inside the log
 * breaks it there; entries cut from its end are told only against a head exported earlier
 * (`earlier`), which the log must still hold. Stops at the first break: it names the entry.
 */
export class AccessChainVerifier {
  private head: AccessChainHead = { sequence: 0, hash: '' };
  private readonly actions: Record<string, number> = {};

  constructor(private readonly options: AccessVerifyOptions = {}) {}

  /** Checks the next entry; returns its break, or undefined when it extends the chain. */
  check(record: AccessRecord): AccessChainBreak | undefined {
    const expected = this.head.sequence + 1;
    if (record.sequence > expected) {
      return {
        sequence: expected,
        problem: 'missing-entries',
        detail: `${missing(expected, record.sequence - 1)}: entry ${record.sequence} follows entry ${this.head.sequence}`,
      };
    }
    if (record.sequence < expected) {
      return {
        sequence: record.sequence,
        problem: 'out-of-order',
        detail: `entry ${record.sequence} follows entry ${this.head.sequence}`,
      };
    }
    const hash = accessLinkHash(this.head.hash, record.sequence, record);
    if (hash !== record.hash) {
      return {
        sequence: record.sequence,
        problem: 'hash-mismatch',
        detail:
          `entry ${record.sequence} hashes to ${hash} after entry ${this.head.sequence}, but claims ` +
          `${record.hash}: it, or the entry before it, was changed`,
      };
    }
    const earlier = this.options.earlier;
    if (earlier !== undefined && earlier.sequence === record.sequence && earlier.hash !== record.hash) {
      return {
        sequence: record.sequence,
        problem: 'earlier-head-mismatch',
        detail: `an earlier export ended at entry ${earlier.sequence} with hash ${earlier.hash}; this log's entry ${record.sequence} hashes to ${record.hash}: the log was rewritten`,
      };
    }
    this.head = { sequence: record.sequence, hash: record.hash };
    this.actions[record.action] = (this.actions[record.action] ?? 0) + 1;
    return undefined;
  }

  /**
   * After the last entry: the head must be signed by the node (one of `keys`, when given) and name
   * the last entry read, and the log must reach the earlier head, if any.
   */
  finish(signed: SignedAccessHead): AccessChainBreak | undefined {
    const last = this.head;
    const verification = verifyAccessHead(signed, this.options.keys ?? [signed.key]);
    if (!verification.ok) {
      return {
        sequence: signed.sequence,
        problem: 'head-signature',
        detail: `the head naming entry ${signed.sequence} is not signed by ${this.options.keys?.join(' or ') ?? signed.key}: ${verification.reason}`,
      };
    }
    if (signed.sequence > last.sequence) {
      return {
        sequence: last.sequence + 1,
        problem: 'head-mismatch',
        detail: `the signed head names entry ${signed.sequence}, but the export ends at entry ${last.sequence}: ${missing(last.sequence + 1, signed.sequence)}`,
      };
    }
    if (signed.sequence < last.sequence) {
      return {
        sequence: signed.sequence + 1,
        problem: 'head-mismatch',
        detail: `the signed head names entry ${signed.sequence}, but the export goes on to entry ${last.sequence}`,
      };
    }
    if (signed.hash !== last.hash) {
      return {
        sequence: last.sequence,
        problem: 'head-mismatch',
        detail: `the signed head says entry ${signed.sequence} hashes to ${signed.hash}, the export's to ${last.hash}`,
      };
    }
    const earlier = this.options.earlier;
    if (earlier !== undefined && earlier.sequence > last.sequence) {
      return {
        sequence: last.sequence + 1,
        problem: 'tail-cut',
        detail: `an earlier export ended at entry ${earlier.sequence}, but the log ends at entry ${last.sequence}: ${missing(last.sequence + 1, earlier.sequence)}`,
      };
    }
    return undefined;
  }

  /** Counts and head of what has been checked so far. */
  summary(): AccessChainSummary {
    return { entries: this.head.sequence, actions: { ...this.actions }, head: { ...this.head } };
  }
}
