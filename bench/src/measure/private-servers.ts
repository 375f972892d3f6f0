import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { HUB_JETSTREAM_DOMAIN } from '#contracts';
import {
  STORE_DIR_TOKEN,
  privateTls,
  spawnNatsServer,
  spawnRedisServer,
  type NatsServerHandle,
  type RedisServerHandle,
} from '#process';

/** Where a benchmark client connects: the server's URL and the CA its certificate is checked against. */
export interface BenchNats {
  url: string;
  caFile: string;
}

/** Connects a benchmark client over TLS, as every client of ours does. */
export function connectBench(nats: BenchNats, name: string): Promise<NatsConnection> {
  return connect({ servers: nats.url, name, tls: { caFile: nats.caFile } });
}

/** A nats-server (JetStream, TLS, file store in a temporary folder) and a redis-server of one scenario, on loopback. */
export interface PrivateServers {
  nats: NatsServerHandle;
  /** How clients reach `nats`. */
  natsClient: BenchNats;
  redis: RedisServerHandle;
  stop(): Promise<void>;
}

/**
 * Spawns the scenario's own servers from the binaries (never the shared 4222/6379 ones, never
 * containers: the figures must compare with raw NATS on this same machine). NATS serves TLS on a
 * throwaway CA, so that the apps and the raw baseline pay for it alike. It takes any client, all in
 * one account, whose JetStream domain `hub` stands in for the imports through which a node's own
 * account reaches the hub's API in a deployment (docs/decisions.md §24).
 */
export async function startPrivateServers(): Promise<PrivateServers> {
  const tlsDir = await mkdtemp(join(tmpdir(), 'bl-bench-tls-'));
  const tls = await privateTls({ dir: tlsDir });
  const config = [
    'tls {',
    `  cert_file: ${JSON.stringify(tls.certFile)}`,
    `  key_file: ${JSON.stringify(tls.keyFile)}`,
    '  timeout: 5',
    '}',
    `jetstream { domain: ${JSON.stringify(HUB_JETSTREAM_DOMAIN)}, store_dir: ${JSON.stringify(STORE_DIR_TOKEN)} }`,
    '',
  ].join('\n');
  const nats = await spawnNatsServer({ config, tls: true });
  let redis: RedisServerHandle;
  try {
    redis = await spawnRedisServer();
  } catch (error) {
    await nats.stop();
    await rm(tlsDir, { recursive: true, force: true });
    throw error;
  }
  return {
    nats,
    natsClient: { url: nats.url, caFile: tls.caFile },
    redis,
    stop: async () => {
      await Promise.all([nats.stop(), redis.stop()]);
      await rm(tlsDir, { recursive: true, force: true });
    },
  };
}
