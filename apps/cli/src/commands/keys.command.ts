import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { initKeys, showKey, type KeysInitResult } from '../keys/keys.service.js';

const DEFAULT_REGISTRY = 'deploy/registry/registry.yaml';
const DEFAULT_KEYS = '.data/keys';
const DEFAULT_OUT = '.data/registry.yaml';

function summary(result: KeysInitResult, keysDir: string): string {
  const width = Math.max(...result.nodes.map((node) => node.id.length));
  const rows = result.nodes.map(
    (node) => `${node.id.padEnd(width)}  ${node.seed.padEnd(9)}  ${node.publicKey}`,
  );
  const generated = result.nodes.filter((node) => node.seed === 'generated').length;
  return (
    `${rows.join('\n')}\n` +
    `Enrolled ${result.nodes.length} nodes into ${result.out} ` +
    `(${generated} new seeds, ${result.nodes.length - generated} kept in ${keysDir}).\n`
  );
}

/** `borderlink keys …`: node seeds and their enrolment into the registry. */
export function registerKeysCommands(program: Command, io: CliIo): void {
  const keys = program.command('keys').description('manage node keys (nkey seeds) and their enrolment');

  keys
    .command('init')
    .description('generate a seed for every registry node that lacks one and write the enrolled registry')
    .option('--registry <file>', 'registry to enrol', DEFAULT_REGISTRY)
    .option('--keys <dir>', 'folder of the seed files <node>.nk', DEFAULT_KEYS)
    .option('--out <file>', 'where to write the registry with public keys', DEFAULT_OUT)
    .action(async (options: { registry: string; keys: string; out: string }) => {
      const result = await initKeys(options);
      for (const warning of result.warnings) io.err(`warning: ${warning}\n`);
      io.out(summary(result, options.keys));
    });

  keys
    .command('show')
    .description("print a node's public key")
    .argument('<node>', 'node id')
    .option('--keys <dir>', 'folder of the seed files <node>.nk', DEFAULT_KEYS)
    .action(async (node: string, options: { keys: string }) => {
      io.out(`${await showKey(node, options.keys)}\n`);
    });
}
