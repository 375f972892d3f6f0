/** Where a server comes from: the environment (shared), a testcontainers container, or a spawned binary. */
export type ServerKind = 'env' | 'container' | 'process';

/** Controls of a server. Each handle owns its server, except a shared (`env`) one. */
export interface ServerHandle {
  /** Client URL, e.g. `nats://127.0.0.1:41234` (`tls://…` for a TLS server); the same after `restart()`. */
  readonly url: string;
  readonly kind: ServerKind;
  /**
   * Stops the server for good and removes its data (unless it was spawned in a kept `dir`, see
   * {@link LocalServerOptions}); idempotent. For a shared (`env`) server it does nothing: a handle
   * never stops what it did not start.
   */
  stop(): Promise<void>;
  /**
   * Graceful restart (SIGTERM, then start again) on the same port with the same data, or, after
   * `kill()`, brings the server back. Throws ServerControlError for a shared or stopped server.
   */
  restart(): Promise<void>;
  /**
   * Crash for fault injection: SIGKILL, no graceful shutdown, data kept; the server stays down
   * until `restart()`. Throws ServerControlError for a shared or stopped server.
   */
  kill(): Promise<void>;
}

/** A NATS server. */
export interface NatsServerHandle extends ServerHandle {
  /** The JetStream store folder of a spawned (`process`) server; undefined for other kinds. */
  readonly storeDir?: string;
}

/** A Redis server. It keeps no data on disk, so a restart starts empty (a Redis loss). */
export type RedisServerHandle = ServerHandle;

/** What a nats-server runs: its configuration, and whether JetStream is on. */
export interface NatsServerOptions {
  /**
   * nats-server configuration text. The client port is always bound by flag (`-a 127.0.0.1 -p
   * <port>` override the file), and `{{port}}` and `{{storeDir}}` are replaced in the text. If the
   * text does not mention `{{storeDir}}`, JetStream is enabled with `-js -sd <store>` unless
   * `jetstream` is false; if it does, the config's own `jetstream { store_dir: "{{storeDir}}" }`
   * decides (nats-server refuses a store dir given both ways).
   */
  config?: string;
  /** Enable JetStream (default true). */
  jetstream?: boolean;
  /** The configuration serves clients over TLS: the handle's URL is then `tls://…` (default false). */
  tls?: boolean;
}

/**
 * Where and how a spawned server binary runs when it serves a long-lived local stack rather than
 * one test (`spawnNatsServer`, `spawnRedisServer`).
 */
export interface LocalServerOptions {
  /**
   * Folder of the server's data and `server.log`, created if missing and kept on stop (default: a
   * temporary one, removed on stop).
   */
  dir?: string;
  /** Port to listen on when it is free; otherwise any free port. */
  port?: number;
  /**
   * Run in a process group of its own, so a terminal's Ctrl-C reaches only the owner, which stops
   * it in order.
   */
  detached?: boolean;
}

/** What a redis-server runs. */
export interface RedisServerOptions {
  /**
   * The text of its ACL file (`user … on #… ~… +…` lines), loaded at every start. Absent, Redis's own
   * `default` user lets every connection do anything.
   */
  acl?: string;
}

/** Options of `spawnNatsServer`. */
export type SpawnNatsOptions = NatsServerOptions & LocalServerOptions;
