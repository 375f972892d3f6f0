import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Command } from 'commander';
import { loadRegistry } from '#registry';
import { redisAclUsers, redisPrincipals, renderRedisAcl } from '#runtime';
import type { CliIo } from '../cli-io.js';

const DEFAULT_REGISTRY = '.data/registry.yaml';
const DEFAULT_OUT = '.data/redis/users.acl';
const DEFAULT_SECRETS = '.data/secrets';

interface RedisAclCommandOptions {
  registry: string;
  out: string;
  secrets: string;
}

// Readable by the Redis server's own user (another user in its container): it holds only the
// SHA-256 of 256-bit random passwords.
async function writeAclFile(file: string, text: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, text);
  await chmod(temporary, 0o644);
  await rename(temporary, file);
}

/** `borderlink redis-acl`: the Redis users of the registry's hub and nodes, and their passwords. */
export function registerRedisAclCommand(program: Command, io: CliIo): void {
  program
    .command('redis-acl')
    .description(
      'generate the Redis ACL file (redis-server --aclfile) from the registry: a user for the hub and one ' +
        'for each agency node, each limited to its own keys and the commands its app sends; the default ' +
        'user disabled',
    )
    .option('--registry <file>', 'enrolled registry', DEFAULT_REGISTRY)
    .option('--out <file>', 'where to write the ACL file (password hashes only)', DEFAULT_OUT)
    .option(
      '--secrets <dir>',
      "folder of each user's password, <dir>/<user>/redis.pass: created when missing, kept otherwise",
      DEFAULT_SECRETS,
    )
    .action(async (options: RedisAclCommandOptions) => {
      const principals = redisPrincipals(loadRegistry(options.registry).nodes);
      const users = await redisAclUsers(principals, options.secrets);
      await writeAclFile(options.out, renderRedisAcl(users));
      io.out(
        `Wrote ${options.out}: ${users.length} Redis users from ${options.registry}, the default user ` +
          `disabled; each password in ${options.secrets}/<user>/redis.pass.\n`,
      );
    });
}
