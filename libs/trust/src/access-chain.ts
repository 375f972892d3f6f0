import { isSubjectToken } from '#contracts';
import type { NodeSigner } from './node-signer.js';
import { isCanonicalSentTime } from './sent-time.js';
import { SignatureVerifier, type Verification } from './signature-verifier.js';
import { sha256 } from './sha256.js';

/** Prefix of every access entry's content digest; a new layout gets a new version so old hashes never match it. */
export const ACCESS_HASH_DOMAIN = 'borderlink-access-v1';
/** First line of a signed access log head; versioned like the entries. */
export const ACCESS_HEAD_DOMAIN = 'borderlink-access-head-v1';

const utf8 = new TextEncoder();
const DOMAIN_LINE = utf8.encode(`${ACCESS_HASH_DOMAIN}\n`);
const HEX_64 = /^[0-9a-f]{64}$/;

/**
 * One thing a node's access log records: that the node handed message `message` to `principal` at
 * `at`, by `action`, while serving request `request`.
 */
export interface AccessEntry {
  /** When, canonical UTC (`YYYY-MM-DDTHH:mm:ss.sssZ`, as `Bl-Sent`). */
  at: string;
  /** The principal's stable id: `person:<subject>` or `service:<key id>`. */
  principal: string;
  /** Its name, for people reading the log (`preferred_username`, or the API key's name). */
  name: string;
  /** How it was handed out, e.g. `read`, `list`, `stream`. */
  action: string;
  /** The message id. */
  message: string;
  /** The id of the HTTP request that handed it out (`X-Request-Id`); empty outside a request. */
  request: string;
}

/** An entry placed in the chain, as the node keeps and exports it. */
export interface AccessRecord extends AccessEntry {
  /** Its position: 1 for the first entry, each next one more. */
  sequence: number;
  /** SHA-256(previous entry's hash || content digest), lowercase hex; see accessLinkHash. */
  hash: string;
}

/** The last entry of a chain: where the next entry links to. Sequence 0 and hash `''` for an empty log. */
export interface AccessChainHead {
  sequence: number;
  hash: string;
}

/** A node's statement of the head of its access log at `at`. */
export interface AccessHead extends AccessChainHead {
  /** The node whose log it is. */
  node: string;
  /** When the node stated it, canonical UTC. */
  at: string;
}

/** A head with the node's public nkey and its Ed25519 signature over accessHeadBytes. */
export interface SignedAccessHead extends AccessHead {
  key: string;
  /** base64url without padding. */
  signature: string;
}

/**
 * The canonical content of the entry at `sequence`: each of these values in this order, as UTF-8
 * preceded by its length in bytes as a 4-byte big-endian unsigned integer:
 *
 * ```text
 * sequence   decimal, without leading zeros
 * at         YYYY-MM-DDTHH:mm:ss.sssZ
 * principal, name, action, message, request
 * ```
 *
 * The length prefixes make it unambiguous whatever a value holds (a name may contain any character);
 * a lone UTF-16 surrogate is encoded as U+FFFD, as SQLite stores it.
 */
export function accessContentBytes(sequence: number, entry: AccessEntry): Uint8Array {
  const values = [
    String(sequence),
    entry.at,
    entry.principal,
    entry.name,
    entry.action,
    entry.message,
    entry.request,
  ];
  const encoded = values.map((value) => utf8.encode(value));
  const bytes = new Uint8Array(encoded.reduce((total, value) => total + 4 + value.length, 0));
  const view = new DataView(bytes.buffer);
  let offset = 0;
  for (const value of encoded) {
    view.setUint32(offset, value.length);
    bytes.set(value, offset + 4);
    offset += 4 + value.length;
  }
  return bytes;
}

/** SHA-256 of `borderlink-access-v1\n` followed by the entry's canonical content (accessContentBytes). */
export function accessContentDigest(sequence: number, entry: AccessEntry): Uint8Array {
  return sha256(DOMAIN_LINE, accessContentBytes(sequence, entry));
}

/**
 * The hash of the entry at `sequence` after an entry hashed `previousHash` (hex; `''` for the first):
 * SHA-256(previous hash bytes || content digest), lowercase hex.
 */
export function accessLinkHash(previousHash: string, sequence: number, entry: AccessEntry): string {
  const previous = Buffer.from(previousHash, 'hex');
  return Buffer.from(sha256(previous, accessContentDigest(sequence, entry))).toString('hex');
}

/** `entry` placed after `head` (or first, when the log is empty): its sequence and hash set. */
export function chainAccessEntry(entry: AccessEntry, head: AccessChainHead): AccessRecord {
  const sequence = head.sequence + 1;
  return {
    sequence,
    at: entry.at,
    principal: entry.principal,
    name: entry.name,
    action: entry.action,
    message: entry.message,
    request: entry.request,
    hash: accessLinkHash(head.hash, sequence, entry),
  };
}

/** Why a head cannot be signed or read; undefined when it is well formed. */
function headFault({ node, at, sequence, hash }: AccessHead): string | undefined {
  if (!isSubjectToken(node)) return 'node is not a node id';
  if (!isCanonicalSentTime(at)) return 'at is not a canonical UTC time';
  if (!Number.isSafeInteger(sequence) || sequence < 0) return 'sequence is not a count';
  if (sequence === 0 ? hash !== '' : !HEX_64.test(hash))
    return 'hash is not 64 lowercase hex digits (empty for an empty log)';
  return undefined;
}

/**
 * The exact bytes a node signs (Ed25519) for the head of its access log: the UTF-8 encoding of these
 * five lines joined by a single LF, with no trailing LF:
 *
 * ```text
 * borderlink-access-head-v1
 * <node>      the node id
 * <at>        when it states the head, YYYY-MM-DDTHH:mm:ss.sssZ
 * <sequence>  the last entry's sequence, decimal (0 for an empty log)
 * <hash>      the last entry's hash, 64 lowercase hex digits (empty for an empty log)
 * ```
 *
 * Every value has a fixed syntax without line breaks. Throws RangeError for a value outside it.
 */
export function accessHeadBytes(head: AccessHead): Uint8Array {
  const fault = headFault(head);
  if (fault !== undefined) throw new RangeError(`access log head: ${fault}`);
  return utf8.encode([ACCESS_HEAD_DOMAIN, head.node, head.at, String(head.sequence), head.hash].join('\n'));
}

/** `head` signed by the node holding `signer`; throws RangeError for a value outside its syntax. */
export function signAccessHead(signer: NodeSigner, head: AccessHead): SignedAccessHead {
  return {
    node: head.node,
    at: head.at,
    sequence: head.sequence,
    hash: head.hash,
    key: signer.publicKey,
    signature: signer.signData(accessHeadBytes(head)),
  };
}

/**
 * Whether `signed` is signed by one of `keys` (public nkeys the verifier trusts to be the node's).
 * A malformed head is `signature-invalid`: nothing it says can be checked.
 */
export function verifyAccessHead(signed: SignedAccessHead, keys: readonly string[]): Verification {
  if (headFault(signed) !== undefined) return { ok: false, reason: 'signature-invalid' };
  const verifier = new SignatureVerifier((node) => (node === signed.node ? keys : []));
  return verifier.verifyData(signed.node, signed.at, accessHeadBytes(signed), signed.signature, signed.key);
}

/** One page of a node's access log as it answers `GET /v1/access-log`. */
export interface AccessLogExport {
  node: string;
  /** The entries after the sequence asked for, in order. */
  entries: AccessRecord[];
  /** The log's head when the page was read, signed by the node. */
  head: SignedAccessHead;
  /** Present when more entries follow: pass it back as `after`. */
  next?: number;
}
