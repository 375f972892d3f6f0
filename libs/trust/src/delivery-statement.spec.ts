import {
  formatStatementHeader,
  messageDigest,
  readStatementHeader,
  signStatement,
  statementBytes,
  statementRecipients,
  verifyStatement,
  type StatedMessage,
} from './delivery-statement.js';
import type { HubKeys } from './hub-keys.js';
import { NodeSigner, generateNodeKey } from './node-signer.js';
import { SignatureVerifier, type KeyValidity } from './signature-verifier.js';
import { EnvelopeError } from './trust.errors.js';
import {
  KAT_BODY,
  KAT_FIELDS,
  KAT_PUBLIC_KEY,
  KAT_SEED,
  KAT_STATEMENT,
  KAT_STATEMENT_HEADER,
  KAT_STATEMENT_SIGNATURE,
  KAT_STATEMENT_TEXT,
} from '../test/trust.fixtures.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const message: StatedMessage = {
  id: KAT_STATEMENT.id,
  origin: KAT_STATEMENT.origin,
  digest: KAT_STATEMENT.digest,
};
const ordinary = generateNodeKey();
const keys = new Map<string, readonly string[]>([
  ['hub', [KAT_PUBLIC_KEY]],
  ['kz-border', [ordinary.publicKey]],
]);

function hubs(validity?: KeyValidity): HubKeys {
  const signatures = new SignatureVerifier(
    (node) => keys.get(node) ?? [],
    () => validity,
  );
  return { signatures, isHub: (node) => node === 'hub' };
}

describe('delivery statements', () => {
  it('signs the known-answer statement to the documented bytes, signature and header', () => {
    expect(messageDigest(KAT_FIELDS, KAT_BODY)).toBe(KAT_STATEMENT.digest);
    expect(text(statementBytes(KAT_STATEMENT))).toBe(KAT_STATEMENT_TEXT);
    const signed = signStatement(NodeSigner.fromSeed(KAT_SEED), KAT_STATEMENT);
    expect(signed).toEqual({
      statement: KAT_STATEMENT,
      key: KAT_PUBLIC_KEY,
      signature: KAT_STATEMENT_SIGNATURE,
    });
    expect(formatStatementHeader(signed)).toBe(KAT_STATEMENT_HEADER);
  });

  it('reads a header back, completed by the copy it travels with, and verifies it', () => {
    const signed = readStatementHeader(KAT_STATEMENT_HEADER, message);
    expect(signed.statement).toEqual(KAT_STATEMENT);
    expect(verifyStatement(signed, hubs(), KAT_FIELDS.sent)).toEqual({
      ok: true,
      key: KAT_PUBLIC_KEY,
    });
  });

  it.each<[string, Partial<StatedMessage>]>([
    ['another message id', { id: '0190f3c2-7a4e-7b1d-9c3e-5a6b7c8d9e10' }],
    ['another origin', { origin: 'tj-border' }],
    ['another content', { digest: 'f'.repeat(64) }],
  ])('does not vouch for a copy of %s', (_, change) => {
    const signed = readStatementHeader(KAT_STATEMENT_HEADER, { ...message, ...change });
    expect(verifyStatement(signed, hubs(), KAT_FIELDS.sent)).toEqual({
      ok: false,
      reason: 'signature-invalid',
    });
  });

  it('does not vouch once a recipient is added to the header', () => {
    const widened = KAT_STATEMENT_HEADER.replace(
      'to=tj-border,uz-customs',
      'to=kz-border,tj-border,uz-customs',
    );
    const signed = readStatementHeader(widened, message);
    expect(verifyStatement(signed, hubs(), KAT_FIELDS.sent).ok).toBe(false);
  });

  it('refuses a statement signed by a node that is not a hub, even with its own valid key', () => {
    const forged = signStatement(NodeSigner.fromSeed(ordinary.seed), { ...KAT_STATEMENT, hub: 'kz-border' });
    expect(verifyStatement(forged, hubs(), KAT_FIELDS.sent)).toEqual({
      ok: false,
      reason: 'not-hub',
    });
  });

  it('refuses a statement made after its key was revoked, and one backdated before the message was sent', () => {
    const signed = readStatementHeader(KAT_STATEMENT_HEADER, message);
    const revoked = hubs({ revokedAt: '2025-03-14T06:30:01.000Z' });
    expect(verifyStatement(signed, revoked, KAT_FIELDS.sent)).toEqual({
      ok: false,
      reason: 'key-revoked',
    });
    const backdated = signStatement(NodeSigner.fromSeed(KAT_SEED), {
      ...KAT_STATEMENT,
      at: '2025-03-14T06:24:59.999Z',
    });
    expect(verifyStatement(backdated, hubs(), KAT_FIELDS.sent)).toEqual({
      ok: false,
      reason: 'backdated',
    });
    // Within the allowance for a sender's clock running ahead of the hub's.
    const early = signStatement(NodeSigner.fromSeed(KAT_SEED), {
      ...KAT_STATEMENT,
      at: '2025-03-14T06:25:00.000Z',
    });
    expect(verifyStatement(early, hubs(), KAT_FIELDS.sent).ok).toBe(true);
  });

  it('puts recipients in statement order, each once', () => {
    expect(statementRecipients(['uz-customs', 'tj-border', 'uz-customs'])).toEqual([
      'tj-border',
      'uz-customs',
    ]);
  });

  it.each([
    ['another version', KAT_STATEMENT_HEADER.replace('v1;', 'v2;')],
    [
      'recipients out of order',
      KAT_STATEMENT_HEADER.replace('to=tj-border,uz-customs', 'to=uz-customs,tj-border'),
    ],
    ['a recipient twice', KAT_STATEMENT_HEADER.replace('to=tj-border,uz-customs', 'to=tj-border,tj-border')],
    ['no recipient', KAT_STATEMENT_HEADER.replace('to=tj-border,uz-customs', 'to=')],
    ['an uppercase hash', KAT_STATEMENT_HEADER.replace('audit=42:197d', 'audit=42:197D')],
    ['position 0', KAT_STATEMENT_HEADER.replace('audit=42:', 'audit=0:')],
    ['a leading zero', KAT_STATEMENT_HEADER.replace('audit=42:', 'audit=042:')],
    ['a time that is not canonical', KAT_STATEMENT_HEADER.replace('06:30:01.250Z', '06:30:01.25Z')],
    ['a seed instead of a key', KAT_STATEMENT_HEADER.replace(KAT_PUBLIC_KEY, KAT_SEED.slice(0, 56))],
    ['a field more', `${KAT_STATEMENT_HEADER};x=1`],
  ])('refuses a header with %s as malformed', (_, header) => {
    const read = () => readStatementHeader(header, message);
    expect(read).toThrow(EnvelopeError);
    expect(read).toThrow(expect.objectContaining({ header: 'Bl-Statement' }));
  });
});
