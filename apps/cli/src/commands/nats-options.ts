import type { Command } from 'commander';
import type { NatsSource } from '../nats-source.js';

const DEFAULT_NATS = 'nats://127.0.0.1:4222';

/** The options of a command that talks to NATS, as commander parses them. */
export interface NatsOptions {
  nats: string;
  seed?: string;
  creds?: string;
}

/** Adds `--nats`, `--seed` and `--creds` to `command`. */
export function withNatsOptions(command: Command): Command {
  return command
    .option('--nats <url>', 'NATS server URL(s), comma-separated', DEFAULT_NATS)
    .option('--seed <file>', 'nkey user seed file to authenticate with (e.g. .data/operator.nk)')
    .option('--creds <file>', 'NATS credentials file to authenticate with');
}

/** The source those options name. */
export function natsSourceOf(options: NatsOptions): NatsSource {
  return {
    nats: options.nats,
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.creds === undefined ? {} : { creds: options.creds }),
  };
}
