import { readFile } from 'node:fs/promises';
import { isSubjectToken } from '#contracts';
import { canonicalSentTime, generateNodeKey, isUserPublicKey } from '#trust';
import { writeAtomically } from '#runtime';
import { addNodeKey, revokeNodeKey } from '../key-lifecycle.js';
import { loadRegistry, stringifyRegistry } from '../registry-file.js';
import { NodeKeyError } from './keys.errors.js';
import { signerOf } from './keys.service.js';
import { SeedFileRepository } from './seed-file.repository.js';

export interface RotateKeyOptions {
  /** Folder of the seed files. */
  keys: string;
  /** The enrolled registry the hub and nodes read (edited in place; they reload it). */
  registry: string;
  /** The rotation time (the new key's `from`); now when absent. */
  now?: Date;
}

export interface RotateKeyResult {
  node: string;
  oldKey: string;
  newKey: string;
  /** Where the old seed was moved. */
  archived: string;
  from: string;
}

export interface RevokeKeyOptions {
  registry: string;
  key: string;
  /** RFC 3339 time of the revocation; now when absent. */
  at?: string;
  now?: Date;
}

// The leading comment of the enrolled file (who wrote it, not to edit by hand) survives a rewrite.
async function rewriteRegistry(path: string, yaml: string): Promise<void> {
  const text = await readFile(path, 'utf8');
  const lines = text.split('\n');
  const end = lines.findIndex((line) => !line.startsWith('#'));
  const comment = lines.slice(0, end === -1 ? lines.length : end);
  await writeAtomically(path, comment.map((line) => `${line}\n`).join('') + yaml);
}

function checkNode(node: string): void {
  if (!isSubjectToken(node)) throw new NodeKeyError(`"${node}" is not a node id`);
}

/**
 * Rotates a node's key: a new seed becomes `<node>.nk` (the old one is kept beside it, archived) and
 * the registry lists both keys, the new one valid from now. Both verify until the old key is revoked,
 * so traffic signed with either is accepted across the switch. The registry is written first, so a
 * failure never leaves the node with a seed the registry does not know.
 */
export async function rotateKey(node: string, options: RotateKeyOptions): Promise<RotateKeyResult> {
  checkNode(node);
  const seeds = new SeedFileRepository(options.keys);
  const seed = await seeds.read(node);
  if (seed === undefined) {
    throw new NodeKeyError(
      `no seed for node "${node}" at ${seeds.path(node)}; run \`borderlink keys init\` first`,
    );
  }
  const oldKey = signerOf(seeds, node, seed).publicKey;
  const next = generateNodeKey();
  const from = canonicalSentTime(options.now ?? new Date());
  const registry = addNodeKey(loadRegistry(options.registry), node, next.publicKey, from);
  await rewriteRegistry(options.registry, stringifyRegistry(registry));
  const archived = await seeds.archive(node, from.replace(/[-:.]/g, ''));
  await seeds.create(node, next.seed);
  return { node, oldKey, newKey: next.publicKey, archived, from };
}

/**
 * Revokes one of a node's keys at a time (now by default): messages it signed with an earlier sent
 * time still verify, later ones are refused KEY_REVOKED. Returns the revocation time written.
 */
export async function revokeKey(node: string, options: RevokeKeyOptions): Promise<string> {
  checkNode(node);
  if (!isUserPublicKey(options.key))
    throw new NodeKeyError(`"${options.key}" is not an nkey user public key (U…)`);
  const when = options.at === undefined ? (options.now ?? new Date()) : new Date(options.at);
  if (Number.isNaN(when.getTime())) throw new NodeKeyError(`--at "${options.at}" is not a time`);
  const at = canonicalSentTime(when);
  const registry = revokeNodeKey(loadRegistry(options.registry), node, options.key, at);
  await rewriteRegistry(options.registry, stringifyRegistry(registry));
  return at;
}
