import { RegistryError } from './registry.errors.js';
import type { Registry } from './registry-model.js';
import { registryProblems } from './registry-rules.js';

/**
 * A copy of the registry in which each node named in `keys` has exactly that public nkey as its only key
 * (a replaced seed's old key and any key windows are dropped); other nodes keep theirs. With `previous`, an
 * earlier enrolment, a node whose current key is still among its previously enrolled keys keeps that key
 * history instead (a rotation's grace period, revocations), so enrolling again never undoes them.
 * The input is not changed. Throws RegistryError for a node id not in the registry, or a key that is
 * malformed or enrolled twice.
 */
export function enrolKeys(
  registry: Registry,
  keys: ReadonlyMap<string, string>,
  previous?: Registry,
): Registry {
  const history = new Map(previous?.nodes.map((node) => [node.id, node]));
  const enrolled = structuredClone(registry);
  const nodes = new Map(enrolled.nodes.map((node) => [node.id, node]));
  const unknown = [...keys.keys()]
    .filter((id) => !nodes.has(id))
    .map((id) => `node "${id}": not in the registry`);
  if (unknown.length > 0) throw new RegistryError(unknown, 'enrolment');
  for (const [id, key] of keys) {
    const node = nodes.get(id)!;
    const before = history.get(id);
    if (before?.publicKeys.includes(key)) {
      node.publicKeys = [...before.publicKeys];
      if (before.keyWindows === undefined) delete node.keyWindows;
      else node.keyWindows = structuredClone(before.keyWindows);
      continue;
    }
    node.publicKeys = [key];
    delete node.keyWindows;
  }
  const problems = registryProblems(enrolled);
  if (problems.length > 0) throw new RegistryError(problems, 'enrolment');
  return enrolled;
}
