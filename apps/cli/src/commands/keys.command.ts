import type { Command } from 'commander';
import { initKeys, revokeKey, rotateKey, showKey, type KeysInitResult } from '#registry';
import type { CliIo } from '../cli-io.js';

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
    .option(
      '--secrets <dir>',
      "also copy each node's seed to <dir>/<node>/seed.nk, to be mounted into that node's container alone",
    )
    .action(async (options: { registry: string; keys: string; out: string; secrets?: string }) => {
      const result = await initKeys(options);
      for (const warning of result.warnings) io.err(`warning: ${warning}\n`);
      io.out(summary(result, options.keys));
      if (options.secrets !== undefined) io.out(`Copied each seed to ${options.secrets}/<node>/seed.nk.\n`);
    });

  keys
    .command('show')
    .description("print a node's public key")
    .argument('<node>', 'node id')
    .option('--keys <dir>', 'folder of the seed files <node>.nk', DEFAULT_KEYS)
    .action(async (node: string, options: { keys: string }) => {
      io.out(`${await showKey(node, options.keys)}\n`);
    });

  keys
    .command('rotate')
    .description('give a node a new key; old and new both verify until the old one is revoked')
    .argument('<node>', 'node id')
    .option('--keys <dir>', 'folder of the seed files <node>.nk', DEFAULT_KEYS)
    .option('--registry <file>', 'enrolled registry the hub and nodes read', DEFAULT_OUT)
    .action(async (node: string, options: { keys: string; registry: string }) => {
      const result = await rotateKey(node, options);
      io.out(
        `${node}: new key ${result.newKey} valid from ${result.from}; old key ${result.oldKey} still valid\n` +
          `old seed kept at ${result.archived}; restart the node to sign with the new key, then run\n` +
          `  borderlink keys revoke ${node} --key ${result.oldKey}\n`,
      );
    });

  keys
    .command('revoke')
    .description('revoke a node key: messages it signed from the revocation time on are refused')
    .argument('<node>', 'node id')
    .requiredOption('--key <key>', 'the public key (U…) to revoke')
    .option('--at <time>', 'revocation time (RFC 3339); now when absent')
    .option('--registry <file>', 'enrolled registry the hub and nodes read', DEFAULT_OUT)
    .action(async (node: string, options: { key: string; at?: string; registry: string }) => {
      const at = await revokeKey(node, options);
      io.out(`${node}: key ${options.key} revoked at ${at}\n`);
    });
}
