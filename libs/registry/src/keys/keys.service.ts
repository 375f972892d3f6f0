import { existsSync } from 'node:fs';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { isSubjectToken } from '#contracts';
import { generateNodeKey, KeyFormatError, NodeSigner } from '#trust';
import { writeAtomically } from '#runtime';
import { enrolKeys } from '../enrol-keys.js';
import { loadRegistry, stringifyRegistry } from '../registry-file.js';
import type { Registry } from '../registry-model.js';
import { RegistryError } from '../registry.errors.js';
import { NodeKeyError } from './keys.errors.js';
import { SeedFileRepository } from './seed-file.repository.js';

export interface KeysInitOptions {
  /** The registry to enrol (normally the committed deploy/registry/registry.yaml). */
  registry: string;
  /** Folder of the seed files. */
  keys: string;
  /** Where the enrolled copy of the registry is written. */
  out: string;
  /**
   * When set, each node's seed is also copied to `<secrets>/<node>/seed.nk` (owner-only), a folder
   * of its own that a deployment mounts into that node's container alone.
   */
  secrets?: string;
}

/** The copy of a node's seed in its own folder under `secretsDir`. */
export function secretSeedFile(secretsDir: string, node: string): string {
  return join(secretsDir, node, 'seed.nk');
}

export interface EnrolledNode {
  id: string;
  publicKey: string;
  seed: 'generated' | 'kept';
}

export interface KeysInitResult {
  nodes: EnrolledNode[];
  out: string;
  /** Things the user should fix that did not stop enrolment, e.g. a seed file others can read. */
  warnings: string[];
}

/** The signer of a seed read from the keys folder; a NodeKeyError names the file when it is not a seed. */
export function signerOf(seeds: SeedFileRepository, id: string, seed: string): NodeSigner {
  try {
    return NodeSigner.fromSeed(seed);
  } catch (error) {
    if (!(error instanceof KeyFormatError)) throw error;
    throw new NodeKeyError(
      `${seeds.path(id)} does not hold a valid nkey user seed (SU…); move it away to generate a new one`,
      { cause: error },
    );
  }
}

/**
 * Gives every registry node a seed in the keys folder (generating only the missing ones) and writes a copy of
 * the registry with each node's public key enrolled. Running it again changes nothing.
 */
export async function initKeys(options: KeysInitOptions): Promise<KeysInitResult> {
  if (resolve(options.out) === resolve(options.registry)) {
    throw new NodeKeyError(
      '--out must differ from --registry: the source registry is committed without keys',
    );
  }
  const registry = loadRegistry(options.registry);
  const seeds = new SeedFileRepository(options.keys);
  const nodes: EnrolledNode[] = [];
  const warnings: string[] = [];
  for (const { id } of registry.nodes) {
    const existing = await seeds.read(id);
    if (existing === undefined) {
      const key = generateNodeKey();
      await seeds.create(id, key.seed);
      nodes.push({ id, publicKey: key.publicKey, seed: 'generated' });
      if (options.secrets !== undefined) await copySeed(options.secrets, id, `${key.seed}\n`);
      continue;
    }
    nodes.push({ id, publicKey: signerOf(seeds, id, existing).publicKey, seed: 'kept' });
    if (options.secrets !== undefined) await copySeed(options.secrets, id, existing);
    if (await seeds.isExposed(id)) {
      warnings.push(
        `${seeds.path(id)} is readable by other users; restrict it with: chmod 600 ${seeds.path(id)}`,
      );
    }
  }
  const enrolled = enrolKeys(
    registry,
    new Map(nodes.map((node) => [node.id, node.publicKey])),
    previousEnrolment(options.out),
  );
  const header =
    `# Enrolled copy of ${options.registry}, written by \`borderlink keys init\`; seeds are in ${options.keys}.\n` +
    '# Local to this installation: do not edit or commit; run the command again instead.\n';
  await writeAtomically(options.out, header + stringifyRegistry(enrolled));
  return { nodes, out: options.out, warnings };
}

// The copy is rewritten every run, so that after a rotation the next run hands out the new seed.
async function copySeed(secretsDir: string, id: string, seed: string): Promise<void> {
  const file = secretSeedFile(secretsDir, id);
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, seed, { mode: 0o600 });
  // The creation mode is filtered by the umask, and an existing file keeps its own: set it exactly.
  await chmod(file, 0o600);
}

/** The registry enrolled by an earlier run, whose rotations and revocations are carried over. */
function previousEnrolment(path: string): Registry | undefined {
  if (!existsSync(path)) return undefined;
  try {
    return loadRegistry(path);
  } catch (error) {
    if (!(error instanceof RegistryError)) throw error;
    throw new NodeKeyError(`${path} is not a valid enrolled registry; move it away to enrol afresh`, {
      cause: error,
    });
  }
}

/** The public key of a node's seed in the keys folder. */
export async function showKey(node: string, keysDir: string): Promise<string> {
  if (!isSubjectToken(node)) throw new NodeKeyError(`"${node}" is not a node id`);
  const seeds = new SeedFileRepository(keysDir);
  const seed = await seeds.read(node);
  if (seed === undefined) {
    throw new NodeKeyError(
      `no seed for node "${node}" at ${seeds.path(node)}; run \`borderlink keys init\` first`,
    );
  }
  return signerOf(seeds, node, seed).publicKey;
}

/**
 * The public key of the nkey user seed in `seedFile` (`<dir>/<name>.nk`), created owner-only with a
 * new seed the first time: a key the registry does not list, such as a local stack's operator user.
 */
export async function ensureSeedFile(seedFile: string): Promise<string> {
  const seeds = new SeedFileRepository(dirname(seedFile));
  const id = basename(seedFile, '.nk');
  const existing = await seeds.read(id);
  if (existing !== undefined) return NodeSigner.fromSeed(existing).publicKey;
  const key = generateNodeKey();
  await seeds.create(id, key.seed);
  return key.publicKey;
}
