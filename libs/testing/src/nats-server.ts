import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findBinary } from './binaries.js';
import { dockerEngineAnswers } from './docker-engine.js';
import { LOOPBACK } from './free-port.js';
import type { LocalServerOptions, NatsServerHandle, StartNatsOptions } from './server-handle.js';
import { startServerContainer } from './server-container.js';
import { ServerProcess } from './server-process.js';
import { natsAnswers } from './server-probes.js';
import { sharedServer, sharedUrl } from './shared-server.js';

const NATS_IMAGE = 'nats:2.12-alpine';
const CONTAINER_PORT = 4222;
const CONTAINER_STORE_DIR = '/data';
const CONTAINER_CONFIG_FILE = '/etc/nats/test.conf';
const PORT_TOKEN = '{{port}}';
/** Replaced in config text by the server's JetStream store folder. */
export const STORE_DIR_TOKEN = '{{storeDir}}';

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
  if (await dockerEngineAnswers()) return startNatsContainer(opts.config, jetstream);
  return spawnNatsServer({ config: opts.config, jetstream });
}

/**
 * `nats-server` spawned on a loopback port (JetStream on by default, its store in `<dir>/store`),
 * resolved once it accepts clients: the last resort of {@link startNats}, and what a local stack runs.
 * @throws MissingBinaryError when nats-server is not installed; ServerStartError when it does not start.
 */
export async function spawnNatsServer(
  opts: Omit<StartNatsOptions, 'shared'> & LocalServerOptions = {},
): Promise<NatsServerHandle> {
  const jetstream = opts.jetstream ?? true;
  const binary = findBinary('nats-server', ['/usr/sbin/nats-server']);
  const server = await ServerProcess.start({
    name: 'nats-server',
    binary,
    dir: opts.dir,
    port: opts.port,
    detached: opts.detached,
    async args(port, dir) {
      const storeDir = join(dir, 'store');
      const configFile = join(dir, 'nats.conf');
      if (opts.config !== undefined) await writeFile(configFile, renderConfig(opts.config, port, storeDir));
      return natsArgs({ config: opts.config, configFile, host: LOOPBACK, port, storeDir, jetstream });
    },
    answers: (port) => natsAnswers(port, jetstream),
  });
  return { ...server.handle('nats'), storeDir: join(server.dir, 'store') };
}

function startNatsContainer(config: string | undefined, jetstream: boolean): Promise<NatsServerHandle> {
  const [port, storeDir, configFile] = [CONTAINER_PORT, CONTAINER_STORE_DIR, CONTAINER_CONFIG_FILE];
  return startServerContainer(
    {
      image: NATS_IMAGE,
      port,
      command: natsArgs({ config, configFile, host: '0.0.0.0', port, storeDir, jetstream }),
      files:
        config === undefined ? [] : [{ content: renderConfig(config, port, storeDir), target: configFile }],
      readyLog: /Server is ready/,
    },
    'nats',
  );
}

interface NatsArgsInput {
  config: string | undefined;
  configFile: string;
  host: string;
  port: number;
  storeDir: string;
  jetstream: boolean;
}

// Flags override the config file's listen address and port; the store dir may be given only once.
function natsArgs(input: NatsArgsInput): string[] {
  const args = input.config === undefined ? [] : ['-c', input.configFile];
  args.push('-a', input.host, '-p', String(input.port));
  if (input.jetstream && !(input.config ?? '').includes(STORE_DIR_TOKEN))
    args.push('-js', '-sd', input.storeDir);
  return args;
}

function renderConfig(config: string, port: number, storeDir: string): string {
  return config.replaceAll(PORT_TOKEN, String(port)).replaceAll(STORE_DIR_TOKEN, storeDir);
}
