import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// The version is the repository's package.json's, found above this file in the source tree and in
// dist alike; a deployment without it reports this.
const UNKNOWN = '0.0.0-unknown';
let known: string | undefined;

function findVersion(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    try {
      const { version } = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        version?: unknown;
      };
      if (typeof version === 'string' && version !== '') return version;
    } catch {
      // No (readable) package.json here: look further up.
    }
    if (dirname(dir) === dir) return UNKNOWN;
  }
}

/** The software version this process runs (the nearest package.json's `version` above the code). */
export function softwareVersion(): string {
  known ??= findVersion(import.meta.dirname);
  return known;
}
