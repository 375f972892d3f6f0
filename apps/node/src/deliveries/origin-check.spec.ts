import { RegistryIndex } from '#registry';
import { NodeSigner, SignatureVerifier, type SignedFields } from '#trust';
import { fixtureKeys, fixtureRegistry } from '../../test/node.fixtures.js';
import { checkOrigin, type OriginCheck, type OriginClaim } from './origin-check.js';

const keys = fixtureKeys();
const registry = new RegistryIndex(fixtureRegistry(keys));
const verifier = new SignatureVerifier((node) => registry.publicKeys(node));
const body = new Uint8Array([1, 2, 3]);

/** A claim signed by `signer`, with what the delivery carried besides: its body, signature and key. */
interface SignedClaim extends OriginClaim {
  body: Uint8Array;
  signature: string;
  keyHint: string;
}

function claim(kind: OriginClaim['kind'], signer: string, fields: Partial<SignedFields> = {}): SignedClaim {
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

// As the node checks a delivery: the signature verified off its thread, then judged with the claims.
async function check(signed: SignedClaim): Promise<OriginCheck> {
  const { fields, body: carried, signature, keyHint } = signed;
  return checkOrigin(signed, await verifier.verifyOffThread(fields, carried, signature, keyHint), registry);
}

describe('checking the origin of a delivery', () => {
  it("accepts a message signed by its sender's registered key", async () => {
    expect(await check(claim('alert', 'tj-border'))).toEqual({ verified: true });
  });

  it('refuses a body changed after signing', async () => {
    const tampered = { ...claim('alert', 'tj-border'), body: new Uint8Array([1, 2, 4]) };
    expect(await check(tampered)).toEqual({ verified: false, reason: 'signature-invalid' });
  });

  it('refuses a message whose signed headers claim another sender', async () => {
    const forged = {
      ...claim('alert', 'tj-border'),
      fields: { ...claim('alert', 'tj-border').fields, sender: 'unodc' },
    };
    expect((await check(forged)).verified).toBe(false);
  });

  it('refuses a body whose id or sender disagrees with the signed headers', async () => {
    const base = claim('alert', 'tj-border');
    expect(await check({ ...base, message: { id: 'other', sender: 'tj-border' } })).toEqual({
      verified: false,
      reason: 'id-mismatch',
    });
    expect(await check({ ...base, message: { id: 'm1', sender: 'unodc' } })).toEqual({
      verified: false,
      reason: 'sender-mismatch',
    });
  });

  it('accepts routing reports and rejections only from a hub identity', async () => {
    expect(await check(claim('routing', 'hub'))).toEqual({ verified: true });
    expect(await check(claim('rejection', 'tj-border'))).toEqual({ verified: false, reason: 'not-hub' });
  });
});
