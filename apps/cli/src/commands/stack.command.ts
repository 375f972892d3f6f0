import { fileURLToPath } from 'node:url';
import { Option, type Command } from 'commander';
import { readLogTail } from '#process';
import type { CliIo } from '../cli-io.js';
import { DemoMessageGenerator, loadDemoTemplates } from '../stack/demo-messages.js';
import { DemoPublisher } from '../stack/demo-publisher.js';
import { DEFAULT_STACK_NODES } from '../stack/node-selection.js';
import { UnexpectedExitError } from '../stack/stack.errors.js';
import { launchStack, type RunningStack, type StackExit } from '../stack/stack-launcher.js';
import { renderStackTable } from '../stack/stack-summary.js';
import { listenForStop } from '../stack/stop-signal.js';

const DEFAULT_REGISTRY = 'deploy/registry/registry.yaml';
const DEFAULT_DATA = '.data';
const DEMO_EXAMPLES = 'docs/examples';
// This module runs from dist/apps/cli/src/commands/; the apps it starts are compiled beside it.
const DIST_DIR = fileURLToPath(new URL('../../../../', import.meta.url));

interface UpOptions {
  demo: boolean;
  nodes?: string;
  site: string[];
  data: string;
  registry: string;
  natsUrl?: string;
  redisUrl?: string;
}

// Enough of a log to show why a process died; the file holds the rest.
const TAIL_LINES = 12;

async function lastLines(file: string): Promise<string> {
  return (await readLogTail(file)).split('\n').slice(-TAIL_LINES).join('\n');
}

function describeExit(exit: StackExit): string {
  const how = exit.signal === null ? `with code ${exit.code}` : `on signal ${exit.signal}`;
  return `${exit.name} exited unexpectedly ${how}`;
}

// The demo stream goes out through the running nodes, each message posted by its sender.
async function startDemo(stack: RunningStack, io: CliIo): Promise<DemoPublisher> {
  const { nodes } = stack.summary;
  const generator = new DemoMessageGenerator(
    stack.registry,
    nodes.map((node) => node.id),
    await loadDemoTemplates(DEMO_EXAMPLES),
  );
  const publisher = new DemoPublisher(generator, new Map(nodes.map((node) => [node.id, node.url])), io);
  publisher.start();
  return publisher;
}

/**
 * `borderlink up`: the whole system on this machine until Ctrl-C, or until one of its processes
 * dies, which stops the rest and fails the command. Whatever happens, what was started is stopped.
 */
async function up(options: UpOptions, io: CliIo): Promise<void> {
  const stop = listenForStop();
  let stack: RunningStack | undefined;
  let demo: DemoPublisher | undefined;
  try {
    stack = await launchStack(
      {
        dataDir: options.data,
        registry: options.registry,
        nodes: options.nodes,
        sites: options.site,
        distDir: DIST_DIR,
        given: { natsUrl: options.natsUrl, redisUrl: options.redisUrl },
      },
      io,
    );
    const died = new Promise<StackExit>((resolve) => stack?.onUnexpectedExit(resolve));
    io.out(
      `\n${renderStackTable(stack.summary)}\nstack: ${stack.paths.stackFile}. Ctrl-C stops everything.\n\n`,
    );
    if (options.demo) demo = await startDemo(stack, io);

    const ended = await Promise.race([stop.received.then(() => undefined), died]);
    if (ended !== undefined) {
      io.err(`\n${describeExit(ended)}. The end of ${ended.logFile}:\n${await lastLines(ended.logFile)}\n\n`);
      throw new UnexpectedExitError(`${describeExit(ended)}; the stack was stopped`);
    }
  } finally {
    if (stack !== undefined) {
      io.out('stopping…\n');
      await demo?.stop();
      await stack.stop();
      io.out('stopped.\n');
    }
    stop.dispose();
  }
}

/** `borderlink up`: NATS, Redis, the hub and demo nodes on this machine. */
export function registerStackCommands(program: Command, io: CliIo): void {
  program
    .command('up')
    .description('run the system locally: NATS, Redis, the hub and agency nodes, until Ctrl-C')
    .option('--demo', 'publish a stream of realistic alerts and notices through the nodes', false)
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
      new Option('--redis-url <url>', 'use this Redis server instead of starting one').env('REDIS_URL'),
    )
    .action((options: UpOptions) => up(options, io));
}
