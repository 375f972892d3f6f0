import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

// The module runs from the source tree (tests) and from dist/ (production), at different depths,
// so the repository's docs/ folder is found by walking up rather than by a fixed relative path.
function findExample(file: string): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'docs', 'examples', file);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The example request body `docs/examples/<name>.json` of the repository this module runs from,
 * for the OpenAPI document; undefined when the file is absent or not JSON (the docs stay usable).
 */
export function readExample(name: string): unknown {
  const path = findExample(`${name}.json`);
  if (path === undefined) return undefined;
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as unknown;
  } catch {
    return undefined;
  }
}
