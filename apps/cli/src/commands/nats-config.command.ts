import type { Command } from 'commander';
import { DEFAULT_LEAF_SECRETS_DIR, loadNatsConfig, writeNatsConfig, type NatsConfig } from '#nats-config';
import type { CliIo } from '../cli-io.js';

const DEFAULT_REGISTRY = '.data/registry.yaml';

interface NatsConfigCommandOptions {
  registry: string;
  out?: string;
  listen?: string;
  storeDir?: string;
  monitor?: string;
  syncAlways?: boolean;
  operatorKey: string[];
  leafListen?: string;
  leafSite: string[];
  site?: string;
  hubUrl?: string;
  leafSecrets: string;
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
      'generate the nats-server configuration (nkey users and their permissions) from the registry: ' +
        "the hub's, or a national site's leaf server's (--site)",
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
    .option('--leaf-listen <host:port>', 'hub: leaf node address for national sites (JetStream domain hub)')
    .option(
      '--leaf-site <site>',
      'hub: a national site (e.g. kz) whose leaf server may connect (repeatable)',
      collect,
      [],
    )
    .option(
      '--site <site>',
      "render this national site's leaf server configuration (e.g. kz) instead of the hub's",
    )
    .option('--hub-url <url>', "site: the hub's leaf node address, nats-leaf://host:port")
    .option(
      '--leaf-secrets <dir>',
      "folder of the sites' leaf secrets (<site>.leaf, created when missing)",
      DEFAULT_LEAF_SECRETS_DIR,
    )
    .action(async (options: NatsConfigCommandOptions) => {
      const settings = {
        registry: options.registry,
        listen: options.listen,
        storeDir: options.storeDir,
        monitor: options.monitor,
        syncAlways: options.syncAlways,
        operatorKeys: options.operatorKey,
        leafListen: options.leafListen,
        leafSites: options.leafSite,
        site: options.site,
        hubUrl: options.hubUrl,
        leafSecretsDir: options.leafSecrets,
      };
      if (options.out === undefined) {
        const config = await loadNatsConfig(settings);
        warn(config, io);
        io.out(config.text);
        return;
      }
      const config = await writeNatsConfig(settings, options.out);
      warn(config, io);
      io.out(`Wrote ${options.out}: ${config.users} nkey users from ${options.registry}.\n`);
    });
}
