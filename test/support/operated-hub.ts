// A hub in-process on a NATS server running the generated configuration (authentication and
// permissions on), with Redis, and an operator user whose seed file operators' tools read.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { createTestParties, type TestParties } from '#hub/testing';
import { addRedisAppUser, startRedis, type NatsServerHandle, type RedisServerHandle } from '#testing';
import {
  bootHub,
  connectAs,
  generateOperatorKey,
  startSecuredNats,
  writeHubFiles,
  type HubFiles,
} from './secured-nats.js';

export interface OperatedHub {
  parties: TestParties;
  nats: NatsServerHandle;
  redis: RedisServerHandle;
  /** The hub's registry and seed files, in a folder of their own. */
  files: HubFiles;
  hub: INestApplication;
  /** The operator user's nkey seed file (`--seed`, CONSOLE_NATS_SEED_FILE). */
  operatorSeedFile: string;
  /** A connection as the operator user (full access to the hub's account). */
  operator: NatsConnection;
  /** Closes the operator connection and the hub, stops the servers, removes the files. */
  stop(): Promise<void>;
}

/** Starts the servers, the hub and the operator's connection; whatever started is stopped if a step fails. */
export async function startOperatedHub(prefix: string): Promise<OperatedHub> {
  const parties = createTestParties();
  const operatorKey = generateOperatorKey();
  const [nats, redis]: [NatsServerHandle, RedisServerHandle] = await Promise.all([
    startSecuredNats(parties.registry, { operatorKeys: [operatorKey.publicKey] }),
    startRedis(),
  ]);
  const stops: Array<() => Promise<unknown>> = [() => Promise.all([nats.stop(), redis.stop()])];
  const stop = async (): Promise<void> => {
    for (const step of stops.splice(0).reverse()) await step();
  };
  try {
    const files = await writeHubFiles(parties.registry, parties.seeds.get('hub') ?? '', prefix);
    stops.push(() => files.remove());
    const operatorSeedFile = join(files.dir, 'operator.nk');
    await writeFile(operatorSeedFile, `${operatorKey.seed}\n`, { mode: 0o600 });
    const hub = await bootHub(files, nats.url, await addRedisAppUser(redis.url, { kind: 'hub' }));
    stops.push(() => hub.close());
    const operator = await connectAs(nats.url, 'operator', operatorKey.seed);
    stops.push(() => operator.drain());
    return { parties, nats, redis, files, hub, operatorSeedFile, operator, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
