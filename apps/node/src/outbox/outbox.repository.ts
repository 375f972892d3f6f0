import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { NodeConfig } from '../config/node.config.js';
import type { SendableKind } from '#contracts';
import type { SealedEnvelope } from '../link/sealed-envelope.js';
import { openNodeStore } from '../store/node-store.js';
import type { QueuedMessage } from './queued-message.js';

// AUTOINCREMENT: a deleted row's seq is never handed out again, so seq order stays queue order
// across restarts. The id is unique: a client's retry of the same message finds the queued row.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS outbox (
  seq       INTEGER PRIMARY KEY AUTOINCREMENT,
  id        TEXT    NOT NULL UNIQUE,
  kind      TEXT    NOT NULL,
  subject   TEXT    NOT NULL,
  body      BLOB    NOT NULL,
  headers   TEXT    NOT NULL,
  queued_at INTEGER NOT NULL
)`;

interface Row {
  seq: number;
  id: string;
  kind: string;
  subject: string;
  body: Buffer;
  headers: string;
  queued_at: number;
}

/**
 * SQLite adapter of the node's outbox, a table of the node's store file, synced on every commit so
 * that a message acknowledged as queued survives a crash or a power cut.
 * Calls are synchronous (better-sqlite3) and short: an insert, a small ordered read, a delete.
 */
@Injectable()
export class OutboxRepository implements OnApplicationShutdown {
  private readonly db: Database.Database;
  private readonly insertRow: Database.Statement<[string, string, string, Buffer, string, number]>;
  private readonly selectAfter: Database.Statement<[number, number], Row>;
  private readonly deleteRow: Database.Statement<[number]>;
  private readonly countRows: Database.Statement<[], { depth: number; oldest: number | null }>;

  constructor(config: NodeConfig) {
    // A message answered `queued` must survive a power cut: every commit is synced.
    this.db = openNodeStore(config.NODE_STORE_FILE, 'FULL');
    this.db.exec(SCHEMA);
    this.insertRow = this.db.prepare(
      'INSERT OR IGNORE INTO outbox (id, kind, subject, body, headers, queued_at) VALUES (?, ?, ?, ?, ?, ?)',
    );
    this.selectAfter = this.db.prepare('SELECT * FROM outbox WHERE seq > ? ORDER BY seq LIMIT ?');
    this.deleteRow = this.db.prepare('DELETE FROM outbox WHERE seq = ?');
    this.countRows = this.db.prepare('SELECT COUNT(*) AS depth, MIN(queued_at) AS oldest FROM outbox');
  }

  /**
   * Appends `envelope` to the queue, committed to disk when this returns. Returns false, and changes
   * nothing, when a message with the same id is already queued (a client's retry).
   */
  enqueue(envelope: SealedEnvelope, queuedAt: Date): boolean {
    const { changes } = this.insertRow.run(
      envelope.msgId,
      envelope.kind,
      envelope.subject,
      Buffer.from(envelope.body),
      JSON.stringify(envelope.headers),
      queuedAt.getTime(),
    );
    return changes === 1;
  }

  /** Up to `limit` queued messages after position `seq` (0: from the head), in queue order. */
  after(seq: number, limit: number): QueuedMessage[] {
    return this.selectAfter.all(seq, limit).map(toQueued);
  }

  /** Takes the message at position `seq` off the queue (JetStream has stored it). */
  remove(seq: number): void {
    this.deleteRow.run(seq);
  }

  /** How many messages wait, and since when the oldest of them (undefined when none). */
  depth(): { depth: number; oldestQueuedAt?: Date } {
    const { depth, oldest } = this.countRows.get() ?? { depth: 0, oldest: null };
    return oldest === null ? { depth } : { depth, oldestQueuedAt: new Date(oldest) };
  }

  /** How many messages wait, and how long the oldest has waited at `now`, in ms (0 when none). */
  backlog(now: Date): { depth: number; oldestAgeMs: number } {
    const { depth, oldestQueuedAt } = this.depth();
    const ageMs = oldestQueuedAt === undefined ? 0 : now.getTime() - oldestQueuedAt.getTime();
    return { depth, oldestAgeMs: Math.max(0, ageMs) };
  }

  onApplicationShutdown(): void {
    this.db.close();
  }
}

function toQueued(row: Row): QueuedMessage {
  return {
    seq: row.seq,
    msgId: row.id,
    kind: row.kind as SendableKind,
    subject: row.subject,
    body: new Uint8Array(row.body),
    headers: JSON.parse(row.headers) as Record<string, string>,
    queuedAt: new Date(row.queued_at),
  };
}
