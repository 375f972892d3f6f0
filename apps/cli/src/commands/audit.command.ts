import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { STREAM_AUDIT, isSubjectToken } from '#contracts';
import type { AuditChainSource } from '#operations';
import type { CliIo } from '../cli-io.js';
import { exportAuditEntries } from '../audit/audit-export.service.js';
import { verifyAuditChain } from '../audit/audit-verify.service.js';
import { UsageError } from '../cli.errors.js';
import { natsSourceOf, withNatsOptions, type NatsOptions } from './nats-options.js';

const DEFAULT_REGISTRY = '.data/registry.yaml';

interface SourceOptions extends NatsOptions {
  stream: string;
  registry: string;
  allowTruncatedStart?: boolean;
}

interface VerifyOptions extends SourceOptions {
  witness: string[];
}

interface ExportOptions extends SourceOptions {
  node: string;
  from: string;
  to: string;
  out?: string;
}

/** The options every audit command shares: where the chain is and what checks its checkpoints. */
function withSource(command: Command): Command {
  return withNatsOptions(command)
    .option('--stream <name>', 'stream holding the audit chain', STREAM_AUDIT)
    .option('--registry <file>', 'registry with the hub keys that sign checkpoints', DEFAULT_REGISTRY)
    .option('--allow-truncated-start', 'accept a chain whose oldest entries expired with the stream max age');
}

function sourceOf(options: SourceOptions): AuditChainSource {
  return {
    ...natsSourceOf(options),
    stream: options.stream,
    registry: options.registry,
    allowTruncatedStart: options.allowTruncatedStart === true,
  };
}

function instant(text: string, option: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new UsageError(`${option} ${text} is not an ISO 8601 time`);
  return date;
}

async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await rename(temporary, path);
}

/** `borderlink audit …`: verify the hub's audit chain and export what concerns one node. */
export function registerAuditCommands(program: Command, io: CliIo): void {
  const audit = program.command('audit').description("verify and export the hub's audit chain");

  withSource(
    audit
      .command('verify')
      .description(
        'check every entry, link and checkpoint, and the chain against what nodes witnessed; ' +
          'name the first break (exit code 1)',
      ),
  )
    .option(
      '--witness <url[,key file]>',
      "a node's base URL whose witness the chain must match (GET /v1/audit/witness), and the file of " +
        'an API key of that node with the monitor role and TLP:RED clearance; repeatable',
      (url: string, urls: string[]) => [...urls, url],
      [],
    )
    .action(async (options: VerifyOptions) => {
      io.out(await verifyAuditChain({ ...sourceOf(options), witnesses: options.witness }));
    });

  withSource(
    audit
      .command('export')
      .description('write, as JSON lines with proofs, the entries concerning one node (origin or recipient)')
      .requiredOption('--node <id>', 'node id')
      .requiredOption('--from <time>', 'first instant, ISO 8601')
      .requiredOption('--to <time>', 'last instant, ISO 8601')
      .option('--out <file>', 'file to write instead of standard output'),
  ).action(async (options: ExportOptions) => {
    if (!isSubjectToken(options.node)) throw new UsageError(`"${options.node}" is not a node id`);
    const from = instant(options.from, '--from');
    const to = instant(options.to, '--to');
    if (from > to) throw new UsageError('--from must not be after --to');
    const { lines, entries } = await exportAuditEntries({
      ...sourceOf(options),
      node: options.node,
      from,
      to,
    });
    const text = lines.map((line) => `${line}\n`).join('');
    if (options.out === undefined) {
      io.out(text);
      return;
    }
    await writeAtomically(options.out, text);
    io.err(`Exported ${entries} entries concerning ${options.node} to ${options.out}.\n`);
  });
}
