import { readFile } from 'node:fs/promises';
import { writeAtomically } from '#runtime';
import { isClearance, isRole, type Clearance, type Role } from './access-vocabulary.js';
import { ApiKeysFileError } from './access.errors.js';
import { isApiKeyHash } from './api-key-secret.js';

/** One API key as its node's keys file keeps it: who it is, what it may do, until when, and its hash. */
export interface ApiKeyRecord {
  /** The public part of the key (`blk_<id>_…`), also how it is named when listed or revoked. */
  id: string;
  /** What the key is for, e.g. `case-system`; shown in listings and logs. */
  name: string;
  roles: Role[];
  clearance: Clearance;
  createdAt: string;
  expiresAt: string;
  /** Set by a revocation; a revoked key is refused and kept for the record. */
  revokedAt?: string;
  /** `scrypt$…` of the key's secret; the secret itself is never stored. */
  hash: string;
}

/** A node's keys file: `{"version": 1, "node": "<id>", "keys": [...]}`. */
export interface ApiKeysFile {
  version: 1;
  /** The node the keys open; a node refuses a file made for another. */
  node: string;
  keys: ApiKeyRecord[];
}

const isTime = (value: unknown): value is string =>
  typeof value === 'string' && !Number.isNaN(Date.parse(value));

function recordProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'is not an object';
  const r = value as Record<string, unknown>;
  if (typeof r.id !== 'string' || !/^[0-9a-f]{16}$/.test(r.id)) return 'id is not 16 hex digits';
  if (typeof r.name !== 'string' || r.name === '') return 'name is missing';
  if (!Array.isArray(r.roles) || r.roles.length === 0 || !r.roles.every(isRole))
    return 'roles are not known roles';
  if (!isClearance(r.clearance)) return 'clearance is not a known clearance';
  if (!isTime(r.createdAt) || !isTime(r.expiresAt)) return 'createdAt or expiresAt is not a time';
  if (r.revokedAt !== undefined && !isTime(r.revokedAt)) return 'revokedAt is not a time';
  if (typeof r.hash !== 'string' || !isApiKeyHash(r.hash)) return 'hash is not a scrypt hash';
  return undefined;
}

/**
 * The keys file in `text`, checked in full.
 * @throws ApiKeysFileError naming the first problem (never a hash).
 */
export function parseApiKeysFile(text: string, path: string): ApiKeysFile {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ApiKeysFileError(`${path} is not JSON`, { cause: error });
  }
  const file = data as Partial<ApiKeysFile> | null;
  if (file?.version !== 1 || typeof file.node !== 'string' || !Array.isArray(file.keys)) {
    throw new ApiKeysFileError(`${path} is not a version 1 keys file with a node and keys`);
  }
  const ids = new Set<string>();
  for (const [index, record] of file.keys.entries()) {
    const problem = recordProblem(record);
    if (problem !== undefined) throw new ApiKeysFileError(`${path}: keys[${index}] ${problem}`);
    if (ids.has(record.id)) throw new ApiKeysFileError(`${path}: key ${record.id} appears twice`);
    ids.add(record.id);
  }
  return file as ApiKeysFile;
}

/**
 * The keys file at `path`; a file that does not exist yet holds no keys for `node`.
 * @throws ApiKeysFileError when it cannot be read or is invalid.
 */
export async function readApiKeysFile(path: string, node: string): Promise<ApiKeysFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, node, keys: [] };
    throw new ApiKeysFileError(`${path} cannot be read`, { cause: error });
  }
  const file = parseApiKeysFile(text, path);
  if (file.node !== node)
    throw new ApiKeysFileError(`${path} holds the keys of ${file.node}, not of ${node}`);
  return file;
}

/** Replaces the keys file at `path` in one step, readable by its owner only. */
export async function writeApiKeysFile(path: string, file: ApiKeysFile): Promise<void> {
  await writeAtomically(path, `${JSON.stringify(file, null, 2)}\n`, 0o600);
}
