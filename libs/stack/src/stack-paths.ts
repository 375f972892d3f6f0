import { join, resolve } from 'node:path';

/** Where the local stack keeps its state, all under one data folder (`.data` by default). */
export interface StackPaths {
  data: string;
  /** Node seeds `<id>.nk`. */
  keys: string;
  /** The registry enrolled with the seeds' public keys, which the hub and nodes load. */
  registry: string;
  /** JetStream store and log of the stack's own nats-server, kept between runs. */
  nats: string;
  /** Folder, log and ACL file (`users.acl`) of the stack's own redis-server (no data persisted). */
  redis: string;
  /** One folder per app's Redis user, holding its password: `<user>/redis.pass`. */
  secrets: string;
  /** One JSON-lines log per app: `<id>.log`. */
  logs: string;
  /** The running stack's servers and URLs, for scripts. */
  stackFile: string;
  /** Seed of the operator NATS user (full access) that tools and tests connect with. */
  operatorSeed: string;
  /**
   * The private CA (`ca.pem`, which clients trust) and the certificate of the stack's NATS servers
   * (`nats.pem`, `nats-key.pem`), made on the first run.
   */
  tls: string;
}

/** The stack's paths under `dataDir`, made absolute (children and servers may change directory). */
export function stackPaths(dataDir: string): StackPaths {
  const data = resolve(dataDir);
  return {
    data,
    keys: join(data, 'keys'),
    registry: join(data, 'registry.yaml'),
    nats: join(data, 'nats'),
    redis: join(data, 'redis'),
    secrets: join(data, 'secrets'),
    logs: join(data, 'logs'),
    stackFile: join(data, 'stack.json'),
    operatorSeed: join(data, 'operator.nk'),
    tls: join(data, 'tls'),
  };
}

/** The log file of one app of the stack. */
export function appLogFile(paths: StackPaths, id: string): string {
  return join(paths.logs, `${id}.log`);
}
