import { Prefix } from '@nats-io/nkeys';
// The codec is not re-exported by the package entry point; it is the library's own base32 + CRC16 framing.
import { Codec } from '@nats-io/nkeys/lib/codec.js';
import { KeyFormatError } from './trust.errors.js';

const ascii = new TextEncoder();
const text = new TextDecoder();

/** The raw 32-byte Ed25519 seed inside a user seed (`SU…`). */
export function decodeUserSeed(seed: string): Uint8Array {
  let decoded: { prefix: Prefix; buf: Uint8Array };
  try {
    decoded = Codec.decodeSeed(ascii.encode(seed));
  } catch (error) {
    throw new KeyFormatError('not an nkey seed', { cause: error });
  }
  if (decoded.prefix !== Prefix.User) throw new KeyFormatError('not a user seed (expected SU…)');
  if (decoded.buf.length !== 32) throw new KeyFormatError('seed is not 32 bytes');
  return decoded.buf;
}

/** The raw 32-byte Ed25519 public key inside a user public key (`U…`). */
export function decodeUserPublicKey(publicKey: string): Uint8Array {
  let raw: Uint8Array;
  try {
    raw = Codec.decode(Prefix.User, ascii.encode(publicKey));
  } catch (error) {
    throw new KeyFormatError('not an nkey user public key (expected U…)', { cause: error });
  }
  if (raw.length !== 32) throw new KeyFormatError('public key is not 32 bytes');
  return raw;
}

/** The user seed text (`SU…`) of a raw 32-byte seed. */
export function encodeUserSeed(rawSeed: Uint8Array): string {
  return text.decode(Codec.encodeSeed(Prefix.User, rawSeed));
}

/** The user public key text (`U…`) of a raw 32-byte public key. */
export function encodeUserPublicKey(rawPublicKey: Uint8Array): string {
  return text.decode(Codec.encode(Prefix.User, rawPublicKey));
}

/** True when the text is a well-formed nkey user public key (prefix `U`, checksum valid). */
export function isUserPublicKey(publicKey: string): boolean {
  try {
    decodeUserPublicKey(publicKey);
    return true;
  } catch (error) {
    if (error instanceof KeyFormatError) return false;
    throw error;
  }
}
