import { readFile } from 'node:fs/promises';
import { natsServerArgs, renderNatsServerConfig, spawnNatsServer, type NatsServerHandle } from '#process';
import { dockerEngineAnswers } from './docker-engine.js';
import { startServerContainer } from './server-container.js';
import type { StartNatsOptions } from './server-options.js';
import { sharedServer, sharedUrl } from './shared-server.js';

const NATS_IMAGE = 'nats:2.12-alpine';
const CONTAINER_PORT = 4222;
const CONTAINER_STORE_DIR = '/data';
const CONTAINER_CONFIG_FILE = '/etc/nats/test.conf';

/**
 * A NATS server for one test file (JetStream on by default). Source, first that applies: the shared
 * server at `NATS_URL` when `shared` is set (and no `config`); a `nats:2.12-alpine` container when a
 * Docker engine answers; otherwise `nats-server` spawned on a free loopback port with a temporary
 * store. Resolves once the server accepts clients (with JetStream ready when asked for).
 * @throws MissingBinaryError when none of these is available, saying how to install nats-server.
 */
export async function startNats(opts: StartNatsOptions = {}): Promise<NatsServerHandle> {
  const jetstream = opts.jetstream ?? true;
  const shared = opts.config === undefined ? sharedUrl(opts.shared, 'NATS_URL') : undefined;
  if (shared !== undefined) return sharedServer(shared);
  if (await dockerEngineAnswers()) return startNatsContainer(opts, jetstream);
  return spawnNatsServer({ config: opts.config, jetstream, tls: opts.tls });
}

async function startNatsContainer(opts: StartNatsOptions, jetstream: boolean): Promise<NatsServerHandle> {
  const { config } = opts;
  const [port, storeDir, configFile] = [CONTAINER_PORT, CONTAINER_STORE_DIR, CONTAINER_CONFIG_FILE];
  // Files the configuration names (certificates) go into the container at the same paths.
  const referenced = await Promise.all(
    (opts.files ?? []).map(async (path) => ({ content: await readFile(path, 'utf8'), target: path })),
  );
  return startServerContainer(
    {
      image: NATS_IMAGE,
      port,
      command: natsServerArgs({ config, configFile, host: '0.0.0.0', port, storeDir, jetstream }),
      files: [
        ...(config === undefined
          ? []
          : [{ content: renderNatsServerConfig(config, port, storeDir), target: configFile }]),
        ...referenced,
      ],
      readyLog: /Server is ready/,
    },
    opts.tls === true ? 'tls' : 'nats',
  );
}
