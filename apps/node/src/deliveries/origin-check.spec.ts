import { RegistryIndex } from '#registry';
import { NodeSigner, SignatureVerifier, type SignedFields } from '#trust';
import { fixtureKeys, fixtureRegistry } from '../../test/node.fixtures.js';
import { checkOrigin, type OriginClaim } from './origin-check.js';

const keys = fixtureKeys();
const registry = new RegistryIndex(fixtureRegistry(keys));
const verifier = new SignatureVerifier((node) => registry.publicKeys(node));
const body = new Uint8Array([1, 2, 3]);

function claim(kind: OriginClaim['kind'], signer: string, fields: Partial<SignedFields> = {}): OriginClaim {
  const signed: SignedFields = {
    id: 'm1',
    type: kind,
    sender: signer,
    sent: '2025-03-14T08:30:00.000Z',
    handling: '',
    correlation: '',
    ...fields,
  };
  const key = keys[signer as keyof typeof keys];
  return {
    kind,
    fields: signed,
    body,
    signature: NodeSigner.fromSeed(key.seed).sign(signed, body),
    keyHint: key.publicKey,
    message: { id: signed.id, sender: signed.sender },
  };
}

describe('checking the origin of a delivery', () => {
  it("accepts a message signed by its sender's registered key", () => {
    expect(checkOrigin(claim('alert', 'tj-border'), verifier, registry)).toEqual({ verified: true });
  });

  it('refuses a body changed after signing', () => {
    const tampered = { ...claim('alert', 'tj-border'), body: new Uint8Array([1, 2, 4]) };
    expect(checkOrigin(tampered, verifier, registry)).toEqual({
      verified: false,
      reason: 'signature-invalid',
    });
  });

  it('refuses a message whose signed headers claim another sender', () => {
    const forged = {
      ...claim('alert', 'tj-border'),
      fields: { ...claim('alert', 'tj-border').fields, sender: 'unodc' },
    };
    expect(checkOrigin(forged, verifier, registry).verified).toBe(false);
  });

  it('refuses a body whose id or sender disagrees with the signed headers', () => {
    const base = claim('alert', 'tj-border');
    expect(
      checkOrigin({ ...base, message: { id: 'other', sender: 'tj-border' } }, verifier, registry),
    ).toEqual({
      verified: false,
      reason: 'id-mismatch',
    });
    expect(checkOrigin({ ...base, message: { id: 'm1', sender: 'unodc' } }, verifier, registry)).toEqual({
      verified: false,
      reason: 'sender-mismatch',
    });
  });

  it('accepts routing reports and rejections only from a hub identity', () => {
    expect(checkOrigin(claim('routing', 'hub'), verifier, registry)).toEqual({ verified: true });
    expect(checkOrigin(claim('rejection', 'tj-border'), verifier, registry)).toEqual({
      verified: false,
      reason: 'not-hub',
    });
  });
});
