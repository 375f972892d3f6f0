import { Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { STREAM_DEFINITIONS, STREAM_DELIVERY } from '#contracts';
import type Database from 'better-sqlite3';
import { Clock } from '../common/clock.js';
import { NodeConfig } from '../config/node.config.js';
import { openNodeStore, pruneHourly } from '../store/node-store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS handed_out (
  id TEXT    PRIMARY KEY,
  at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS handed_out_at ON handed_out (at)`;

// A message older than BL_DELIVERY keeps cannot be delivered or rebuilt again, so its id can go.
const KEEP_MS = STREAM_DEFINITIONS.find((stream) => stream.name === STREAM_DELIVERY)!.maxAgeMs;

/**
 * The ids of the received messages this node has handed to its agency's systems (counted and
 * announced on the event stream), kept in the node's store file rather than in Redis: after a
 * Redis wipe the inbox is rebuilt and takes each message in again, and this log is what tells a
 * first arrival from one already handed out, so nothing is announced twice.
 *
 * Commits are not synced one by one (NORMAL): a process crash loses none, a power cut may lose the
 * last few, which a later Redis wipe would then announce again (the event stream is at least once).
 */
@Injectable()
export class HandedOutRepository implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<[string, number]>;
  private readonly prune: Database.Statement<[number]>;
  private readonly recordAll: (ids: readonly string[], at: number) => boolean[];
  private stopPruning?: () => void;

  constructor(
    config: NodeConfig,
    private readonly clock: Clock,
  ) {
    this.db = openNodeStore(config.NODE_STORE_FILE, 'NORMAL');
    this.db.exec(SCHEMA);
    this.insert = this.db.prepare('INSERT OR IGNORE INTO handed_out (id, at) VALUES (?, ?)');
    this.prune = this.db.prepare('DELETE FROM handed_out WHERE at < ?');
    // One transaction for a batch: one WAL commit (its writes and locks) instead of one per id.
    this.recordAll = this.db.transaction((ids: readonly string[], at: number) =>
      ids.map((id) => this.insert.run(id, at).changes === 1),
    );
  }

  /**
   * Records each of `ids` as handed out, in one transaction; per id, true only the first time (the
   * caller hands it out then), so an id given twice is first only once.
   */
  first(ids: readonly string[]): boolean[] {
    return ids.length === 0 ? [] : this.recordAll(ids, this.clock.now().getTime());
  }

  onApplicationBootstrap(): void {
    this.stopPruning = pruneHourly(() => this.forgetExpired());
  }

  onApplicationShutdown(): void {
    this.stopPruning?.();
    this.db.close();
  }

  private forgetExpired(): void {
    this.prune.run(this.clock.now().getTime() - KEEP_MS);
  }
}
