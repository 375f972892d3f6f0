import { createAccount, fromPublic, fromSeed } from '@nats-io/nkeys';
import { KeyFormatError } from './trust.errors.js';
import { generateNodeKey, NodeSigner } from './node-signer.js';
import { signingBytes } from './signing-bytes.js';
import { KAT_BODY, KAT_FIELDS, KAT_PUBLIC_KEY, KAT_SEED, KAT_SIGNATURE } from '../test/trust.fixtures.js';

const ascii = (text: string) => new TextEncoder().encode(text);

describe('NodeSigner', () => {
  it('derives the known public key from the known seed', () => {
    expect(NodeSigner.fromSeed(KAT_SEED).publicKey).toBe(KAT_PUBLIC_KEY);
  });

  it('produces the known signature for the known fields and body', () => {
    expect(NodeSigner.fromSeed(KAT_SEED).sign(KAT_FIELDS, KAT_BODY)).toBe(KAT_SIGNATURE);
  });

  it('signs so that the nkeys library itself verifies the signature', () => {
    const { seed, publicKey } = generateNodeKey();
    const signature = NodeSigner.fromSeed(seed).sign(KAT_FIELDS, KAT_BODY);
    const verified = fromPublic(publicKey).verify(
      signingBytes(KAT_FIELDS, KAT_BODY),
      Buffer.from(signature, 'base64url'),
    );
    expect(verified).toBe(true);
  });

  it('ignores the whitespace around a seed read from a file', () => {
    expect(NodeSigner.fromSeed(`  ${KAT_SEED}\n`).publicKey).toBe(KAT_PUBLIC_KEY);
  });

  it.each([
    ['garbage', 'not-a-seed'],
    ['an empty string', ''],
    ['a public key', KAT_PUBLIC_KEY],
    ['an account seed', new TextDecoder().decode(createAccount().getSeed())],
    ['a seed with a broken checksum', KAT_SEED.slice(0, -1) + 'A'],
  ])('refuses %s with a KeyFormatError', (_what, seed) => {
    expect(() => NodeSigner.fromSeed(seed)).toThrow(KeyFormatError);
  });
});

describe('generateNodeKey', () => {
  it('returns a user seed and its matching user public key', () => {
    const { seed, publicKey } = generateNodeKey();
    expect(seed).toMatch(/^SU[A-Z2-7]{56}$/);
    expect(publicKey).toMatch(/^U[A-Z2-7]{55}$/);
    expect(fromSeed(ascii(seed)).getPublicKey()).toBe(publicKey);
    expect(NodeSigner.fromSeed(seed).publicKey).toBe(publicKey);
  });

  it('returns a different key every time', () => {
    expect(generateNodeKey().seed).not.toBe(generateNodeKey().seed);
  });
});
