import { Option, type Command } from 'commander';
import type { NatsSource } from '#operations';

const DEFAULT_NATS = 'tls://127.0.0.1:4222';

/** The options of a command that talks to NATS, as commander parses them: a NatsSource's fields. */
export type NatsOptions = NatsSource;

/** Adds `--nats`, `--ca`, `--cert`, `--key`, `--seed` and `--creds` to `command`. */
export function withNatsOptions(command: Command): Command {
  return command
    .option('--nats <url>', 'NATS server URL(s), comma-separated (always TLS)', DEFAULT_NATS)
    .addOption(
      new Option(
        '--ca <file>',
        "CA certificate of the server's TLS certificate (e.g. .data/tls/ca.pem; default: the system's)",
      ).env('NATS_CA_FILE'),
    )
    .option('--cert <file>', 'client certificate, for a server that requires one (with --key)')
    .option('--key <file>', "the client certificate's private key")
    .option('--seed <file>', 'nkey user seed file to authenticate with (e.g. .data/operator.nk)')
    .option('--creds <file>', 'NATS credentials file to authenticate with');
}

/** The source those options name. */
export function natsSourceOf({ nats, ca, cert, key, seed, creds }: NatsOptions): NatsSource {
  const files = Object.entries({ ca, cert, key, seed, creds }).filter(([, file]) => file !== undefined);
  return { nats, ...Object.fromEntries(files) };
}
