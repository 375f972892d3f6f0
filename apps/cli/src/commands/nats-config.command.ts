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
  tlsCert?: string;
  tlsKey?: string;
  tlsCa?: string;
  tlsVerify?: boolean;
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
      'generate the nats-server configuration (an account per node, nkey users, permissions, TLS) from ' +
        "the registry: the hub's, or a national site's leaf server's (--site)",
    )
    .option('--registry <file>', 'enrolled registry (with public keys)', DEFAULT_REGISTRY)
    .option('--out <file>', 'write the configuration here instead of to standard output')
    .option('--tls-cert <file>', "the server's TLS certificate (PEM), for every link it offers; required")
    .option('--tls-key <file>', 'its private key (PEM); required')
    .option(
      '--tls-ca <file>',
      "CA certificate (PEM) to verify others with: the hub's certificate at a site, client certificates with --tls-verify",
    )
    .option('--tls-verify', 'require a client certificate signed by --tls-ca from every client (mutual TLS)')
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
    .option('--leaf-listen <host:port>', 'hub: leaf node address for national sites (TLS)')
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
    .option('--hub-url <url>', "site: the hub's leaf node address, tls://host:port")
    .option(
      '--leaf-secrets <dir>',
      "folder of the sites' leaf secrets (<site>.leaf, created when missing)",
      DEFAULT_LEAF_SECRETS_DIR,
    )
    .action(async (options: NatsConfigCommandOptions) => {
      const settings = {
        registry: options.registry,
        tls: {
          certFile: options.tlsCert ?? '',
          keyFile: options.tlsKey ?? '',
          ...(options.tlsCa === undefined ? {} : { caFile: options.tlsCa }),
          verifyClients: options.tlsVerify === true,
        },
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
