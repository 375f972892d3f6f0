import type { KeyObject } from 'node:crypto';
import { publicKeyObject, verifyEd25519, verifyEd25519OffThread } from './ed25519.js';
import type { SignedFields } from './signed-fields.js';
import { signingBytes } from './signing-bytes.js';
import { EnvelopeError, KeyFormatError } from './trust.errors.js';

/** The outcome of checking one message's signature; `key` is the registered public key that verified it. */
export type Verification =
  | { ok: true; key: string }
  | {
      ok: false;
      reason:
        | 'unknown-sender'
        | 'signature-missing'
        | 'signature-invalid'
        | 'unknown-key'
        | 'key-revoked'
        | 'key-not-yet-valid';
    };

/** When a registered key may sign (RFC 3339 UTC bounds, `from` inclusive, `revokedAt` exclusive). */
export interface KeyValidity {
  from?: string;
  revokedAt?: string;
}

/** Where the message's signed sent time falls against a key's window. */
function windowVerdict(
  validity: KeyValidity | undefined,
  sent: string,
): 'valid' | 'key-revoked' | 'key-not-yet-valid' {
  if (validity === undefined) return 'valid';
  const at = Date.parse(sent);
  if (validity.revokedAt !== undefined && !(at < Date.parse(validity.revokedAt))) return 'key-revoked';
  if (validity.from !== undefined && !(at >= Date.parse(validity.from))) return 'key-not-yet-valid';
  return 'valid';
}

// 64 signature bytes are exactly 86 unpadded base64url characters.
const SIGNATURE_TEXT = /^[A-Za-z0-9_-]{86}$/;

/** The signature bytes, or undefined unless the text is their one canonical unpadded base64url form. */
function decodeSignature(text: string): Uint8Array | undefined {
  if (!SIGNATURE_TEXT.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64url');
  // The last character carries 2 bits; re-encoding refuses variants that differ only in the unused 4.
  return bytes.length === 64 && bytes.toString('base64url') === text ? bytes : undefined;
}

function keyObject(publicKey: string): KeyObject | undefined {
  try {
    return publicKeyObject(publicKey);
  } catch (error) {
    if (error instanceof KeyFormatError) return undefined;
    throw error;
  }
}

/** A registered key and its KeyObject. */
interface Candidate {
  key: string;
  object: KeyObject;
}

/** A check that needs cryptography: the signer's keys to try on the bytes, and the verdict if none verifies. */
interface Cryptographic {
  signer: string;
  at: string;
  data: Uint8Array;
  signature: Uint8Array;
  keys: Candidate[];
  failed: Verification;
}

type Attempt = { verdict: Verification } | Cryptographic;

/**
 * Checks origin signatures against the public keys the registry holds for each sender.
 * Never throws for anything a message can carry: every refusal is a typed Verification.
 */
export class SignatureVerifier {
  /**
   * @param keysOf the registered public nkeys of a node, empty for an unknown node
   * @param validityOf the validity window of one of them; undefined (or no function) means always valid
   */
  constructor(
    private readonly keysOf: (node: string) => readonly string[],
    private readonly validityOf?: (node: string, key: string) => KeyValidity | undefined,
  ) {}

  /**
   * Verifies `signature` (the `Bl-Signature` value) over signingBytes(fields, body) with the sender's keys.
   * `keyHint` (the `Bl-Key` value) is tried first when it is one of them; otherwise each registered key is
   * tried. A signature no registered key accepts is `unknown-key` when the hint names an unregistered key,
   * else `signature-invalid`. A key that verifies but whose window excludes the signed sent time gives
   * `key-revoked` (sent at or after its revocation) or `key-not-yet-valid` (sent before its `from`), so a
   * revoked key still verifies what was sent before its revocation.
   */
  verify(
    fields: SignedFields,
    body: Uint8Array,
    signature: string | undefined,
    keyHint?: string,
  ): Verification {
    const attempt = this.messageAttempt(fields, body, signature, keyHint);
    return 'verdict' in attempt ? attempt.verdict : this.verdict(attempt, this.onThread(attempt));
  }

  /** As verify, with each Ed25519 verification on libuv's thread pool: for batches of messages. */
  async verifyOffThread(
    fields: SignedFields,
    body: Uint8Array,
    signature: string | undefined,
    keyHint?: string,
  ): Promise<Verification> {
    const attempt = this.messageAttempt(fields, body, signature, keyHint);
    return 'verdict' in attempt ? attempt.verdict : this.verdict(attempt, await this.offThread(attempt));
  }

  /**
   * Verifies `signature` over `data` as signed by `signer` at `at` (canonical UTC time, judged against
   * the key windows), with the same key search and verdicts as verify: for statements that are not a
   * message envelope, such as the hub's delivery statements.
   */
  verifyData(
    signer: string,
    at: string,
    data: Uint8Array,
    signature: string | undefined,
    keyHint?: string,
  ): Verification {
    const attempt = this.attempt(signer, at, () => data, signature, keyHint);
    return 'verdict' in attempt ? attempt.verdict : this.verdict(attempt, this.onThread(attempt));
  }

  /** As verifyData, on libuv's thread pool. */
  async verifyDataOffThread(
    signer: string,
    at: string,
    data: Uint8Array,
    signature: string | undefined,
    keyHint?: string,
  ): Promise<Verification> {
    const attempt = this.attempt(signer, at, () => data, signature, keyHint);
    return 'verdict' in attempt ? attempt.verdict : this.verdict(attempt, await this.offThread(attempt));
  }

  private messageAttempt(
    fields: SignedFields,
    body: Uint8Array,
    signature: string | undefined,
    keyHint: string | undefined,
  ): Attempt {
    return this.attempt(fields.sender, fields.sent, () => this.bytes(fields, body), signature, keyHint);
  }

  // What checking takes: a verdict reached without cryptography, or the bytes, the signature and the
  // signer's keys in the order to try them (the hinted one first).
  private attempt(
    signer: string,
    at: string,
    bytes: () => Uint8Array | undefined,
    signature: string | undefined,
    keyHint: string | undefined,
  ): Attempt {
    const keys = this.keysOf(signer);
    if (keys.length === 0) return { verdict: { ok: false, reason: 'unknown-sender' } };
    if (signature === undefined || signature === '')
      return { verdict: { ok: false, reason: 'signature-missing' } };
    const hinted = keyHint !== undefined && keys.includes(keyHint);
    const failed: Verification =
      keyHint !== undefined && keyHint !== '' && !hinted
        ? { ok: false, reason: 'unknown-key' }
        : { ok: false, reason: 'signature-invalid' };
    const sig = decodeSignature(signature);
    const data = sig && bytes();
    if (!sig || !data) return { verdict: failed };
    const order = hinted ? [keyHint, ...keys.filter((key) => key !== keyHint)] : keys;
    const candidates = order.flatMap((key) => {
      const object = keyObject(key);
      return object === undefined ? [] : [{ key, object }];
    });
    return { signer, at, data, signature: sig, keys: candidates, failed };
  }

  // The first key that verifies, tried one after the other.
  private onThread(attempt: Cryptographic): Candidate | undefined {
    return attempt.keys.find((candidate) => verifyEd25519(candidate.object, attempt.data, attempt.signature));
  }

  // The same, on libuv's thread pool.
  private async offThread(attempt: Cryptographic): Promise<Candidate | undefined> {
    for (const candidate of attempt.keys) {
      if (await verifyEd25519OffThread(candidate.object, attempt.data, attempt.signature)) return candidate;
    }
    return undefined;
  }

  // A key that verified still has to be valid at the signed time.
  private verdict(attempt: Cryptographic, verified: Candidate | undefined): Verification {
    if (verified === undefined) return attempt.failed;
    const window = windowVerdict(this.validityOf?.(attempt.signer, verified.key), attempt.at);
    return window === 'valid' ? { ok: true, key: verified.key } : { ok: false, reason: window };
  }

  private bytes(fields: SignedFields, body: Uint8Array): Uint8Array | undefined {
    try {
      return signingBytes(fields, body);
    } catch (error) {
      if (error instanceof EnvelopeError) return undefined;
      throw error;
    }
  }
}
