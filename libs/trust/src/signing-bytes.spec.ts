import { EnvelopeError } from './trust.errors.js';
import { signingBytes } from './signing-bytes.js';
import { KAT_BODY, KAT_FIELDS, KAT_SIGNING_TEXT } from '../test/trust.fixtures.js';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

describe('signingBytes', () => {
  it('is the UTF-8 of the version line, the six fields and the body hash joined by LF', () => {
    expect(text(signingBytes(KAT_FIELDS, KAT_BODY))).toBe(KAT_SIGNING_TEXT);
  });

  it('encodes non-ASCII values as UTF-8', () => {
    const bytes = signingBytes({ ...KAT_FIELDS, correlation: 'операция-ё' }, KAT_BODY);
    expect(text(bytes).split('\n')[6]).toBe('операция-ё');
  });

  it('hashes an empty body as the SHA-256 of no bytes', () => {
    const lines = text(signingBytes(KAT_FIELDS, new Uint8Array())).split('\n');
    expect(lines[7]).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it.each([
    ['id', 'Bl-Id', 'a\nb'],
    ['type', 'Bl-Type', 'alert\r'],
    ['sender', 'Bl-Sender', '\nkz-border'],
    ['sent', 'Bl-Sent', '2025\r\n'],
    ['handling', 'Bl-Handling', 'TLP:RED\n'],
    ['correlation', 'Bl-Correlation', 'x\uD800y'],
  ])('refuses a %s with a line break or an unpaired surrogate, naming %s', (field, header, value) => {
    const attempt = () => signingBytes({ ...KAT_FIELDS, [field]: value }, KAT_BODY);
    expect(attempt).toThrow(EnvelopeError);
    expect(attempt).toThrow(expect.objectContaining({ name: 'EnvelopeError', header }));
  });

  it('accepts a correctly paired surrogate (a character outside the BMP)', () => {
    expect(() => signingBytes({ ...KAT_FIELDS, correlation: 'op-😀' }, KAT_BODY)).not.toThrow();
  });
});
