import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findBinary } from './binaries.js';
import { LOOPBACK } from './free-port.js';
import type { NatsServerHandle, SpawnNatsOptions } from './server-handle.js';
import { ServerProcess } from './server-process.js';
import { natsAnswers } from './server-probes.js';

const PORT_TOKEN = '{{port}}';
/** Replaced in config text by the server's JetStream store folder. */
export const STORE_DIR_TOKEN = '{{storeDir}}';

/**
 * `nats-server` spawned on a loopback port (JetStream on by default, its store in `<dir>/store`),
 * resolved once it accepts clients: what a local stack runs, and the last resort of the test harness.
 * @throws MissingBinaryError when nats-server is not installed; ServerStartError when it does not start.
 */
export async function spawnNatsServer(opts: SpawnNatsOptions = {}): Promise<NatsServerHandle> {
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
      if (opts.config !== undefined)
        await writeFile(configFile, renderNatsServerConfig(opts.config, port, storeDir));
      return natsServerArgs({ config: opts.config, configFile, host: LOOPBACK, port, storeDir, jetstream });
    },
    answers: (port) => natsAnswers(port, jetstream),
  });
  return { ...server.handle(opts.tls === true ? 'tls' : 'nats'), storeDir: join(server.dir, 'store') };
}

/** Where and how one nats-server runs, for {@link natsServerArgs}. */
export interface NatsServerArgsInput {
  /** Configuration text, written to `configFile`; absent runs without a file. */
  config: string | undefined;
  configFile: string;
  host: string;
  port: number;
  storeDir: string;
  jetstream: boolean;
}

/**
 * The command-line arguments of nats-server. Flags override the config file's listen address and
 * port; the store dir may be given only once, so a config that places it (`{{storeDir}}`) decides.
 */
export function natsServerArgs(input: NatsServerArgsInput): string[] {
  const args = input.config === undefined ? [] : ['-c', input.configFile];
  args.push('-a', input.host, '-p', String(input.port));
  if (input.jetstream && !(input.config ?? '').includes(STORE_DIR_TOKEN))
    args.push('-js', '-sd', input.storeDir);
  return args;
}

/** Configuration text with `{{port}}` and `{{storeDir}}` replaced by the server's own. */
export function renderNatsServerConfig(config: string, port: number, storeDir: string): string {
  return config.replaceAll(PORT_TOKEN, String(port)).replaceAll(STORE_DIR_TOKEN, storeDir);
}
