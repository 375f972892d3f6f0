/**
 * What the console needs to know before anything else: the OpenID Connect provider operators sign
 * in with, read from the console server's `GET /config.json` so one build serves every deployment.
 */
export interface ConsoleConfig {
  /** The provider's issuer URL (its discovery document is under it). */
  issuer: string;
  /** The console's public client at the provider. */
  clientId: string;
  /** The resource indicator of the console's API, asked for as `resource`: `urn:borderlink:console`. */
  audience: string;
}

/** Where the console server publishes it, beside the screens. */
export const CONSOLE_CONFIG_PATH = '/config.json';

/** /config.json missing, unreadable, or without a field the console needs. */
export class ConsoleConfigError extends Error {
  override readonly name = 'ConsoleConfigError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Checks the server's answer, `{issuer, clientId, audience}`, or the same under `signIn` as a node
 * tells its desk; throws ConsoleConfigError naming the first field missing or wrong.
 */
export function parseConsoleConfig(value: unknown): ConsoleConfig {
  const outer = isRecord(value) ? value : undefined;
  const record = outer !== undefined && isRecord(outer.signIn) ? outer.signIn : outer;
  if (record === undefined) throw new ConsoleConfigError(`${CONSOLE_CONFIG_PATH} is not an object`);
  const text = (field: string): string => {
    const found = record[field];
    if (typeof found !== 'string' || found.trim() === '') {
      throw new ConsoleConfigError(`${CONSOLE_CONFIG_PATH} has no ${field}`);
    }
    return found.trim();
  };
  const issuer = text('issuer');
  if (!/^https?:\/\//.test(issuer)) {
    throw new ConsoleConfigError(`${CONSOLE_CONFIG_PATH}: issuer is not an http(s) URL`);
  }
  return { issuer, clientId: text('clientId'), audience: text('audience') };
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Fetches and checks /config.json from the console server. */
export async function loadConsoleConfig(
  fetcher: (input: string) => Promise<Response> = (input) => fetch(input),
): Promise<ConsoleConfig> {
  let body: unknown;
  try {
    const response = await fetcher(CONSOLE_CONFIG_PATH);
    if (!response.ok) throw new ConsoleConfigError(`${CONSOLE_CONFIG_PATH} answered ${response.status}`);
    body = await response.json();
  } catch (cause) {
    if (cause instanceof ConsoleConfigError) throw cause;
    throw new ConsoleConfigError(`${CONSOLE_CONFIG_PATH} could not be read`, { cause });
  }
  return parseConsoleConfig(body);
}
