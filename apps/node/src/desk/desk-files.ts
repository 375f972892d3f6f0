import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where `npm run build` puts the desk (apps/desk/vite.config.ts), under the repository or image root. */
const DESK_BUILD = join('dist', 'web', 'desk');

/**
 * The folder of the built desk: the first `dist/web/desk` holding an index.html above this module,
 * wherever the node runs from (its bundle in dist/apps/node, tsc's output, or the TypeScript source
 * under test). Undefined when the desk was not built.
 */
export function findDeskFiles(from: string = fileURLToPath(import.meta.url)): string | undefined {
  for (let folder = dirname(from); ; folder = dirname(folder)) {
    const candidate = join(folder, DESK_BUILD);
    if (existsSync(join(candidate, 'index.html'))) return candidate;
    if (dirname(folder) === folder) return undefined;
  }
}
