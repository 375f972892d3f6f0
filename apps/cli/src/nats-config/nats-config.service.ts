import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { loadRegistry, type Registry } from '#registry';
import { isUserPublicKey } from '#trust';
import { UsageError } from '../usage.error.js';
import { renderNatsConfig } from './nats-config.renderer.js';
import { natsUsers } from './nats-permissions.js';

/** Options of {@link natsConfigOf} and {@link writeNatsConfig}. */
export interface NatsConfigOptions {
  /** The enrolled registry (with public keys), e.g. `.data/registry.yaml`. */
  registry: string;
  /** Client address `host:port` written as `listen`. */
  listen?: string;
  /** JetStream store folder. */
  storeDir?: string;
  /** Monitoring address `host:port`. */
  monitor?: string;
  /** fsync every JetStream write (nats-server 2.10+). */
  syncAlways?: boolean;
  /** Public keys (`U…`) of operator users with full access. */
  operatorKeys?: readonly string[];
}

/** A generated configuration and what the operator should know about it. */
export interface NatsConfig {
  text: string;
  /** How many nkey users it defines. */
  users: number;
  /** Registry nodes without a usable key: they cannot connect until enrolled. */
  nodesWithoutKeys: string[];
}

const LISTEN = /^[^\s:]+:\d{1,5}$/;

/**
 * The nats-server configuration of a registry (see `renderNatsConfig`).
 * @throws UsageError for a malformed listen address or operator key; RegistryError for the registry.
 */
export function natsConfigOf(
  registry: Registry,
  options: Omit<NatsConfigOptions, 'registry'> & { source?: string },
): NatsConfig {
  for (const [flag, value] of [
    ['--listen', options.listen],
    ['--monitor', options.monitor],
  ] as const) {
    if (value !== undefined && !LISTEN.test(value)) {
      throw new UsageError(`${flag} takes host:port, e.g. 127.0.0.1:4222 (got "${value}")`);
    }
  }
  const badKey = (options.operatorKeys ?? []).find((key) => !isUserPublicKey(key));
  if (badKey !== undefined) throw new UsageError(`"${badKey}" is not an nkey user public key (U…)`);
  const users = natsUsers(registry, { operatorKeys: options.operatorKeys });
  const withKeys = new Set(users.map((user) => user.owner));
  return {
    text: renderNatsConfig({
      users,
      listen: options.listen,
      storeDir: options.storeDir,
      monitor: options.monitor,
      syncAlways: options.syncAlways,
      source: options.source,
    }),
    users: users.length,
    nodesWithoutKeys: registry.nodes.map((node) => node.id).filter((id) => !withKeys.has(id)),
  };
}

/**
 * `borderlink nats-config`: reads the registry and writes its server configuration to `out`
 * (atomically, so a server reloading it never reads half a file).
 */
export async function writeNatsConfig(options: NatsConfigOptions, out: string): Promise<NatsConfig> {
  const config = natsConfigOf(loadRegistry(options.registry), { ...options, source: options.registry });
  await mkdir(dirname(out), { recursive: true });
  const temporary = `${out}.${process.pid}.tmp`;
  await writeFile(temporary, config.text);
  await rename(temporary, out);
  return config;
}
