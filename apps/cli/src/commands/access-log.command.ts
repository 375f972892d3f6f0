import { mkdir, open, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { exportAccessLog } from '../access-log/access-log-export.service.js';
import { verifyAccessLogFile, type AccessLogVerifyOptions } from '../access-log/access-log-verify.service.js';

interface ExportOptions {
  node: string;
  apiKeyFile: string;
  out?: string;
}

/** `borderlink access-log …`: export a node's access log and verify an export. */
export function registerAccessLogCommands(program: Command, io: CliIo): void {
  const accessLog = program
    .command('access-log')
    .description("export and verify a node's access log: who was handed which message");

  accessLog
    .command('export')
    .description('write the whole access log of a node, entries then its signed head, as JSON lines')
    .requiredOption('--node <url>', "the node's base URL")
    .requiredOption(
      '--api-key-file <file>',
      'file holding an API key of that node with the monitor or administrator role and TLP:RED clearance',
    )
    .option('--out <file>', 'file to write instead of standard output')
    .action(async (options: ExportOptions) => {
      const source = { node: options.node, apiKeyFile: options.apiKeyFile };
      if (options.out === undefined) {
        await exportAccessLog(source, async (text) => io.out(text));
        return;
      }
      // Written beside the target and renamed once whole, so a file under that name is a whole export.
      await mkdir(dirname(options.out), { recursive: true });
      const temporary = `${options.out}.${process.pid}.tmp`;
      const file = await open(temporary, 'w');
      try {
        const { entries, head } = await exportAccessLog(source, async (text) => {
          await file.write(text);
        });
        await file.close();
        await rename(temporary, options.out);
        io.err(`Exported ${entries} entries of ${head.node}'s access log to ${options.out}.\n`);
      } catch (error) {
        await file.close();
        await rm(temporary, { force: true });
        throw error;
      }
    });

  accessLog
    .command('verify <file>')
    .description(
      'check every entry, link and the signed head of an export; name the first entry at fault (exit code 1)',
    )
    .option('--key <nkey>', "the node's public nkey (U…), which must have signed the head")
    .option('--earlier <file>', 'an earlier export of the same log, whose head the log must still hold')
    .action(async (file: string, options: AccessLogVerifyOptions) => {
      io.out(await verifyAccessLogFile(file, options));
    });
}
