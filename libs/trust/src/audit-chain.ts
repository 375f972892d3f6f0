import { createHash } from 'node:crypto';
import { clone, toBinary } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { AuditEntrySchema, type AuditEntry } from '#contracts';
import type { NodeSigner } from './node-signer.js';
import { canonicalSentTime } from './sent-time.js';
import type { SignedFields } from './signed-fields.js';

/** Prefix of every entry's content digest; a new layout gets a new version so old hashes never match it. */
export const AUDIT_HASH_DOMAIN = 'borderlink-audit-v1';
/** `Bl-Type` value of the signed statement a checkpoint carries. */
export const AUDIT_CHECKPOINT_TYPE = 'audit-checkpoint';

const DOMAIN_LINE = new TextEncoder().encode(`${AUDIT_HASH_DOMAIN}\n`);

/** The last entry of a chain: where the next entry links to. */
export interface AuditChainHead {
  sequence: bigint;
  hash: Uint8Array;
}

function sha256(...parts: Uint8Array[]): Uint8Array {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return new Uint8Array(hash.digest());
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
  const chained = clone(AuditEntrySchema, entry);
  chained.sequence = head === undefined ? 1n : head.sequence + 1n;
  chained.previousHash = head === undefined ? new Uint8Array(0) : new Uint8Array(head.hash);
  chained.hash = auditEntryHash(chained);
  return chained;
}

/**
 * What a checkpoint's signature covers, as a signed envelope: the hub (`actor`) states at `at` that the
 * chain up to `sequence - 1` ends in `previous_hash` (the signed body). Reusing the message envelope lets
 * the registry's keys, their rotation and revocation apply to checkpoints unchanged.
 */
export function checkpointSignedFields(checkpoint: AuditEntry): SignedFields {
  if (checkpoint.at === undefined) throw new RangeError('a checkpoint needs its time `at`');
  return {
    id: `audit-checkpoint-${checkpoint.sequence}`,
    type: AUDIT_CHECKPOINT_TYPE,
    sender: checkpoint.actor,
    sent: canonicalSentTime(timestampDate(checkpoint.at)),
    handling: '',
    correlation: '',
  };
}

/** The checkpoint `entry` (already given `at` and `actor`) chained after `head` and signed by `signer`. */
export function signCheckpoint(entry: AuditEntry, head: AuditChainHead, signer: NodeSigner): AuditEntry {
  const placed = chainAuditEntry(entry, head);
  placed.key = signer.publicKey;
  placed.signature = signer.sign(checkpointSignedFields(placed), placed.previousHash);
  placed.hash = auditEntryHash(placed);
  return placed;
}
