import { HttpError } from './http-errors';

export interface FetchJsonOptions {
  token?: string;
  method?: string;
  body?: unknown;
  signal?: AbortSignal;
}

/**
 * A JSON request with an optional bearer token; resolves the JSON answer (undefined for 204), throws
 * HttpError with the server's body for any other status than 2xx.
 */
export async function fetchJson<T>(url: string, options: FetchJsonOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (options.token !== undefined) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(url, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  });
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text !== '') {
    try {
      parsed = JSON.parse(text);
    } catch (error) {
      if (response.ok) throw new HttpError(response.status, text, { cause: error });
      parsed = text;
    }
  }
  if (!response.ok) throw new HttpError(response.status, parsed);
  return parsed as T;
}
