import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { chainAccessEntry, type AccessChainHead, type AccessEntry, type AccessRecord } from '#trust';
import type Database from 'better-sqlite3';
import { NodeConfig } from '../config/node.config.js';
import { openNodeStore } from '../store/node-store.js';

// Rows are only ever added: the triggers refuse every UPDATE and DELETE, so no code path of the node,
// nor an operator's stray statement, changes or removes an entry. Whoever drops the triggers is left
// to the hash chain.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS access_log (
  sequence  INTEGER PRIMARY KEY,
  at        TEXT    NOT NULL,
  principal TEXT    NOT NULL,
  name      TEXT    NOT NULL,
  action    TEXT    NOT NULL,
  message   TEXT    NOT NULL,
  request   TEXT    NOT NULL,
  hash      TEXT    NOT NULL
);
CREATE TRIGGER IF NOT EXISTS access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
CREATE TRIGGER IF NOT EXISTS access_log_no_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END`;

const COLUMNS = 'sequence, at, principal, name, action, message, request, hash';
const EMPTY: AccessChainHead = { sequence: 0, hash: '' };

/** The records after one sequence, and the head of the log when they were read. */
export interface AccessLogPage {
  records: AccessRecord[];
  head: AccessChainHead;
}

/**
 * The node's access log, a table of its store file: entries hash-chained in sequence, each commit
 * synced (FULL), since an entry must be on disk before the content it records is handed out.
 * Calls are synchronous (better-sqlite3), so a read and the append after it see no other writer of
 * this process in between; the write transaction keeps other processes on the file out too.
 */
@Injectable()
export class AccessLogRepository implements OnApplicationShutdown {
  private readonly db: Database.Database;
  private readonly insert: Database.Statement<[AccessRecord]>;
  private readonly selectHead: Database.Statement<[], AccessChainHead>;
  private readonly selectAfter: Database.Statement<[number, number], AccessRecord>;
  private readonly appendAll: Database.Transaction<(entries: readonly AccessEntry[]) => AccessRecord[]>;
  private readonly readPage: Database.Transaction<(after: number, limit: number) => AccessLogPage>;

  constructor(config: NodeConfig) {
    this.db = openNodeStore(config.NODE_STORE_FILE, 'FULL');
    this.db.exec(SCHEMA);
    this.insert = this.db.prepare(
      `INSERT INTO access_log (${COLUMNS})
       VALUES (@sequence, @at, @principal, @name, @action, @message, @request, @hash)`,
    );
    this.selectHead = this.db.prepare('SELECT sequence, hash FROM access_log ORDER BY sequence DESC LIMIT 1');
    this.selectAfter = this.db.prepare(
      `SELECT ${COLUMNS} FROM access_log WHERE sequence > ? ORDER BY sequence LIMIT ?`,
    );
    this.appendAll = this.db.transaction((entries: readonly AccessEntry[]) => {
      let head = this.selectHead.get() ?? EMPTY;
      return entries.map((entry) => {
        const record = chainAccessEntry(entry, head);
        this.insert.run(record);
        head = record;
        return record;
      });
    });
    this.readPage = this.db.transaction((after: number, limit: number) => ({
      records: this.selectAfter.all(after, limit),
      head: this.selectHead.get() ?? EMPTY,
    }));
  }

  /**
   * Chains `entries` after the log's head and appends them in one transaction, synced to disk when
   * this returns. Throws (SqliteError) when they could not be written; then none was.
   */
  append(entries: readonly AccessEntry[]): AccessRecord[] {
    // IMMEDIATE: the head is read under the write lock, so no other connection appends in between.
    return this.appendAll.immediate(entries);
  }

  /** Up to `limit` records after sequence `after`, in order, and the head, read together. */
  page(after: number, limit: number): AccessLogPage {
    return this.readPage(after, limit);
  }

  onApplicationShutdown(): void {
    this.db.close();
  }
}
