import { clone, toBinary } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { AuditEntrySchema, AuditEvent, type AuditEntry } from '#contracts';
import type { NodeSigner } from './node-signer.js';
import { canonicalSentTime } from './sent-time.js';
import { sha256 } from './sha256.js';
import type { SignedFields } from './signed-fields.js';

/** Prefix of every entry's content digest; a new layout gets a new version so old hashes never match it. */
export const AUDIT_HASH_DOMAIN = 'borderlink-audit-v1';
/** `Bl-Type` value of the signed statement a checkpoint carries. */
export const AUDIT_CHECKPOINT_TYPE = 'audit-checkpoint';
/** `Bl-Type` value of the signed statement a rollover carries. */
export const AUDIT_ROLLOVER_TYPE = 'audit-rollover';

const DOMAIN_LINE = new TextEncoder().encode(`${AUDIT_HASH_DOMAIN}\n`);

/** The last entry of a chain: where the next entry links to. */
export interface AuditChainHead {
  sequence: bigint;
  hash: Uint8Array;
}

/**
 * SHA-256 of `borderlink-audit-v1\n` followed by the entry's content: its deterministic protobuf encoding
 * (fields in number order, defaults omitted) with `previous_hash` and `hash` cleared. Everything else,
 * `sequence`, `key` and `signature` included, is covered.
 */
export function auditContentDigest(entry: AuditEntry): Uint8Array {
  const content = clone(AuditEntrySchema, entry);
  content.previousHash = new Uint8Array(0);
  content.hash = new Uint8Array(0);
  return sha256(DOMAIN_LINE, toBinary(AuditEntrySchema, content));
}

/** The link of one entry: SHA-256(previous_hash || content digest); previous_hash is empty for the first entry. */
export function auditLinkHash(previousHash: Uint8Array, contentDigest: Uint8Array): Uint8Array {
  return sha256(previousHash, contentDigest);
}

/** The hash an entry must carry, computed from its content and its `previous_hash`. */
export function auditEntryHash(entry: AuditEntry): Uint8Array {
  return auditLinkHash(entry.previousHash, auditContentDigest(entry));
}

/**
 * A copy of `entry` placed after `head` (or first, when there is no head): `sequence`, `previous_hash`
 * and `hash` set. Any signature must already be in `entry`, as it is hashed too.
 */
export function chainAuditEntry(entry: AuditEntry, head: AuditChainHead | undefined): AuditEntry {
  return head === undefined ? startAuditChain(entry, 1n) : placed(entry, head.sequence + 1n, head.hash);
}

/** A copy of `entry` as the first entry of a chain starting at `position`: no previous hash. */
export function startAuditChain(entry: AuditEntry, position: bigint): AuditEntry {
  return placed(entry, position, new Uint8Array(0));
}

function placed(entry: AuditEntry, sequence: bigint, previousHash: Uint8Array): AuditEntry {
  const chained = clone(AuditEntrySchema, entry);
  chained.sequence = sequence;
  chained.previousHash = new Uint8Array(previousHash);
  chained.hash = auditEntryHash(chained);
  return chained;
}

/**
 * What the signature of a checkpoint or rollover covers, as a signed envelope: the hub (`actor`)
 * states at `at` that the chain up to `sequence - 1` ends in `previous_hash` (the signed body), or, for
 * a rollover, that a new chain starts at `sequence` (`previous_hash` empty). Reusing the message
 * envelope lets the registry's keys, their rotation and revocation apply unchanged.
 */
export function checkpointSignedFields(checkpoint: AuditEntry): SignedFields {
  if (checkpoint.at === undefined) throw new RangeError('a checkpoint needs its time `at`');
  const type = checkpoint.event === AuditEvent.ROLLOVER ? AUDIT_ROLLOVER_TYPE : AUDIT_CHECKPOINT_TYPE;
  return {
    id: `${type}-${checkpoint.sequence}`,
    type,
    sender: checkpoint.actor,
    sent: canonicalSentTime(timestampDate(checkpoint.at)),
    handling: '',
    correlation: '',
  };
}

/** The checkpoint `entry` (already given `at` and `actor`) chained after `head` and signed by `signer`. */
export function signCheckpoint(entry: AuditEntry, head: AuditChainHead, signer: NodeSigner): AuditEntry {
  return signed(chainAuditEntry(entry, head), signer);
}

/**
 * The rollover `entry` (already given `at`, `actor` and event ROLLOVER) starting a new chain at
 * `position`, the stream sequence it will be stored at, and signed by `signer`.
 */
export function signRollover(entry: AuditEntry, position: bigint, signer: NodeSigner): AuditEntry {
  return signed(startAuditChain(entry, position), signer);
}

function signed(entry: AuditEntry, signer: NodeSigner): AuditEntry {
  entry.key = signer.publicKey;
  entry.signature = signer.sign(checkpointSignedFields(entry), entry.previousHash);
  entry.hash = auditEntryHash(entry);
  return entry;
}
