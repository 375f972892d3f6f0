import { readSignedFields, sealHeaders } from './envelope.js';
import { EnvelopeError } from './trust.errors.js';
import { NodeSigner } from './node-signer.js';
import type { SignedFields } from './signed-fields.js';
import { KAT_BODY, KAT_FIELDS, KAT_PUBLIC_KEY, KAT_SEED, KAT_SIGNATURE } from '../test/trust.fixtures.js';

const signer = NodeSigner.fromSeed(KAT_SEED);
const lookup = (headers: Record<string, string>) => (name: string) => headers[name];

function headerError(attempt: () => unknown): EnvelopeError {
  try {
    attempt();
  } catch (error) {
    if (error instanceof EnvelopeError) return error;
    throw error;
  }
  throw new Error('expected an EnvelopeError');
}

describe('sealHeaders', () => {
  it('writes the six signed fields, the key and the signature', () => {
    expect(sealHeaders(signer, KAT_FIELDS, KAT_BODY)).toEqual({
      'Bl-Id': KAT_FIELDS.id,
      'Bl-Type': 'alert',
      'Bl-Sender': 'kz-border',
      'Bl-Sent': '2025-03-14T06:30:00.000Z',
      'Bl-Handling': 'TLP:AMBER;H2;PAP:GREEN',
      'Bl-Correlation': '',
      'Bl-Key': KAT_PUBLIC_KEY,
      'Bl-Signature': KAT_SIGNATURE,
    });
  });

  it('refuses to sign a malformed field', () => {
    const error = headerError(() =>
      sealHeaders(signer, { ...KAT_FIELDS, sent: '2025-03-14T06:30:00Z' }, KAT_BODY),
    );
    expect(error.header).toBe('Bl-Sent');
  });
});

describe('readSignedFields', () => {
  const headers = sealHeaders(signer, KAT_FIELDS, KAT_BODY);

  it('reads back what sealHeaders wrote', () => {
    expect(readSignedFields(lookup(headers))).toEqual(KAT_FIELDS);
  });

  it('reads absent handling and correlation as empty', () => {
    const rest = Object.fromEntries(
      Object.entries(headers).filter(([name]) => name !== 'Bl-Handling' && name !== 'Bl-Correlation'),
    );
    expect(readSignedFields(lookup(rest))).toEqual({ ...KAT_FIELDS, handling: '', correlation: '' });
  });

  it.each(['Bl-Id', 'Bl-Type', 'Bl-Sender', 'Bl-Sent'])('names a missing %s', (name) => {
    const error = headerError(() =>
      readSignedFields((header) => (header === name ? undefined : headers[header])),
    );
    expect(error).toMatchObject({ name: 'EnvelopeError', header: name });
    expect(error.message).toContain('missing');
  });

  it.each<[keyof SignedFields, string, string]>([
    ['id', 'Bl-Id', ''],
    ['id', 'Bl-Id', 'alert:1'],
    ['id', 'Bl-Id', 'x'.repeat(129)],
    ['type', 'Bl-Type', 'telegram'],
    ['sender', 'Bl-Sender', 'KZ-Border'],
    ['sender', 'Bl-Sender', 'kz.border'],
    ['sent', 'Bl-Sent', '2025-03-14T06:30:00Z'],
    ['sent', 'Bl-Sent', '2025-03-14T11:30:00.000+05:00'],
    ['sent', 'Bl-Sent', 'yesterday'],
    ['handling', 'Bl-Handling', 'TLP:PURPLE'],
    ['correlation', 'Bl-Correlation', 'thread 7'],
  ])('refuses a malformed %s (%s = %j)', (_field, name, value) => {
    const error = headerError(() => readSignedFields(lookup({ ...headers, [name]: value })));
    expect(error).toMatchObject({ name: 'EnvelopeError', header: name });
  });
});
