import type { Command } from 'commander';
import {
  apiKeysFile,
  CLEARANCES,
  createApiKey,
  DEFAULT_CLEARANCE,
  isClearance,
  isRole,
  listApiKeys,
  revokeApiKey,
  ROLES,
  type Role,
} from '#access';
import { isSubjectToken } from '#contracts';
import type { CliIo } from '../cli-io.js';
import { UsageError } from '../cli.errors.js';

const DEFAULT_SECRETS = '.data/secrets';
const DEFAULT_EXPIRY = '90d';
const DAY_MS = 24 * 60 * 60 * 1000;

interface FileOptions {
  secrets: string;
  file?: string;
}

function fileOf(node: string, options: FileOptions): string {
  // The id names a folder: nothing but a registry id may.
  if (!isSubjectToken(node)) throw new UsageError(`${node} is not a node id`);
  return options.file ?? apiKeysFile(options.secrets, node);
}

function parseRoles(text: string): Role[] {
  const roles = text.split(',').map((role) => role.trim());
  const unknown = roles.filter((role) => !isRole(role));
  if (unknown.length > 0 || roles.length === 0) {
    throw new UsageError(`unknown role ${unknown.join(', ')}; roles are ${ROLES.join(', ')}`);
  }
  return roles as Role[];
}

/** `90d`, `12h` or an RFC 3339 time, as the expiry time from `now`. */
function parseExpiry(text: string, now: Date): Date {
  const relative = /^(\d+)([dh])$/.exec(text);
  if (relative !== null) {
    const unit = relative[2] === 'd' ? DAY_MS : DAY_MS / 24;
    return new Date(now.getTime() + Number(relative[1]) * unit);
  }
  const at = new Date(text);
  if (Number.isNaN(at.getTime())) throw new UsageError(`--expires ${text} is neither 90d, 12h nor a time`);
  return at;
}

function addFileOptions(command: Command): Command {
  return command
    .option(
      '--secrets <dir>',
      "folder of each node's own secrets: the keys file is <dir>/<node>/api-keys.json",
      DEFAULT_SECRETS,
    )
    .option('--file <file>', 'the keys file itself, instead of the one under --secrets');
}

/**
 * `borderlink api-keys …`: the API keys through which an agency's services call its node. Each key
 * has roles, a clearance and an expiry; the node's keys file holds only scrypt hashes of their
 * secrets, and every instance of the node reading it refuses a revoked key within seconds.
 */
export function registerApiKeysCommands(program: Command, io: CliIo): void {
  const keys = program
    .command('api-keys')
    .description("manage a node's API keys for services (stored as scrypt hashes in its keys file)");

  addFileOptions(
    keys
      .command('create')
      .description('create an API key and print it, once: it is never shown again')
      .argument('<node>', 'node id')
      .requiredOption('--name <name>', 'what the key is for, e.g. case-system')
      .requiredOption('--roles <roles>', `comma-separated roles: ${ROLES.join(', ')}`)
      .option('--clearance <clearance>', `${CLEARANCES.join(', ')}`, DEFAULT_CLEARANCE)
      .option('--expires <when>', 'how long it works (90d, 12h) or until when (RFC 3339)', DEFAULT_EXPIRY),
  ).action(
    async (
      node: string,
      options: FileOptions & { name: string; roles: string; clearance: string; expires: string },
    ) => {
      if (!isClearance(options.clearance)) {
        throw new UsageError(
          `unknown clearance ${options.clearance}; clearances are ${CLEARANCES.join(', ')}`,
        );
      }
      const now = new Date();
      const file = fileOf(node, options);
      const { key, record } = await createApiKey(file, node, {
        name: options.name,
        roles: parseRoles(options.roles),
        clearance: options.clearance,
        expiresAt: parseExpiry(options.expires, now),
        now,
      });
      io.out(`${key}\n`);
      io.err(
        `${node}: key ${record.id} (${record.name}; ${record.roles.join(', ')}; clearance ${record.clearance}) ` +
          `valid until ${record.expiresAt}, in ${file}. Keep it now: it is not shown again.\n`,
      );
    },
  );

  addFileOptions(
    keys
      .command('list')
      .description("list a node's keys: id, name, roles, clearance, expiry and state; never a secret")
      .argument('<node>', 'node id')
      .option('--json', 'as JSON'),
  ).action(async (node: string, options: FileOptions & { json?: boolean }) => {
    const listed = await listApiKeys(fileOf(node, options), node);
    if (options.json === true) {
      io.out(`${JSON.stringify(listed, null, 2)}\n`);
      return;
    }
    for (const key of listed) {
      io.out(
        `${key.id}  ${key.state.padEnd(7)}  ${key.expiresAt}  ${key.clearance.padEnd(12)}  ` +
          `${key.roles.join(',')}  ${key.name}\n`,
      );
    }
    if (listed.length === 0) io.out(`${node} has no API keys\n`);
  });

  addFileOptions(
    keys
      .command('revoke')
      .description('revoke a key: every instance of the node refuses it within seconds')
      .argument('<node>', 'node id')
      .argument('<id>', 'the key id (the 16 hex digits after blk_)'),
  ).action(async (node: string, id: string, options: FileOptions) => {
    const record = await revokeApiKey(fileOf(node, options), node, id);
    io.out(`${node}: key ${record.id} (${record.name}) revoked at ${record.revokedAt}\n`);
  });
}
