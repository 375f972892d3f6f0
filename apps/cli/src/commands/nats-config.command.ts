import type { Command } from 'commander';
import { loadRegistry } from '#registry';
import type { CliIo } from '../cli-io.js';
import { natsConfigOf, writeNatsConfig, type NatsConfig } from '../nats-config/nats-config.service.js';

const DEFAULT_REGISTRY = '.data/registry.yaml';

interface NatsConfigCommandOptions {
  registry: string;
  out?: string;
  listen?: string;
  storeDir?: string;
  monitor?: string;
  syncAlways?: boolean;
  operatorKey: string[];
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function warn(config: NatsConfig, io: CliIo): void {
  if (config.nodesWithoutKeys.length > 0) {
    io.err(
      `warning: no usable public key, so no NATS user, for: ${config.nodesWithoutKeys.join(', ')} ` +
        '(enrol them with `borderlink keys init`)\n',
    );
  }
}

/** `borderlink nats-config`: the nats-server configuration (nkey users, permissions) of the registry. */
export function registerNatsConfigCommand(program: Command, io: CliIo): void {
  program
    .command('nats-config')
    .description(
      'generate the nats-server configuration (nkey users and their permissions) from the registry',
    )
    .option('--registry <file>', 'enrolled registry (with public keys)', DEFAULT_REGISTRY)
    .option('--out <file>', 'write the configuration here instead of to standard output')
    .option('--listen <host:port>', 'client address of the server, e.g. 127.0.0.1:4222')
    .option('--store-dir <dir>', 'JetStream store folder')
    .option('--monitor <host:port>', 'monitoring address (/healthz, /varz, /jsz)')
    .option('--sync-always', 'fsync every JetStream write (nats-server 2.10+; single-server deployments)')
    .option(
      '--operator-key <U…>',
      'public key of an operator user with full access (repeatable)',
      collect,
      [],
    )
    .action(async (options: NatsConfigCommandOptions) => {
      const settings = {
        registry: options.registry,
        listen: options.listen,
        storeDir: options.storeDir,
        monitor: options.monitor,
        syncAlways: options.syncAlways,
        operatorKeys: options.operatorKey,
      };
      if (options.out === undefined) {
        const config = natsConfigOf(loadRegistry(options.registry), {
          ...settings,
          source: options.registry,
        });
        warn(config, io);
        io.out(config.text);
        return;
      }
      const config = await writeNatsConfig(settings, options.out);
      warn(config, io);
      io.out(`Wrote ${options.out}: ${config.users} nkey users from ${options.registry}.\n`);
    });
}
