import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { decodeUserPublicKey } from './nkey-codec.js';

// node:crypto takes Ed25519 keys as DER; a raw key is the fixed RFC 8410 header followed by its 32 bytes.
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** The private KeyObject of a raw 32-byte Ed25519 seed. */
export function privateKeyFromSeed(rawSeed: Uint8Array): KeyObject {
  return createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, rawSeed]), format: 'der', type: 'pkcs8' });
}

/** The raw 32-byte public key that belongs to a private KeyObject. */
export function rawPublicKeyOf(privateKey: KeyObject): Uint8Array {
  const spki = createPublicKey(privateKey).export({ format: 'der', type: 'spki' });
  return new Uint8Array(spki.subarray(SPKI_PREFIX.length));
}

// Registered keys are few and verified on every message: build each KeyObject once.
const publicKeys = new Map<string, KeyObject>();

/** The public KeyObject of a user public key (`U…`), cached per key; throws KeyFormatError. */
export function publicKeyObject(publicKey: string): KeyObject {
  let key = publicKeys.get(publicKey);
  if (!key) {
    const raw = decodeUserPublicKey(publicKey);
    key = createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
    publicKeys.set(publicKey, key);
  }
  return key;
}

/** Ed25519 signature (64 bytes) of the data. */
export function signEd25519(privateKey: KeyObject, data: Uint8Array): Uint8Array {
  return sign(null, data, privateKey);
}

/** True when the 64-byte signature is valid for the data under the key. */
export function verifyEd25519(publicKey: KeyObject, data: Uint8Array, signature: Uint8Array): boolean {
  return verify(null, data, publicKey, signature);
}

/**
 * As verifyEd25519, on libuv's thread pool: the calling thread goes on meanwhile, and several at once
 * use the machine's other cores, at about a tenth more CPU in all (decision 46).
 */
export function verifyEd25519OffThread(
  publicKey: KeyObject,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<boolean> {
  return new Promise((resolve, reject) =>
    verify(null, data, publicKey, signature, (error, valid) => (error ? reject(error) : resolve(valid))),
  );
}
