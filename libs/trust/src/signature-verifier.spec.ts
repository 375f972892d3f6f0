import fc from 'fast-check';
import { generateNodeKey, NodeSigner } from './node-signer.js';
import { SignatureVerifier } from './signature-verifier.js';
import type { SignedFields } from './signed-fields.js';
import { KAT_BODY, KAT_FIELDS, KAT_PUBLIC_KEY, KAT_SIGNATURE } from '../test/trust.fixtures.js';

const rotatedKey = generateNodeKey();
const strangerKey = generateNodeKey();
// A Map, as in RegistryIndex: generated sender names such as `__proto__` must not hit Object.prototype.
const registry = new Map<string, readonly string[]>([
  ['kz-border', [KAT_PUBLIC_KEY, rotatedKey.publicKey]],
  ['tj-border', [strangerKey.publicKey]],
  ['uz-customs', []],
]);
const verifier = new SignatureVerifier((node) => registry.get(node) ?? []);

describe('SignatureVerifier', () => {
  it('accepts the genuine signature and names the key that verified it', () => {
    expect(verifier.verify(KAT_FIELDS, KAT_BODY, KAT_SIGNATURE, KAT_PUBLIC_KEY)).toEqual({
      ok: true,
      key: KAT_PUBLIC_KEY,
    });
  });

  it('finds the signing key among the registered ones without a hint', () => {
    const signature = NodeSigner.fromSeed(rotatedKey.seed).sign(KAT_FIELDS, KAT_BODY);
    expect(verifier.verify(KAT_FIELDS, KAT_BODY, signature)).toEqual({ ok: true, key: rotatedKey.publicKey });
  });

  it('still finds the key when the hint names another registered key', () => {
    const signature = NodeSigner.fromSeed(rotatedKey.seed).sign(KAT_FIELDS, KAT_BODY);
    expect(verifier.verify(KAT_FIELDS, KAT_BODY, signature, KAT_PUBLIC_KEY)).toEqual({
      ok: true,
      key: rotatedKey.publicKey,
    });
  });

  it.each<[keyof SignedFields, string]>([
    ['id', '0190f3c2-7a4e-7b1d-9c3e-5a6b7c8d9e10'],
    ['type', 'notice'],
    ['sender', 'tj-border'],
    ['sent', '2025-03-14T06:30:00.001Z'],
    ['handling', 'TLP:GREEN;H2;PAP:GREEN'],
    ['correlation', '0190f3c2-7a4e-7b1d-9c3e-5a6b7c8d9e0f'],
  ])('refuses the signature once the %s is changed', (field, value) => {
    const tampered = { ...KAT_FIELDS, [field]: value };
    const result = verifier.verify(tampered, KAT_BODY, KAT_SIGNATURE, KAT_PUBLIC_KEY);
    expect(result.ok).toBe(false);
  });

  it('refuses the signature once one body byte is changed', () => {
    for (let index = 0; index < KAT_BODY.length; index++) {
      const body = Uint8Array.from(KAT_BODY);
      body[index] = body[index]! ^ 0x01;
      expect(verifier.verify(KAT_FIELDS, body, KAT_SIGNATURE, KAT_PUBLIC_KEY)).toEqual({
        ok: false,
        reason: 'signature-invalid',
      });
    }
  });

  it('refuses a signature made with a key not registered for the sender', () => {
    const forged = NodeSigner.fromSeed(strangerKey.seed).sign(KAT_FIELDS, KAT_BODY);
    expect(verifier.verify(KAT_FIELDS, KAT_BODY, forged, strangerKey.publicKey)).toEqual({
      ok: false,
      reason: 'unknown-key',
    });
    expect(verifier.verify(KAT_FIELDS, KAT_BODY, forged)).toEqual({ ok: false, reason: 'signature-invalid' });
  });

  it('refuses an unknown sender and a sender without keys', () => {
    for (const sender of ['nobody', 'uz-customs']) {
      expect(verifier.verify({ ...KAT_FIELDS, sender }, KAT_BODY, KAT_SIGNATURE)).toEqual({
        ok: false,
        reason: 'unknown-sender',
      });
    }
  });

  it('refuses a missing signature', () => {
    expect(verifier.verify(KAT_FIELDS, KAT_BODY, undefined)).toEqual({
      ok: false,
      reason: 'signature-missing',
    });
    expect(verifier.verify(KAT_FIELDS, KAT_BODY, '')).toEqual({ ok: false, reason: 'signature-missing' });
  });

  it('refuses padded, standard-alphabet and non-canonical encodings of the genuine signature', () => {
    const bytes = Buffer.from(KAT_SIGNATURE, 'base64url');
    const lastIndex = KAT_SIGNATURE.length - 1;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // Same top two bits in the last character, different unused low bits: decodes to the same bytes.
    const sibling = alphabet[alphabet.indexOf(KAT_SIGNATURE[lastIndex]!) ^ 0x01]!;
    expect(Buffer.from(KAT_SIGNATURE.slice(0, lastIndex) + sibling, 'base64url')).toEqual(bytes);
    for (const variant of [
      `${KAT_SIGNATURE}==`,
      bytes.toString('base64'),
      KAT_SIGNATURE.slice(0, lastIndex) + sibling,
      ` ${KAT_SIGNATURE}`,
    ]) {
      expect(verifier.verify(KAT_FIELDS, KAT_BODY, variant)).toEqual({
        ok: false,
        reason: 'signature-invalid',
      });
    }
  });

  it('skips a malformed registered key instead of failing', () => {
    const lenient = new SignatureVerifier(() => ['not-a-key', KAT_PUBLIC_KEY]);
    expect(lenient.verify(KAT_FIELDS, KAT_BODY, KAT_SIGNATURE)).toEqual({ ok: true, key: KAT_PUBLIC_KEY });
  });
});

describe('SignatureVerifier key windows', () => {
  const sent = Date.parse(KAT_FIELDS.sent);
  const at = (offsetMs: number) => new Date(sent + offsetMs).toISOString();
  const withWindow = (window: { from?: string; revokedAt?: string }) =>
    new SignatureVerifier(
      (node) => registry.get(node) ?? [],
      (node, key) => (node === 'kz-border' && key === KAT_PUBLIC_KEY ? window : undefined),
    );

  it('verifies a message sent before its key was revoked', () => {
    expect(withWindow({ revokedAt: at(1) }).verify(KAT_FIELDS, KAT_BODY, KAT_SIGNATURE)).toEqual({
      ok: true,
      key: KAT_PUBLIC_KEY,
    });
  });

  it('refuses a message sent at or after its key was revoked', () => {
    for (const revokedAt of [at(0), at(-1), at(-86_400_000)]) {
      expect(withWindow({ revokedAt }).verify(KAT_FIELDS, KAT_BODY, KAT_SIGNATURE)).toEqual({
        ok: false,
        reason: 'key-revoked',
      });
    }
  });

  it('refuses a message sent before its key became valid, and accepts one sent from then on', () => {
    expect(withWindow({ from: at(1) }).verify(KAT_FIELDS, KAT_BODY, KAT_SIGNATURE)).toEqual({
      ok: false,
      reason: 'key-not-yet-valid',
    });
    expect(withWindow({ from: at(0), revokedAt: at(1) }).verify(KAT_FIELDS, KAT_BODY, KAT_SIGNATURE).ok).toBe(
      true,
    );
  });

  it('leaves a forged signature refused whatever the window', () => {
    const forged = NodeSigner.fromSeed(strangerKey.seed).sign(KAT_FIELDS, KAT_BODY);
    expect(withWindow({ revokedAt: at(1) }).verify(KAT_FIELDS, KAT_BODY, forged)).toEqual({
      ok: false,
      reason: 'signature-invalid',
    });
  });

  it('accepts exactly the sent times inside the window', () => {
    fc.assert(
      fc.property(
        fc.option(fc.integer({ min: -1e10, max: 1e10 }), { nil: undefined }),
        fc.option(fc.integer({ min: -1e10, max: 1e10 }), { nil: undefined }),
        (fromOffset, revokedOffset) => {
          const window = {
            ...(fromOffset === undefined ? {} : { from: at(fromOffset) }),
            ...(revokedOffset === undefined ? {} : { revokedAt: at(revokedOffset) }),
          };
          const inside =
            (fromOffset === undefined || fromOffset <= 0) &&
            (revokedOffset === undefined || revokedOffset > 0);
          expect(withWindow(window).verify(KAT_FIELDS, KAT_BODY, KAT_SIGNATURE).ok).toBe(inside);
        },
      ),
      { numRuns: 1_000 },
    );
  });
});

describe('SignatureVerifier properties', () => {
  const anyText = fc.oneof(
    fc.string({ unit: 'binary' }),
    fc.string({ unit: fc.constantFrom('\n', '\r', '\uD800', '\uDC00', 'a', '-', ':', 'Z') }),
  );
  // Each field either keeps its signed value or takes an arbitrary one, so both outcomes occur often.
  const keptOrAny = (value: string) => fc.oneof(fc.constant(value), anyText);
  const anyFields = fc.record<SignedFields>({
    id: keptOrAny(KAT_FIELDS.id),
    type: keptOrAny(KAT_FIELDS.type),
    sender: keptOrAny(KAT_FIELDS.sender),
    sent: keptOrAny(KAT_FIELDS.sent),
    handling: keptOrAny(KAT_FIELDS.handling),
    correlation: keptOrAny(KAT_FIELDS.correlation),
  });
  const anyHint = fc.option(
    fc.oneof(fc.constant(KAT_PUBLIC_KEY), fc.constant(strangerKey.publicKey), anyText),
    {
      nil: undefined,
    },
  );
  const genuine = new Set([KAT_SIGNATURE]);

  it('never throws and never accepts an arbitrary signature string', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.base64String(), fc.stringMatching(/^[A-Za-z0-9_-]{86}$/)),
        anyHint,
        (sig, hint) => {
          fc.pre(!genuine.has(sig));
          expect(verifier.verify(KAT_FIELDS, KAT_BODY, sig, hint).ok).toBe(false);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('refuses every single-character change of the genuine signature', () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_=+/ ';
    fc.assert(
      fc.property(fc.nat(KAT_SIGNATURE.length - 1), fc.constantFrom(...alphabet), (index, char) => {
        const changed = KAT_SIGNATURE.slice(0, index) + char + KAT_SIGNATURE.slice(index + 1);
        fc.pre(changed !== KAT_SIGNATURE);
        expect(verifier.verify(KAT_FIELDS, KAT_BODY, changed, KAT_PUBLIC_KEY).ok).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts the genuine signature only with the exact fields it signed', () => {
    fc.assert(
      fc.property(anyFields, anyHint, (fields, hint) => {
        const same = (Object.keys(KAT_FIELDS) as (keyof SignedFields)[]).every(
          (k) => fields[k] === KAT_FIELDS[k],
        );
        expect(verifier.verify(fields, KAT_BODY, KAT_SIGNATURE, hint).ok).toBe(same);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts the genuine signature only with the exact body it signed', () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 64 }), fc.constant(KAT_BODY)), (body) => {
        const same = Buffer.from(body).equals(Buffer.from(KAT_BODY));
        expect(verifier.verify(KAT_FIELDS, body, KAT_SIGNATURE).ok).toBe(same);
      }),
      { numRuns: 1500 },
    );
  });

  it('reaches the same verdict off its thread as on it, for messages and for bare data', async () => {
    const rotated = NodeSigner.fromSeed(rotatedKey.seed);
    const signatures = fc.oneof(
      fc.constant(KAT_SIGNATURE),
      fc.constant(rotated.sign(KAT_FIELDS, KAT_BODY)),
      fc.constant(''),
      fc.stringMatching(/^[A-Za-z0-9_-]{86}$/),
    );
    await fc.assert(
      fc.asyncProperty(anyFields, signatures, anyHint, async (fields, sig, hint) => {
        expect(await verifier.verifyOffThread(fields, KAT_BODY, sig, hint)).toEqual(
          verifier.verify(fields, KAT_BODY, sig, hint),
        );
        const data = Buffer.from(fields.id);
        expect(await verifier.verifyDataOffThread(fields.sender, fields.sent, data, sig, hint)).toEqual(
          verifier.verifyData(fields.sender, fields.sent, data, sig, hint),
        );
      }),
      { numRuns: 500 },
    );
  });
});
