import type { Command } from 'commander';
import { STREAM_DEAD_LETTER } from '#contracts';
import type { CliIo } from '../cli-io.js';
import {
  dropDeadLetter,
  listDeadLetters,
  replayDeadLetter,
  replayDeadLetters,
  showDeadLetter,
  type DeadLetterFilter,
  type DeadLetterSource,
} from '#operations';
import { parseDeadLetterSequence } from '../dlq/dlq-args.js';
import {
  formatDeadLetter,
  formatDeadLetterTable,
  formatReplay,
  formatReplayAll,
  recordDetail,
  recordSummary,
} from '../dlq/dlq-format.js';
import { UsageError } from '../cli.errors.js';
import { natsSourceOf, withNatsOptions, type NatsOptions } from './nats-options.js';

type ConnectionOptions = NatsOptions;

interface FilterOptions {
  stream?: string;
  consumer?: string;
}

/** The options every dlq command shares: which server, as whom (the operator). */
const withConnection = withNatsOptions;

// By the subject a record was filed on, which only the consumer's owner may publish on.
function withFilter(command: Command): Command {
  return command
    .option('--stream <name>', 'only records filed for this stream (e.g. BL_DELIVERY)')
    .option('--consumer <name>', 'only records filed for this consumer (e.g. node-kz-border)');
}

function sourceOf(options: ConnectionOptions): DeadLetterSource {
  return { ...natsSourceOf(options), stream: STREAM_DEAD_LETTER };
}

function filterOf(options: FilterOptions): DeadLetterFilter {
  return {
    ...(options.stream === undefined ? {} : { stream: options.stream }),
    ...(options.consumer === undefined ? {} : { consumer: options.consumer }),
  };
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** `borderlink dlq …`: inspect, replay and drop the dead-letter records in BL_DLQ. */
export function registerDlqCommands(program: Command, io: CliIo): void {
  const dlq = program
    .command('dlq')
    .description('inspect, replay and drop dead letters (messages a consumer gave up on)');

  withFilter(
    withConnection(
      dlq
        .command('list')
        .description(
          'one line per dead letter, oldest first: who filed it (its subject) and whether it holds up against the server',
        ),
    ),
  )
    .option('--json', 'print JSON instead of a table')
    .action(async (options: ConnectionOptions & FilterOptions & { json?: boolean }) => {
      const records = await listDeadLetters(sourceOf(options), filterOf(options));
      io.out(options.json === true ? json(records.map(recordSummary)) : formatDeadLetterTable(records));
    });

  withConnection(
    dlq.command('show').description('one dead letter: where from, why, original headers and body'),
  )
    .argument('<seq>', 'sequence of the dead letter (see dlq list)')
    .option('--json', 'print JSON (body as text, or base64 when binary)')
    .action(async (seq: string, options: ConnectionOptions & { json?: boolean }) => {
      const record = await showDeadLetter(sourceOf(options), parseDeadLetterSequence(seq));
      io.out(options.json === true ? json(recordDetail(record)) : formatDeadLetter(record));
    });

  withFilter(
    withConnection(
      dlq
        .command('replay')
        .description(
          'publish the message a record names again, as its stream holds it, on its subject (id replay:<seq>:<tag>, so stored once), then remove the record; records that do not hold up are never replayed',
        ),
    ),
  )
    .argument('[seq]', 'sequence of the dead letter (see dlq list)')
    .option('--all', 'replay every dead letter (matching --stream/--consumer)')
    .action(
      async (seq: string | undefined, options: ConnectionOptions & FilterOptions & { all?: boolean }) => {
        const all = options.all === true;
        if (all === (seq !== undefined)) throw new UsageError('give either a dead-letter sequence or --all');
        if (!all && (options.stream !== undefined || options.consumer !== undefined)) {
          throw new UsageError('--stream and --consumer filter --all only');
        }
        io.out(
          all
            ? formatReplayAll(await replayDeadLetters(sourceOf(options), filterOf(options)))
            : formatReplay(await replayDeadLetter(sourceOf(options), parseDeadLetterSequence(seq!))),
        );
      },
    );

  withConnection(dlq.command('drop').description('delete one dead letter for good'))
    .argument('<seq>', 'sequence of the dead letter (see dlq list)')
    .option('--yes', 'confirm: the message is not delivered and the record is gone')
    .action(async (seq: string, options: ConnectionOptions & { yes?: boolean }) => {
      const sequence = parseDeadLetterSequence(seq);
      if (options.yes !== true) {
        throw new UsageError(`dropping deletes dead letter ${sequence} for good; add --yes to confirm`);
      }
      const record = await dropDeadLetter(sourceOf(options), sequence);
      io.out(
        `dropped dead letter ${record.seq} (${record.stream} ${record.consumer}, ${record.subject ?? 'no original'})\n`,
      );
    });
}
