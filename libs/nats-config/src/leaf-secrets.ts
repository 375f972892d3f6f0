import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NatsConfigError } from './nats-config.errors.js';

/** The password of the site's leaf credential in `dir`: `<dir>/<site>.leaf`. */
export function leafSecretFile(dir: string, site: string): string {
  return join(dir, `${site}.leaf`);
}

/**
 * The secret each site's leaf server authenticates to the hub with, read from `<dir>/<site>.leaf`
 * or, the first time, created there (256 random bits, URL-safe, mode 0600): rendering the hub's and
 * the site's configurations from the same folder gives both the same credential.
 * @throws NatsConfigError when an existing file does not hold a usable secret.
 */
export async function leafSecrets(dir: string, sites: readonly string[]): Promise<Map<string, string>> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const secrets = new Map<string, string>();
  for (const site of sites) secrets.set(site, await readOrCreate(leafSecretFile(dir, site)));
  return secrets;
}

async function readOrCreate(file: string): Promise<string> {
  try {
    // `wx` fails when the file exists, so two renderings never overwrite each other's secret.
    const secret = randomBytes(32).toString('base64url');
    await writeFile(file, `${secret}\n`, { flag: 'wx', mode: 0o600 });
    return secret;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    const secret = (await readFile(file, 'utf8')).trim();
    if (!/^[\w-]{16,}$/.test(secret))
      throw new NatsConfigError(`${file} must hold a URL-safe leaf secret of at least 16 characters`);
    return secret;
  }
}
