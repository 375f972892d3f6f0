import { readFile } from 'node:fs/promises';

/**
 * The API key held in `file`, trimmed. Commands take a key file rather than the key, so that it never
 * shows in a process list. Throws what reading the file throws.
 */
export async function readApiKeyFile(file: string): Promise<string> {
  return (await readFile(file, 'utf8')).trim();
}

/** A node's base URL without trailing slashes, to which a route's path is appended. */
export function nodeBase(url: string): string {
  return url.replace(/\/+$/, '');
}

/**
 * The JSON body of `GET <url>` from a node, with `key` as the bearer credential when given. Throws
 * when the node does not answer within `timeoutMs`, answers other than 2xx, or with no JSON; the
 * caller says what it was reading.
 */
export async function getNodeJson(url: string, key: string | undefined, timeoutMs: number): Promise<unknown> {
  const response = await fetch(url, {
    headers: key === undefined ? {} : { authorization: `Bearer ${key}` },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.json();
}
