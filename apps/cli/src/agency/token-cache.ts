import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** A person's access token for one node, as `borderlink login` got it. */
export interface CachedToken {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  user?: string;
}

/** The default folder of the CLI's own state: `~/.config/borderlink`. */
export const defaultConfigDir = (): string => join(homedir(), '.config', 'borderlink');

const key = (issuer: string, audience: string): string => `${issuer} ${audience}`;

/**
 * The tokens `borderlink login` saved, by identity provider and node audience, in `tokens.json`
 * of the config folder: readable by its owner only (0600, in a 0700 folder), as they are bearer
 * credentials.
 */
export class TokenCache {
  private readonly file: string;

  constructor(private readonly dir: string) {
    this.file = join(dir, 'tokens.json');
  }

  async get(issuer: string, audience: string, now = Date.now()): Promise<CachedToken | undefined> {
    const token = (await this.all())[key(issuer, audience)];
    // A token about to expire would fail mid-command: treated as absent.
    return token !== undefined && token.expiresAt - 30_000 > now ? token : undefined;
  }

  async put(issuer: string, audience: string, token: CachedToken): Promise<string> {
    await this.write({ ...(await this.all()), [key(issuer, audience)]: token });
    return this.file;
  }

  async remove(issuer: string, audience: string): Promise<boolean> {
    const tokens = await this.all();
    if (tokens[key(issuer, audience)] === undefined) return false;
    delete tokens[key(issuer, audience)];
    await this.write(tokens);
    return true;
  }

  private async all(): Promise<Record<string, CachedToken>> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as Record<string, CachedToken>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw error;
    }
  }

  private async write(tokens: Record<string, CachedToken>): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(tokens, null, 2)}\n`, { mode: 0o600 });
    await chmod(temporary, 0o600);
    await rename(temporary, this.file);
  }
}
