import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/**
 * How a connection commits: FULL syncs every commit to disk (survives a power cut); NORMAL leaves the
 * WAL to the OS until a checkpoint (survives a process crash, may lose the last commits on power loss).
 */
export type StoreDurability = 'FULL' | 'NORMAL';

/**
 * Opens a connection to the node's local SQLite file (NODE_STORE_FILE), creating its folder, in WAL
 * mode. Each table's owner opens its own connection at the durability its data needs; the calls are
 * synchronous and all in this process's one thread, so the connections never contend.
 */
export function openNodeStore(file: string, durability: StoreDurability): Database.Database {
  mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${durability}`);
  return db;
}

const PRUNE_EVERY_MS = 60 * 60 * 1000;

/**
 * Runs `prune` now and then every hour, for a table whose rows are kept for a bounded time; returns
 * the function that stops it (at shutdown, before the connection closes).
 */
export function pruneHourly(prune: () => void): () => void {
  prune();
  const timer = setInterval(prune, PRUNE_EVERY_MS).unref();
  return () => clearInterval(timer);
}
