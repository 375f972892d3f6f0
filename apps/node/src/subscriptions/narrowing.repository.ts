import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { NodeConfig } from '../config/node.config.js';
import { openNodeStore } from '../store/node-store.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS subscription_narrowing (
  slot    INTEGER PRIMARY KEY CHECK (slot = 1),
  id      TEXT    NOT NULL,
  actor   TEXT    NOT NULL,
  sent    INTEGER NOT NULL,
  filters TEXT    NOT NULL
)`;

/** The narrowing this node last sent, as its administrator stated it. */
export interface StoredNarrowing {
  /** The SubscriptionChange's id. */
  id: string;
  actor: string;
  sent: Date;
  /** Its filters in the protobuf JSON mapping. */
  filters: unknown[];
}

interface Row {
  id: string;
  actor: string;
  sent: number;
  filters: string;
}

/**
 * The node's own narrowing, in its store file (one row): the hub holds the one in force, but the
 * node shows it after its restart or a wipe of its Redis without asking anyone. Written once the
 * change is in the outbox, synced with every commit like the outbox itself.
 */
@Injectable()
export class NarrowingRepository implements OnApplicationShutdown {
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement<[string, string, number, string]>;
  private readonly select: Database.Statement<[], Row>;

  constructor(config: NodeConfig) {
    this.db = openNodeStore(config.NODE_STORE_FILE, 'FULL');
    this.db.exec(SCHEMA);
    this.upsert = this.db.prepare(
      'INSERT OR REPLACE INTO subscription_narrowing (slot, id, actor, sent, filters) VALUES (1, ?, ?, ?, ?)',
    );
    this.select = this.db.prepare(
      'SELECT id, actor, sent, filters FROM subscription_narrowing WHERE slot = 1',
    );
  }

  put(narrowing: StoredNarrowing): void {
    const { id, actor, sent, filters } = narrowing;
    this.upsert.run(id, actor, sent.getTime(), JSON.stringify(filters));
  }

  /** The narrowing last sent, or undefined when this node never narrowed its subscriptions. */
  get(): StoredNarrowing | undefined {
    const row = this.select.get();
    if (row === undefined) return undefined;
    return {
      id: row.id,
      actor: row.actor,
      sent: new Date(row.sent),
      filters: JSON.parse(row.filters) as unknown[],
    };
  }

  onApplicationShutdown(): void {
    this.db.close();
  }
}
