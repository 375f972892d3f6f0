import type { Command } from 'commander';
import { privateTls } from '#process';
import type { CliIo } from '../cli-io.js';

const DEFAULT_DIR = '.data/tls';

interface InitOptions {
  dir: string;
  host: string[];
}

/** `borderlink tls init`: a private CA and a certificate for the NATS servers, for a local or test deployment. */
export function registerTlsCommands(program: Command, io: CliIo): void {
  const tls = program
    .command('tls')
    .description('certificates for the NATS servers (an agency brings its own in production)');
  tls
    .command('init')
    .description(
      'create a private CA (ca.pem) and a certificate for the NATS servers (nats.pem, nats-key.pem) ' +
        'in --dir, keeping what exists; clients trust ca.pem (NATS_CA_FILE)',
    )
    .option('--dir <dir>', 'folder of the CA and the certificate', DEFAULT_DIR)
    .option(
      '--host <name>',
      'a DNS name or IP address the servers are reached at (repeatable; default localhost and 127.0.0.1)',
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .action(async (options: InitOptions) => {
      const files = await privateTls({
        dir: options.dir,
        ...(options.host.length === 0 ? {} : { hosts: options.host }),
      });
      io.out(`CA: ${files.caFile}\ncertificate: ${files.certFile}\nkey: ${files.keyFile}\n`);
    });
}
