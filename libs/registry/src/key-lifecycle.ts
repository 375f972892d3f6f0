import { RegistryError } from './registry.errors.js';
import type { KeyWindow, Registry, RegistryNode } from './registry-model.js';
import { registryProblems } from './registry-rules.js';

function editNode(registry: Registry, id: string, edit: (node: RegistryNode) => void): Registry {
  const copy = structuredClone(registry);
  const node = copy.nodes.find((candidate) => candidate.id === id);
  if (node === undefined) throw new RegistryError([`node "${id}": not in the registry`], 'key lifecycle');
  edit(node);
  const problems = registryProblems(copy);
  if (problems.length > 0) throw new RegistryError(problems, 'key lifecycle');
  return copy;
}

function setWindow(node: RegistryNode, key: string, change: Omit<KeyWindow, 'key'>): void {
  const windows = node.keyWindows ?? [];
  const existing = windows.find((window) => window.key === key);
  if (existing) Object.assign(existing, change);
  else windows.push({ key, ...change });
  // In the order of publicKeys, as the file lists them, so a written registry reads back equal.
  node.keyWindows = windows.sort((a, b) => node.publicKeys.indexOf(a.key) - node.publicKeys.indexOf(b.key));
}

/**
 * A copy of the registry in which node `id` has one more public key, valid from `from` (an RFC 3339 UTC
 * time) when given. Its other keys stay valid: that is the grace period of a rotation, which ends when
 * the old key is revoked. Throws RegistryError for an unknown node, a malformed or already enrolled key.
 */
export function addNodeKey(registry: Registry, id: string, key: string, from?: string): Registry {
  return editNode(registry, id, (node) => {
    node.publicKeys.push(key);
    if (from !== undefined) setWindow(node, key, { from });
  });
}

/**
 * A copy of the registry in which node `id`'s key `key` is revoked at `at` (an RFC 3339 UTC time):
 * messages it signed with a sent time before `at` still verify, later ones are refused. The key stays
 * listed so those earlier messages remain verifiable. Throws RegistryError for an unknown node or key.
 */
export function revokeNodeKey(registry: Registry, id: string, key: string, at: string): Registry {
  return editNode(registry, id, (node) => {
    if (!node.publicKeys.includes(key)) {
      throw new RegistryError([`node "${id}": has no public key ${key}`], 'key lifecycle');
    }
    setWindow(node, key, { revokedAt: at });
  });
}
