import { Injectable, type OnApplicationShutdown } from '@nestjs/common';
import type Database from 'better-sqlite3';
import { NodeConfig } from '../config/node.config.js';
import { openNodeStore } from '../store/node-store.js';
import type { StoredSubscription } from './service-subscription.js';
import type { WebhookState } from './webhook-state.js';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS service_subscriptions (
  id   TEXT PRIMARY KEY,
  body TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS service_webhooks (
  id          TEXT    PRIMARY KEY,
  failures    INTEGER NOT NULL,
  epoch       INTEGER NOT NULL,
  disabled_at TEXT
);
CREATE TABLE IF NOT EXISTS service_subscriptions_followed (
  slot INTEGER PRIMARY KEY CHECK (slot = 1)
)`;

/** What of a webhook's state outlives a wipe of Redis: whether it is disabled, its failures, its epoch. */
export type WebhookStanding = Pick<WebhookState, 'failures' | 'epoch' | 'disabledAt'>;

/** One registration as the store holds it, with its webhook's standing when one was recorded. */
export interface Registration {
  subscription: StoredSubscription;
  standing?: WebhookStanding;
}

interface WebhookRow {
  id: string;
  failures: number;
  epoch: number;
  disabled_at: string | null;
}

/**
 * The node's service subscriptions in its store file, the record a wipe of Redis cannot take
 * (decision 17): each registration (its secret included) and its webhook's standing. Redis keeps the
 * copy every instance reads; this instance's file follows it (`mirror`), and restores it after a
 * wipe. What the file holds is also kept in memory, so following Redis writes only what changed and
 * reads nothing from the file after the start.
 */
@Injectable()
export class RegistrationsRepository implements OnApplicationShutdown {
  private readonly db: Database.Database;
  private readonly upsert: Database.Statement<[string, string]>;
  private readonly remove: Database.Statement<[string]>;
  private readonly removeWebhook: Database.Statement<[string]>;
  private readonly upsertWebhook: Database.Statement<[string, number, number, string | null]>;
  // The file's contents: each registration's JSON by id, and each webhook's standing by id.
  private readonly bodies = new Map<string, string>();
  private readonly standings = new Map<string, WebhookStanding>();
  private readonly markFollowed: Database.Statement<[]>;
  private followed: boolean;

  constructor(config: NodeConfig) {
    // Synced with every commit: a registration acknowledged to its service must survive a power cut.
    this.db = openNodeStore(config.NODE_STORE_FILE, 'FULL');
    this.db.exec(SCHEMA);
    this.upsert = this.db.prepare('INSERT OR REPLACE INTO service_subscriptions (id, body) VALUES (?, ?)');
    this.remove = this.db.prepare('DELETE FROM service_subscriptions WHERE id = ?');
    this.removeWebhook = this.db.prepare('DELETE FROM service_webhooks WHERE id = ?');
    this.upsertWebhook = this.db.prepare(
      'INSERT OR REPLACE INTO service_webhooks (id, failures, epoch, disabled_at) VALUES (?, ?, ?, ?)',
    );
    this.markFollowed = this.db.prepare(
      'INSERT OR IGNORE INTO service_subscriptions_followed (slot) VALUES (1)',
    );
    this.followed =
      this.db.prepare<[], { slot: number }>('SELECT slot FROM service_subscriptions_followed').get() !==
      undefined;
    const rows = this.db.prepare<[], { id: string; body: string }>(
      'SELECT id, body FROM service_subscriptions',
    );
    for (const { id, body } of rows.all()) this.bodies.set(id, body);
    const webhooks = this.db.prepare<[], WebhookRow>(
      'SELECT id, failures, epoch, disabled_at FROM service_webhooks',
    );
    for (const row of webhooks.all()) this.standings.set(row.id, standingOf(row));
  }

  /**
   * True once this file has followed the node's registrations (a read of Redis or a change made
   * here): a new file's emptiness says nothing, so it restores nothing after a wipe.
   */
  knowsRegistrations(): boolean {
    return this.followed;
  }

  /** Every registration the file holds, with its webhook's standing. */
  all(): Registration[] {
    return [...this.bodies].map(([id, body]) => {
      const standing = this.standings.get(id);
      return {
        subscription: JSON.parse(body) as StoredSubscription,
        ...(standing === undefined ? {} : { standing }),
      };
    });
  }

  put(subscription: StoredSubscription): void {
    const body = JSON.stringify(subscription);
    if (this.bodies.get(subscription.id) === body) return;
    this.db.transaction(() => {
      this.upsert.run(subscription.id, body);
      this.follow();
    })();
    this.bodies.set(subscription.id, body);
  }

  /** Removes the registration and its webhook's standing. */
  delete(id: string): void {
    this.db.transaction(() => {
      this.remove.run(id);
      this.removeWebhook.run(id);
      this.follow();
    })();
    this.bodies.delete(id);
    this.standings.delete(id);
  }

  /**
   * Makes the file hold exactly `subscriptions` (every registration Redis holds, as read by this
   * instance), in one transaction; nothing is written when nothing changed.
   */
  mirror(subscriptions: readonly StoredSubscription[]): void {
    const wanted = new Map(subscriptions.map((one) => [one.id, JSON.stringify(one)]));
    const gone = [...new Set([...this.bodies.keys(), ...this.standings.keys()])].filter(
      (id) => !wanted.has(id),
    );
    const changed = [...wanted].filter(([id, body]) => this.bodies.get(id) !== body);
    if (gone.length === 0 && changed.length === 0 && this.followed) return;
    this.db.transaction(() => {
      this.follow();
      for (const id of gone) {
        this.remove.run(id);
        this.removeWebhook.run(id);
      }
      for (const [id, body] of changed) this.upsert.run(id, body);
    })();
    for (const id of gone) {
      this.bodies.delete(id);
      this.standings.delete(id);
    }
    for (const [id, body] of changed) this.bodies.set(id, body);
  }

  /** Records the webhook's standing; nothing is written when it did not change. */
  saveStanding(id: string, state: WebhookState): void {
    const { failures, epoch, disabledAt } = state;
    const known = this.standings.get(id);
    if (
      known !== undefined &&
      known.failures === failures &&
      known.epoch === epoch &&
      known.disabledAt === disabledAt
    ) {
      return;
    }
    this.upsertWebhook.run(id, failures, epoch, disabledAt ?? null);
    this.standings.set(id, { failures, epoch, ...(disabledAt === undefined ? {} : { disabledAt }) });
  }

  private follow(): void {
    if (this.followed) return;
    this.markFollowed.run();
    this.followed = true;
  }

  onApplicationShutdown(): void {
    this.db.close();
  }
}

function standingOf(row: WebhookRow): WebhookStanding {
  return {
    failures: row.failures,
    epoch: row.epoch,
    ...(row.disabled_at === null ? {} : { disabledAt: row.disabled_at }),
  };
}
