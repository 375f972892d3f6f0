import { join } from 'node:path';
import type { Clearance, Role } from './access-vocabulary.js';
import { ApiKeyRequestError } from './access.errors.js';
import { generateApiKey, hashApiKeySecret } from './api-key-secret.js';
import { readApiKeysFile, writeApiKeysFile, type ApiKeyRecord } from './api-keys-file.js';

/** The keys file of node `node` under a secrets folder: `<secretsDir>/<node>/api-keys.json`. */
export function apiKeysFile(secretsDir: string, node: string): string {
  return join(secretsDir, node, 'api-keys.json');
}

/** What a new API key may do, and until when. */
export interface ApiKeyRequest {
  name: string;
  roles: readonly Role[];
  clearance: Clearance;
  expiresAt: Date;
  /** The creation time (now when absent). */
  now?: Date;
}

/** A key as listed: its record without the hash, and whether it works at `now`. */
export type ApiKeyListing = Omit<ApiKeyRecord, 'hash'> & { state: 'active' | 'expired' | 'revoked' };

/**
 * Creates an API key for `node` in its keys file at `path` (created if missing). Returns the key,
 * which is never shown again, and its record. Every instance of the node reading the file takes the
 * key up within seconds.
 * @throws ApiKeyRequestError for an empty name or role list or an expiry not after now;
 *   ApiKeysFileError when the file is unreadable or belongs to another node.
 */
export async function createApiKey(
  path: string,
  node: string,
  request: ApiKeyRequest,
): Promise<{ key: string; record: ApiKeyRecord }> {
  const now = request.now ?? new Date();
  if (request.name.trim() === '') throw new ApiKeyRequestError('an API key needs a name');
  if (request.roles.length === 0) throw new ApiKeyRequestError('an API key needs at least one role');
  if (!(request.expiresAt.getTime() > now.getTime())) {
    throw new ApiKeyRequestError('an API key must expire after it is created');
  }
  const file = await readApiKeysFile(path, node);
  const { id, secret, key } = generateApiKey();
  const record: ApiKeyRecord = {
    id,
    name: request.name.trim(),
    roles: [...new Set(request.roles)],
    clearance: request.clearance,
    createdAt: now.toISOString(),
    expiresAt: request.expiresAt.toISOString(),
    hash: await hashApiKeySecret(secret),
  };
  await writeApiKeysFile(path, { ...file, keys: [...file.keys, record] });
  return { key, record };
}

/** Every key of the file at `path`, active or not, without hashes. */
export async function listApiKeys(path: string, node: string, now = new Date()): Promise<ApiKeyListing[]> {
  const file = await readApiKeysFile(path, node);
  return file.keys.map(({ hash: _hash, ...record }) => ({
    ...record,
    state:
      record.revokedAt !== undefined
        ? 'revoked'
        : Date.parse(record.expiresAt) <= now.getTime()
          ? 'expired'
          : 'active',
  }));
}

/**
 * Revokes key `id` from `now` on: the record stays, marked, and every instance of the node refuses
 * the key once it has read the file again (within seconds). Revoking a revoked key changes nothing.
 * @throws ApiKeyRequestError for an id the file does not hold.
 */
export async function revokeApiKey(
  path: string,
  node: string,
  id: string,
  now = new Date(),
): Promise<ApiKeyRecord> {
  const file = await readApiKeysFile(path, node);
  const record = file.keys.find((key) => key.id === id);
  if (record === undefined) throw new ApiKeyRequestError(`${path} holds no key ${id}`);
  if (record.revokedAt !== undefined) return record;
  const revoked = { ...record, revokedAt: now.toISOString() };
  await writeApiKeysFile(path, { ...file, keys: file.keys.map((key) => (key.id === id ? revoked : key)) });
  return revoked;
}
