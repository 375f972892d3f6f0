import { Presets, SingleBar } from 'cli-progress';
import type { Command } from 'commander';
import { BorderlinkClient, BorderlinkError, type Accepted } from '#client';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../cli.errors.js';
import { inboxDetails, inboxLine } from '../agency/inbox-lines.js';
import { readMessageFile } from '../agency/message-files.js';
import { resolveNodeTarget, type NodeOptions, type NodeTarget } from '../agency/node-target.js';
import { withNodeOptions } from './agency-options.js';

interface InboxOptions extends NodeOptions {
  follow?: boolean;
  limit: string;
  kind?: 'alert' | 'notice' | 'reply' | 'reminder' | 'match';
  json?: boolean;
}

interface ReplyOptions extends NodeOptions {
  text: string;
  headline?: string;
  language: string;
}

/** Thrown after a bulk send whose every failure was already printed on its own line. */
export class SomeFailedError extends Error {
  override readonly name = 'SomeFailedError';
}

async function connect(options: NodeOptions): Promise<{ client: BorderlinkClient; target: NodeTarget }> {
  const target = await resolveNodeTarget(options);
  return { client: new BorderlinkClient({ url: target.url, credentials: target.credentials }), target };
}

function positiveInteger(text: string, option: string, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1 || value > max) {
    throw new UsageError(`${option} takes a whole number from 1 to ${max} (got "${text}")`);
  }
  return value;
}

const acceptedLine = (type: string, file: string, accepted: Accepted, target: NodeTarget): string =>
  `${type} ${accepted.id} ${accepted.duplicate ? 'already ' : ''}${accepted.status} by ${target.name}${file === '' ? '' : ` (${file})`}\n`;

/** `borderlink send|inbox|show|ack|reply`: an agency's messages at its node, through @borderlink/client. */
export function registerMessagesCommands(program: Command, io: CliIo): void {
  withNodeOptions(
    program
      .command('send')
      .description('send alerts and notices, one JSON file each (docs/examples/alert.json, notice.json)')
      .argument('<files...>', 'alert or notice files (a notice has a kind NOTICE_KIND_…)'),
  ).action(async (files: string[], options: NodeOptions) => {
    const messages = await Promise.all(files.map((file) => readMessageFile(file)));
    const { client, target } = await connect(options);
    if (messages.length === 1) {
      const [message] = messages as [(typeof messages)[number]];
      const accepted =
        message.type === 'alert'
          ? await client.sendAlert(message.body)
          : await client.sendNotice(message.body);
      io.out(acceptedLine(message.type, '', accepted, target));
      return;
    }
    const bar =
      io.progress?.isTTY === true
        ? new SingleBar(
            { stream: io.progress, format: 'sending {bar} {value}/{total}  {file}', hideCursor: true },
            Presets.shades_classic,
          )
        : undefined;
    bar?.start(messages.length, 0, { file: '' });
    // Printed once the bar is gone, so that no line is drawn over.
    const lines: string[] = [];
    const refusals: string[] = [];
    for (const message of messages) {
      bar?.update({ file: message.file });
      try {
        const accepted =
          message.type === 'alert'
            ? await client.sendAlert(message.body)
            : await client.sendNotice(message.body);
        lines.push(acceptedLine(message.type, message.file, accepted, target));
      } catch (error) {
        // A refusal of one file does not stop the others; one a node cannot be reached for would.
        if (!(error instanceof BorderlinkError) || error.name === 'BorderlinkUnreachableError') {
          bar?.stop();
          throw error;
        }
        refusals.push(`borderlink: ${message.file}: ${error.message}\n`);
      }
      bar?.increment();
    }
    bar?.stop();
    io.out(lines.join(''));
    io.err(refusals.join(''));
    if (refusals.length > 0) {
      throw new SomeFailedError(`${refusals.length} of ${messages.length} files were refused (see above)`);
    }
  });

  withNodeOptions(
    program
      .command('inbox')
      .description(
        "list the node's inbox, newest last; with --follow, then print each new message as it arrives",
      )
      .option('-f, --follow', 'stay connected and print messages as they arrive (Ctrl-C to stop)')
      .option('--limit <n>', 'how many of the newest messages to list first', '20')
      .option('--kind <kind>', 'only alert, notice, reply, reminder or match')
      .option('--json', 'one JSON object per line instead of text'),
  ).action(async (options: InboxOptions) => {
    const limit = positiveInteger(options.limit, '--limit', 200);
    const { client, target } = await connect(options);
    const page = await client.inbox({ limit, ...(options.kind === undefined ? {} : { kind: options.kind }) });
    const print = (item: (typeof page.items)[number]): void =>
      io.out(options.json === true ? `${JSON.stringify(item)}\n` : `${inboxLine(item)}\n`);
    for (const item of [...page.items].reverse()) print(item);
    if (options.follow !== true) return;
    let announced = false;
    const stream = client.streamInbox({
      ...(page.items[0] === undefined ? {} : { lastEventId: page.items[0].id }),
      onOpen: () => {
        if (!announced) io.err(`following the inbox of ${target.name} as ${target.as}; Ctrl-C to stop\n`);
        announced = true;
      },
      onReconnect: ({ delayMs, error }) =>
        io.err(`borderlink: lost the inbox stream (${error.message}); reconnecting in ${delayMs} ms\n`),
    });
    for await (const event of stream) {
      if (event.type === 'message') {
        if (options.kind === undefined || event.item.kind === options.kind) print(event.item);
      } else if (options.json === true) {
        io.out(`${JSON.stringify({ type: 'state', ...event.change })}\n`);
      } else {
        io.out(
          `${event.change.id} is now ${event.change.state}${event.change.by ? ` by ${event.change.by}` : ''}\n`,
        );
      }
    }
  });

  withNodeOptions(
    program
      .command('show')
      .description('show a received message in full (or, for one this node sent, its receipts)')
      .argument('<id>', 'message id')
      .option('--json', 'the node’s JSON instead of text'),
  ).action(async (id: string, options: NodeOptions & { json?: boolean }) => {
    const { client, target } = await connect(options);
    const item = await client.inboxItem(id);
    if (item !== undefined) {
      io.out(options.json === true ? `${JSON.stringify(item, null, 2)}\n` : inboxDetails(item));
      return;
    }
    const sent = await client.sentMessage(id).catch((error: unknown) => {
      if (error instanceof BorderlinkError && 'status' in error && error.status === 404) {
        throw new UsageError(
          `${target.name} holds no message ${id} that you may see: check the id (borderlink inbox)`,
        );
      }
      throw error;
    });
    io.out(`${JSON.stringify(sent, null, 2)}\n`);
  });

  withNodeOptions(
    program
      .command('ack')
      .description('acknowledge a received message (a signed receipt to its sender)')
      .argument('<id>', 'message id'),
  ).action(async (id: string, options: NodeOptions) => {
    const { client, target } = await connect(options);
    const accepted = await client.acknowledge(id);
    io.out(`acknowledged ${id} (receipt ${accepted.id} ${accepted.status} by ${target.name})\n`);
  });

  withNodeOptions(
    program
      .command('reply')
      .description('reply to a received alert or notice, in its thread and to its addressees')
      .argument('<id>', 'message id')
      .requiredOption('--text <text>', 'the reply')
      .option('--headline <text>', 'its headline (default: the first line of the text)')
      .option('--language <code>', 'the language it is written in', 'en'),
  ).action(async (id: string, options: ReplyOptions) => {
    const headline = (options.headline ?? options.text.split('\n')[0] ?? '').slice(0, 200);
    const { client, target } = await connect(options);
    const accepted = await client.reply(id, {
      texts: [
        {
          language: options.language,
          provenance: 'TRANSLATION_PROVENANCE_ORIGINAL',
          headline,
          description: options.text,
        },
      ],
    });
    io.out(`reply ${accepted.id} to ${id} ${accepted.status} by ${target.name}\n`);
  });
}
