// Redis is a cache rebuildable from JetStream; still, renaming a key orphans what is stored under the
// old name. Each app builds its own keys (`<feature>.keys.ts`) under this prefix.

/** The first segment of every key Borderlink writes: `bl:hub:…`, `bl:<node>:…`. */
export const REDIS_PREFIX = 'bl';
