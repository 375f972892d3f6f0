import { randomBytes, type KeyObject } from 'node:crypto';
import { privateKeyFromSeed, rawPublicKeyOf, signEd25519 } from './ed25519.js';
import { KeyedIds } from './keyed-ids.js';
import { decodeUserSeed, encodeUserPublicKey, encodeUserSeed } from './nkey-codec.js';
import type { SignedFields } from './signed-fields.js';
import { signingBytes } from './signing-bytes.js';

/** A fresh node key pair in nkey text form: user seed `SU…` (secret) and user public key `U…`. */
export function generateNodeKey(): { seed: string; publicKey: string } {
  const rawSeed = randomBytes(32);
  return {
    seed: encodeUserSeed(rawSeed),
    publicKey: encodeUserPublicKey(rawPublicKeyOf(privateKeyFromSeed(rawSeed))),
  };
}

/** Signs messages with one node's private key, and makes the ids only it can make; the seed never leaves this object. */
export class NodeSigner {
  private constructor(
    /** The node's public nkey (`U…`), sent as `Bl-Key`. */
    readonly publicKey: string,
    private readonly privateKey: KeyObject,
    /** The ids only this party can make (receipts, dead-letter records), keyed from its seed. */
    readonly ids: KeyedIds,
  ) {}

  /** A signer for a user seed (`SU…`); surrounding whitespace, such as a seed file's newline, is ignored. Throws KeyFormatError. */
  static fromSeed(seed: string): NodeSigner {
    const rawSeed = decodeUserSeed(seed.trim());
    const privateKey = privateKeyFromSeed(rawSeed);
    return new NodeSigner(
      encodeUserPublicKey(rawPublicKeyOf(privateKey)),
      privateKey,
      KeyedIds.fromRawSeed(rawSeed),
    );
  }

  /** The base64url (unpadded) Ed25519 signature of signingBytes(fields, body). Throws EnvelopeError for unsignable fields. */
  sign(fields: SignedFields, body: Uint8Array): string {
    return this.signData(signingBytes(fields, body));
  }

  /** The base64url (unpadded) Ed25519 signature of `data`, for statements with signed bytes of their own. */
  signData(data: Uint8Array): string {
    return Buffer.from(signEd25519(this.privateKey, data)).toString('base64url');
  }
}
