import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { STREAM_AUDIT, STREAM_DEFINITIONS } from '#contracts';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import type { CheckpointRecord, StatementRecord } from '#trust';
import type Database from 'better-sqlite3';
import { Clock } from '../common/clock.js';
import { NodeConfig } from '../config/node.config.js';
import { openNodeStore, pruneHourly } from '../store/node-store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS witness_statements (
  position INTEGER NOT NULL,
  id       TEXT    NOT NULL,
  at       INTEGER NOT NULL,
  record   TEXT    NOT NULL,
  PRIMARY KEY (position, id)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS witness_statements_at ON witness_statements (at);
CREATE TABLE IF NOT EXISTS witness_checkpoints (
  position INTEGER PRIMARY KEY,
  at       INTEGER NOT NULL,
  record   TEXT    NOT NULL
);
CREATE INDEX IF NOT EXISTS witness_checkpoints_at ON witness_checkpoints (at)`;

const DAY_MS = 24 * 60 * 60 * 1000;
/** Statements witness the entries after the last checkpoint a node holds; a week covers any outage of checkpoints. */
export const STATEMENTS_KEEP_MS = 7 * DAY_MS;
/** Every checkpoint of the last week is kept; before that, the last of each UTC day. */
export const CHECKPOINTS_ALL_MS = 7 * DAY_MS;
/** No checkpoint is kept longer than the audit stream keeps entries: an expired entry proves nothing. */
export const CHECKPOINTS_KEEP_MS = STREAM_DEFINITIONS.find(
  (stream) => stream.name === STREAM_AUDIT,
)!.maxAgeMs;

/** Statements written in one transaction at most; more wait for the next. */
const BATCH_MAX = 512;

/**
 * The node's witness of the hub's audit chain, in its store file: the statements of the deliveries it
 * took (each naming an audit entry and its hash) and the checkpoints the hub sent it. Bounded: a week
 * of statements; every checkpoint of the last week, then one a day for as long as the audit stream
 * keeps entries (about 10,000 rows). Statements kept during one turn of the event loop are written in
 * one transaction at its end (a commit per delivery held the node's thread for as long as the rest of
 * its take-in under load), and commits are not synced one by one (NORMAL): a crash may lose the
 * statements of the last turn, a power cut the last few commits, which only weakens the witness by as
 * much.
 */
@Injectable()
export class WitnessRepository implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly db: Database.Database;
  private readonly insertStatement: Database.Statement<[number, string, number, string]>;
  private readonly insertCheckpoint: Database.Statement<[number, number, string]>;
  private readonly selectStatements: Database.Statement<[number, number], { record: string }>;
  private readonly selectCheckpoints: Database.Statement<[], { record: string }>;
  private readonly selectNewest: Database.Statement<[], { position: number | null }>;
  private readonly prune: () => void;
  private readonly insertStatements: (records: readonly StatementRecord[]) => void;
  private pending: StatementRecord[] = [];
  private stopPruning?: () => void;

  constructor(
    config: NodeConfig,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.db = openNodeStore(config.NODE_STORE_FILE, 'NORMAL');
    this.db.exec(SCHEMA);
    this.insertStatement = this.db.prepare(
      'INSERT OR IGNORE INTO witness_statements (position, id, at, record) VALUES (?, ?, ?, ?)',
    );
    this.insertCheckpoint = this.db.prepare(
      'INSERT OR IGNORE INTO witness_checkpoints (position, at, record) VALUES (?, ?, ?)',
    );
    this.selectStatements = this.db.prepare(
      'SELECT record FROM witness_statements WHERE position > ? ORDER BY position, id LIMIT ?',
    );
    this.selectCheckpoints = this.db.prepare('SELECT record FROM witness_checkpoints ORDER BY position');
    this.selectNewest = this.db.prepare('SELECT MAX(position) AS position FROM witness_checkpoints');
    const statements = this.db.prepare<[number]>('DELETE FROM witness_statements WHERE at < ?');
    const checkpoints = this.db.prepare<[number]>('DELETE FROM witness_checkpoints WHERE at < ?');
    const thin = this.db.prepare<[number, number]>(
      `DELETE FROM witness_checkpoints WHERE at < ? AND position NOT IN (
         SELECT MAX(position) FROM witness_checkpoints WHERE at < ? GROUP BY at / ${DAY_MS})`,
    );
    this.insertStatements = this.db.transaction((records: readonly StatementRecord[]) => {
      for (const record of records) {
        this.insertStatement.run(
          Number(record.position),
          record.id,
          Date.parse(record.at),
          JSON.stringify(record),
        );
      }
    });
    this.prune = this.db.transaction(() => {
      const now = this.clock.now().getTime();
      statements.run(now - STATEMENTS_KEEP_MS);
      checkpoints.run(now - CHECKPOINTS_KEEP_MS);
      thin.run(now - CHECKPOINTS_ALL_MS, now - CHECKPOINTS_ALL_MS);
    });
  }

  /** Keeps a statement (once per position and message), written with the others of this turn. */
  keepStatement(record: StatementRecord): void {
    this.pending.push(record);
    if (this.pending.length === 1) setImmediate(() => this.flush());
    else if (this.pending.length >= BATCH_MAX) this.flush();
  }

  /** Keeps a checkpoint (once per position). */
  keepCheckpoint(record: CheckpointRecord): void {
    this.insertCheckpoint.run(Number(record.position), Date.parse(record.at), JSON.stringify(record));
  }

  /** Up to `limit` statements of positions after `since`, in position order. */
  statements(since: number, limit: number): StatementRecord[] {
    this.flush();
    return this.selectStatements.all(since, limit).map((row) => JSON.parse(row.record) as StatementRecord);
  }

  /** Every checkpoint kept, in position order. */
  checkpoints(): CheckpointRecord[] {
    return this.selectCheckpoints.all().map((row) => JSON.parse(row.record) as CheckpointRecord);
  }

  /** The position of the newest checkpoint kept, 0 when none. */
  newestCheckpoint(): number {
    return this.selectNewest.get()?.position ?? 0;
  }

  onApplicationBootstrap(): void {
    this.stopPruning = pruneHourly(() => {
      this.flush();
      this.prune();
    });
  }

  onApplicationShutdown(): void {
    this.stopPruning?.();
    this.flush();
    this.db.close();
  }

  /** Writes the statements kept so far; a failure loses them (logged), never the delivery. */
  private flush(): void {
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    try {
      this.insertStatements(batch);
    } catch (error) {
      this.logger.error({ err: error, statements: batch.length }, 'witness statements not stored');
    }
  }
}
