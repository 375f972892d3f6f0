import { join } from 'node:path';
import type { Command } from 'commander';
import { importCapFiles, outcomeLine, stackNode, type NodeTarget } from '../cap/cap-import.service.js';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../cli.errors.js';

const DEFAULT_DATA = '.data';

interface ImportCapOptions {
  nodeUrl?: string;
  node?: string;
  apiKey?: string;
  regions?: string;
  data: string;
}

async function targetOf(options: ImportCapOptions): Promise<NodeTarget> {
  const stack = await stackNode(join(options.data, 'stack.json'), options.node);
  const url = options.nodeUrl ?? stack?.url;
  const apiKey = options.apiKey ?? stack?.apiKey;
  if (url === undefined || apiKey === undefined) {
    throw new UsageError('name the node with --node-url and --api-key (no local stack is running)');
  }
  return { url: url.replace(/\/$/, ''), apiKey };
}

/** `borderlink import cap <files…>`: OASIS CAP 1.2 documents posted to a node as its alerts. */
export function registerImportCommands(program: Command, io: CliIo): void {
  const command = program.command('import').description('bring documents of other standards into a node');
  command
    .command('cap')
    .description(
      "post OASIS CAP 1.2 documents to a node, each as the node's alert; one line a file says what became of it",
    )
    .argument('<files...>', 'CAP 1.2 documents (XML)')
    .option('--node-url <url>', "the node's base URL (default: the local stack's, from <data>/stack.json)")
    .option('--node <id>', "which of the local stack's nodes (default: its first)")
    .option('--api-key <key>', "an API key of the node with the author role (default: the local stack's)")
    .option('--regions <ids>', 'registry regions the documents concern, comma-separated')
    .option('--data <dir>', "the local stack's data folder", DEFAULT_DATA)
    .action(async (files: string[], options: ImportCapOptions) => {
      const target = await targetOf(options);
      const regions = (options.regions ?? '')
        .split(',')
        .map((r) => r.trim())
        .filter((r) => r !== '');
      const outcomes = await importCapFiles(files, target, regions);
      for (const outcome of outcomes) {
        const line = `${outcomeLine(outcome)}\n`;
        if ('id' in outcome) io.out(line);
        else io.err(line);
      }
      const refused = outcomes.filter((outcome) => !('id' in outcome)).length;
      if (refused > 0) throw new UsageError(`${refused} of ${outcomes.length} documents were not imported`);
    });
}
