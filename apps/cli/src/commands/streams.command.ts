import type { Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../cli.errors.js';
import { provisionDeclaredStreams } from '../streams/streams.service.js';
import { natsSourceOf, withNatsOptions, type NatsOptions } from './nats-options.js';

interface ProvisionOptions extends NatsOptions {
  replicas: string;
}

/** `borderlink streams provision`: the operator's migration of the hub's streams. */
export function registerStreamsCommands(program: Command, io: CliIo): void {
  const streams = program.command('streams').description("the hub's JetStream streams");
  withNatsOptions(
    streams
      .command('provision')
      .description(
        'bring every stream to its declared configuration, BL_AUDIT included (which the hub may only ' +
          'create): run as an operator after an upgrade that the hub reports, or to change replicas',
      ),
  )
    .option('--replicas <n>', 'copies of each stream (3 on a three-server cluster)', '1')
    .action(async (options: ProvisionOptions) => {
      const replicas = Number(options.replicas);
      if (!Number.isInteger(replicas) || replicas < 1 || replicas > 5)
        throw new UsageError(`--replicas takes 1 to 5 (got "${options.replicas}")`);
      const names = await provisionDeclaredStreams(natsSourceOf(options), replicas);
      io.out(`provisioned ${names.join(', ')} with ${replicas} replica(s)\n`);
    });
}
