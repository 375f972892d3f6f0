import { JetStreamApiError } from '@nats-io/jetstream';
import { Command, CommanderError } from 'commander';
import { BorderlinkError, BorderlinkRefusalError, BorderlinkUnreachableError } from '#client';
import { ApiKeyRequestError, ApiKeysFileError } from '#access';
import { NatsConfigError } from '#nats-config';
import { CertificateError, MissingBinaryError } from '#process';
import { NodeKeyError, RegistryError } from '#registry';
import { RedisAclError, RedisPasswordError } from '#runtime';
import {
  AuditChainBrokenError,
  DeadLetterError,
  NatsSourceError,
  WitnessUnavailableError,
} from '#operations';
import { StackConfigError } from '#stack';
import { AccessLogBrokenError, AccessLogUnavailableError } from './access-log/access-log.errors.js';
import { SignInError } from './agency/device-login.js';
import type { CliIo } from './cli-io.js';
import { UsageError } from './cli.errors.js';
import { registerAccessLogCommands } from './commands/access-log.command.js';
import { registerApiKeysCommands } from './commands/api-keys.command.js';
import { registerAuditCommands } from './commands/audit.command.js';
import { registerDlqCommands } from './commands/dlq.command.js';
import { registerImportCommands } from './commands/import.command.js';
import { registerKeysCommands } from './commands/keys.command.js';
import { registerLoginCommands } from './commands/login.command.js';
import { registerMessagesCommands, SomeFailedError } from './commands/messages.command.js';
import { registerNatsConfigCommand } from './commands/nats-config.command.js';
import { registerRedisAclCommand } from './commands/redis-acl.command.js';
import { registerStackCommands } from './commands/stack.command.js';
import { registerStreamsCommands } from './commands/streams.command.js';
import { registerTlsCommands } from './commands/tls.command.js';

/** Exit code for input the user can fix: bad arguments, unreadable or invalid files. */
export const EXIT_USAGE = 2;
/** Exit code for a failure that is not the user's input. */
export const EXIT_FAILURE = 1;

/** The `borderlink` command tree, writing through `io` and throwing instead of exiting. */
export function buildProgram(io: CliIo): Command {
  const program = new Command('borderlink')
    .description(
      "Borderlink: an agency's messages at its node, and the operator's keys, registry and streams",
    )
    .option('--debug', 'print the stack trace of a failure')
    .exitOverride()
    .configureOutput({ writeOut: (text) => io.out(text), writeErr: (text) => io.err(text) })
    .showHelpAfterError('(run with --help for usage)');
  // Settings above are inherited by the commands registered below.
  registerKeysCommands(program, io);
  registerNatsConfigCommand(program, io);
  registerRedisAclCommand(program, io);
  registerTlsCommands(program, io);
  registerApiKeysCommands(program, io);
  registerStackCommands(program, io);
  registerAuditCommands(program, io);
  registerAccessLogCommands(program, io);
  registerDlqCommands(program, io);
  registerStreamsCommands(program, io);
  registerMessagesCommands(program, io);
  registerLoginCommands(program, io);
  registerImportCommands(program, io);
  return program;
}

/** Runs the CLI on `args` (without node and script) and returns the process exit code. */
export async function runCli(args: readonly string[], io: CliIo): Promise<number> {
  try {
    await buildProgram(io).parseAsync([...args], { from: 'user' });
    return 0;
  } catch (error) {
    // Commander has already printed its message (or the help it was asked for).
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_USAGE;
    if (
      error instanceof UsageError ||
      error instanceof NatsSourceError ||
      error instanceof RegistryError ||
      error instanceof NodeKeyError ||
      error instanceof NatsConfigError ||
      error instanceof RedisAclError ||
      error instanceof RedisPasswordError ||
      error instanceof StackConfigError ||
      error instanceof MissingBinaryError ||
      error instanceof ApiKeysFileError ||
      error instanceof ApiKeyRequestError
    ) {
      io.err(`borderlink: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (
      error instanceof AuditChainBrokenError ||
      error instanceof WitnessUnavailableError ||
      error instanceof AccessLogBrokenError ||
      error instanceof AccessLogUnavailableError ||
      error instanceof DeadLetterError ||
      error instanceof CertificateError
    ) {
      io.err(`borderlink: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    if (
      error instanceof BorderlinkError ||
      error instanceof SignInError ||
      error instanceof SomeFailedError
    ) {
      io.err(`borderlink: ${agencyFailure(error)}\n`);
      return EXIT_FAILURE;
    }
    if (error instanceof JetStreamApiError) {
      io.err(
        `borderlink: NATS answered "${error.message}": is --nats the hub's NATS? (in the project folder, ` +
          'the operator commands default to the stack npm start runs)\n',
      );
      return EXIT_FAILURE;
    }
    // One line unless asked for more: what failed, and how to see where.
    if (args.includes('--debug')) {
      io.err(`borderlink: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    } else {
      io.err(`borderlink: ${error instanceof Error ? error.message : String(error)} (--debug for details)\n`);
    }
    return EXIT_FAILURE;
  }
}

/** A failure talking to a node, on one line with what to do about it. */
function agencyFailure(error: Error): string {
  if (error instanceof BorderlinkUnreachableError) {
    return `${error.message}: is the node running (npm start), and --url or --node right?`;
  }
  if (error instanceof BorderlinkRefusalError && error.status === 401) {
    return `${error.message}: check --api-key (BORDERLINK_API_KEY), or sign in again with borderlink login`;
  }
  if (error instanceof BorderlinkRefusalError && error.status === 403) {
    return `${error.message}: ask the node's administrator for that role or clearance`;
  }
  return error.message;
}
