import { readFileSync } from 'node:fs';
import { Document, isScalar, parseDocument, visit } from 'yaml';
import { RegistryError } from './registry.errors.js';
import type { Registry, RegistryNode } from './registry-model.js';
import { readRegistry } from './registry-reader.js';
import { registryProblems } from './registry-rules.js';

/**
 * The registry in `text` (YAML), fully validated. Throws RegistryError listing every problem at once:
 * YAML syntax (including duplicate keys), shape, and consistency (see registryProblems).
 * @param source names the text in messages, e.g. its file path
 */
export function parseRegistry(text: string, source = 'registry'): Registry {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  if (document.errors.length > 0) {
    throw new RegistryError(
      document.errors.map((error) => error.message),
      source,
    );
  }
  const { registry, problems } = readRegistry(document.toJS({ maxAliasCount: 100 }));
  // Consistency checks assume the shape, so they run only once the shape is right.
  const all = problems.length > 0 ? problems : registryProblems(registry);
  if (all.length > 0) throw new RegistryError(all, source);
  return registry;
}

/** The validated registry in the YAML file at `path`. Throws RegistryError when unreadable or invalid. */
export function loadRegistry(path: string): Registry {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new RegistryError([`cannot read the file: ${(error as Error).message}`], path, { cause: error });
  }
  return parseRegistry(text, path);
}

// The file form of a node: a key with a validity window is written as a `publicKeys` mapping entry.
function nodeForFile(node: RegistryNode): object {
  const { keyWindows, ...rest } = node;
  if (keyWindows === undefined) return rest;
  const windows = new Map(keyWindows.map((window) => [window.key, window]));
  return { ...rest, publicKeys: node.publicKeys.map((key) => windows.get(key) ?? key) };
}

/** The registry as YAML that parseRegistry reads back to an equal registry; short lists are written inline. */
export function stringifyRegistry(registry: Registry): string {
  const document = new Document({ ...registry, nodes: registry.nodes.map(nodeForFile) });
  visit(document, {
    Seq(_key, node) {
      if (node.items.every((item) => isScalar(item))) node.flow = true;
    },
  });
  return document.toString({ lineWidth: 0, flowCollectionPadding: false });
}
