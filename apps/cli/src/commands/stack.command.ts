import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import { DEFAULT_STACK_NODES, runStack } from '#stack';
import type { CliIo } from '../cli-io.js';

const DEFAULT_REGISTRY = 'deploy/registry/registry.yaml';
const DEFAULT_DATA = '.data';
const DEMO_EXAMPLES = 'docs/examples';
// This module runs from dist/apps/cli/src/commands/; the apps it starts are compiled beside it.
const DIST_DIR = fileURLToPath(new URL('../../../../', import.meta.url));

interface UpOptions {
  demo: boolean;
  watch: boolean;
  nodes?: string;
  site: string[];
  data: string;
  registry: string;
  natsUrl?: string;
  natsCa?: string;
  redisUrl?: string;
}

/** `borderlink up`: NATS, Redis, the hub and demo nodes on this machine. */
export function registerStackCommands(program: Command, io: CliIo): void {
  program
    .command('up')
    .description('run the system locally: NATS, Redis, the hub and agency nodes, until Ctrl-C')
    .option('--demo', 'publish a stream of realistic alerts and notices through the nodes', false)
    .option('--watch', 'restart each app whenever its compiled code changes (npm run dev)', false)
    .option(
      '--nodes <ids>',
      `agency nodes to start: comma-separated ids, or "all" (default: ${DEFAULT_STACK_NODES.join(',')})`,
    )
    .option(
      '--data <dir>',
      'folder of keys, enrolled registry, server data, logs and stack.json',
      DEFAULT_DATA,
    )
    .option(
      '--site <site>',
      "run a national site (e.g. kz) as a leaf server with its country's nodes on it (repeatable)",
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .option('--registry <file>', 'registry to enrol', DEFAULT_REGISTRY)
    .addOption(
      new Option(
        '--nats-url <url>',
        'use this NATS server instead of starting one (it must run the `borderlink nats-config` configuration)',
      ).env('NATS_URL'),
    )
    .addOption(
      new Option(
        '--nats-ca <file>',
        "with --nats-url: the CA of that server's certificate (default: the system's)",
      ).env('NATS_CA_FILE'),
    )
    .addOption(
      new Option('--redis-url <url>', 'use this Redis server instead of starting one').env('REDIS_URL'),
    )
    .action((options: UpOptions) =>
      runStack(
        {
          dataDir: options.data,
          registry: options.registry,
          nodes: options.nodes,
          sites: options.site,
          distDir: DIST_DIR,
          given: { natsUrl: options.natsUrl, natsCaFile: options.natsCa, redisUrl: options.redisUrl },
          demoExamples: options.demo ? DEMO_EXAMPLES : undefined,
          watch: options.watch,
        },
        io,
      ),
    );
}
