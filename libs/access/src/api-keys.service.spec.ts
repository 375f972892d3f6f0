import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ApiKeyRequestError, ApiKeysFileError } from './access.errors.js';
import { parseApiKey, verifyApiKeySecret } from './api-key-secret.js';
import { readApiKeysFile } from './api-keys-file.js';
import { apiKeysFile, createApiKey, listApiKeys, revokeApiKey } from './api-keys.service.js';

const NOW = new Date('2026-05-01T10:00:00Z');
const LATER = new Date('2026-08-01T10:00:00Z');

describe('API keys file', () => {
  let dir: string;
  let file: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bl-api-keys-'));
    file = apiKeysFile(dir, 'kz-border');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates a key whose secret is stored only as a scrypt hash, in a file only its owner reads', async () => {
    const { key, record } = await createApiKey(file, 'kz-border', {
      name: 'case-system',
      roles: ['author', 'reader'],
      clearance: 'amber',
      expiresAt: LATER,
      now: NOW,
    });
    const parts = parseApiKey(key)!;
    expect(parts.id).toBe(record.id);
    const text = await readFile(file, 'utf8');
    expect(text).not.toContain(parts.secret);
    expect(record.hash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await verifyApiKeySecret(parts.secret, record.hash)).toBe(true);
    // Another last character: 'A' unless the secret already ends in one (one key in 64 does).
    const other = parts.secret.endsWith('A') ? 'B' : 'A';
    expect(await verifyApiKeySecret(`${parts.secret.slice(0, -1)}${other}`, record.hash)).toBe(false);
  });

  it('lists keys without hashes, and a revoked one as revoked, kept for the record', async () => {
    const first = await createApiKey(file, 'kz-border', {
      name: 'a',
      roles: ['reader'],
      clearance: 'red',
      expiresAt: LATER,
      now: NOW,
    });
    await createApiKey(file, 'kz-border', {
      name: 'b',
      roles: ['monitor'],
      clearance: 'amber',
      expiresAt: LATER,
      now: NOW,
    });
    await revokeApiKey(file, 'kz-border', first.record.id, NOW);
    const listed = await listApiKeys(file, 'kz-border', NOW);
    expect(listed.map((key) => [key.name, key.state])).toEqual([
      ['a', 'revoked'],
      ['b', 'active'],
    ]);
    expect(listed[0]).not.toHaveProperty('hash');
    expect((await listApiKeys(file, 'kz-border', new Date('2026-09-01T00:00:00Z')))[1]!.state).toBe(
      'expired',
    );
  });

  it('refuses a key without roles or expiring before it is made, and revoking an unknown id', async () => {
    await expect(
      createApiKey(file, 'kz-border', {
        name: 'x',
        roles: [],
        clearance: 'amber',
        expiresAt: LATER,
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(ApiKeyRequestError);
    await expect(
      createApiKey(file, 'kz-border', {
        name: 'x',
        roles: ['reader'],
        clearance: 'amber',
        expiresAt: NOW,
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(ApiKeyRequestError);
    await expect(revokeApiKey(file, 'kz-border', '0123456789abcdef')).rejects.toBeInstanceOf(
      ApiKeyRequestError,
    );
  });

  it('refuses a file of another node, an unknown role and a file that is not JSON', async () => {
    await createApiKey(file, 'kz-border', {
      name: 'a',
      roles: ['reader'],
      clearance: 'amber',
      expiresAt: LATER,
      now: NOW,
    });
    await expect(readApiKeysFile(file, 'tj-border')).rejects.toBeInstanceOf(ApiKeysFileError);
    const stored = JSON.parse(await readFile(file, 'utf8'));
    stored.keys[0].roles = ['root'];
    writeFileSync(file, JSON.stringify(stored));
    await expect(readApiKeysFile(file, 'kz-border')).rejects.toThrow(/roles are not known roles/);
    writeFileSync(file, '{');
    await expect(readApiKeysFile(file, 'kz-border')).rejects.toBeInstanceOf(ApiKeysFileError);
  });

  it('reads a missing file as one without keys', async () => {
    expect(await readApiKeysFile(file, 'kz-border')).toEqual({ version: 1, node: 'kz-border', keys: [] });
  });

  it('recognises only well-formed keys', () => {
    expect(parseApiKey('blk_0123456789abcdef_' + 'a'.repeat(43))).toEqual({
      id: '0123456789abcdef',
      secret: 'a'.repeat(43),
    });
    expect(parseApiKey('blk_0123456789abcdef_short')).toBeUndefined();
    expect(parseApiKey('eyJhbGciOi.x.y')).toBeUndefined();
  });
});
