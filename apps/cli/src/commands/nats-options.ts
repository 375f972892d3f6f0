import { Option, type Command } from 'commander';
import type { NatsSource } from '#operations';
import { findLocalStack } from '../local-stack/local-stack.js';

const DEFAULT_NATS = 'tls://127.0.0.1:4222';

/** The options of a command that talks to NATS, as commander parses them. */
export interface NatsOptions extends Partial<NatsSource> {
  stack?: string;
}

/** Adds `--nats`, `--ca`, `--cert`, `--key`, `--seed`, `--creds` and `--stack` to `command`. */
export function withNatsOptions(command: Command): Command {
  return command
    .option(
      '--nats <url>',
      `NATS server URL(s), comma-separated (always TLS; default: the local stack's, else ${DEFAULT_NATS})`,
    )
    .addOption(
      new Option(
        '--ca <file>',
        "CA certificate of the server's TLS certificate (e.g. .data/tls/ca.pem; default: the local stack's, else the system's)",
      ).env('NATS_CA_FILE'),
    )
    .option('--cert <file>', 'client certificate, for a server that requires one (with --key)')
    .option('--key <file>', "the client certificate's private key")
    .option(
      '--seed <file>',
      "nkey user seed file to authenticate with (default: the local stack's operator.nk)",
    )
    .option('--creds <file>', 'NATS credentials file to authenticate with')
    .addOption(
      new Option(
        '--stack <file>',
        "the local stack's stack.json or data folder (default: .data/stack.json here, when --nats is not given)",
      ).env('BORDERLINK_STACK'),
    );
}

/**
 * The source those options name. Without `--nats`, the local stack's NATS (`.data/stack.json`, as
 * `npm start` writes it), its CA and its operator's seed unless given, so that the operator
 * commands run in the project folder reach the stack rather than the machine's default server.
 */
export function natsSourceOf(options: NatsOptions): NatsSource {
  const stack = options.nats === undefined ? findLocalStack(options.stack) : undefined;
  const ownAuth = options.seed !== undefined || options.creds !== undefined;
  const { ca, cert, key, seed, creds } = {
    ...options,
    ...(stack !== undefined && options.ca === undefined && stack.summary.natsCa !== undefined
      ? { ca: stack.summary.natsCa }
      : {}),
    ...(stack?.operatorSeed !== undefined && !ownAuth ? { seed: stack.operatorSeed } : {}),
  };
  const files = Object.entries({ ca, cert, key, seed, creds }).filter(([, file]) => file !== undefined);
  return { nats: options.nats ?? stack?.summary.nats ?? DEFAULT_NATS, ...Object.fromEntries(files) };
}
