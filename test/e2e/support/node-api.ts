// A client of the agency node's REST API, as an agency's own systems would use it.
import type { InboxItem, SentMessage } from '#node';
import { waitFor } from '#testing';

export type { InboxItem, SentMessage };

export interface ApiResponse<T> {
  status: number;
  body: T;
}

const REQUEST_TIMEOUT_MS = 10_000;

// The API key this client holds for each node it talks to, by the node's origin, as an agency's
// system is configured with its node's key.
const keys = new Map<string, string>();

/** Makes every request of this client to the node at `base` present `apiKey`. */
export function useApiKey(base: string, apiKey: string): void {
  keys.set(new URL(base).origin, apiKey);
}

/** The Authorization header for a request to `url`, with the key held for its node (none if none is). */
export function credentialsFor(url: string): Record<string, string> {
  const key = keys.get(new URL(url).origin);
  return key === undefined ? {} : { authorization: `Bearer ${key}` };
}

/** The node API's largest inbox page. */
export const INBOX_PAGE_MAX = 200;

async function request<T>(url: string, init: RequestInit = {}): Promise<ApiResponse<T>> {
  const response = await fetch(url, {
    ...init,
    headers: { ...credentialsFor(url), ...(init.headers as Record<string, string> | undefined) },
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T };
}

export function postJson<T>(url: string, body: unknown): Promise<ApiResponse<T>> {
  return request<T>(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
}

export function getJson<T>(url: string): Promise<ApiResponse<T>> {
  return request<T>(url);
}

/** The newest inbox items of the node at `base` (at most one page). */
export async function inbox(base: string): Promise<InboxItem[]> {
  const { status, body } = await getJson<{ items: InboxItem[] }>(`${base}/v1/inbox?limit=${INBOX_PAGE_MAX}`);
  if (status !== 200) throw new Error(`GET ${base}/v1/inbox answered ${status}`);
  return body.items;
}

/** The sender's view of one of its messages, or undefined while the node does not know it (404). */
export async function sentMessage(base: string, id: string): Promise<SentMessage | undefined> {
  const { status, body } = await getJson<SentMessage>(`${base}/v1/messages/${id}`);
  if (status === 404) return undefined;
  if (status !== 200) throw new Error(`GET ${base}/v1/messages/${id} answered ${status}`);
  return body;
}

/** The sum of a Prometheus counter's samples at `base`/metrics whose labels include `labels`. */
export async function metric(base: string, name: string, labels: Record<string, string>): Promise<number> {
  const response = await fetch(`${base}/metrics`, {
    headers: credentialsFor(base),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  let sum = 0;
  for (const line of (await response.text()).split('\n')) {
    const match = /^(\w+)\{([^}]*)\} (\S+)$/.exec(line);
    if (match?.[1] !== name) continue;
    const present = match[2]!.split(',');
    if (wanted.every((label) => present.includes(label))) sum += Number(match[3]);
  }
  return sum;
}

/** An open `GET /v1/inbox/stream` (server-sent events): the items received on it so far. */
export interface InboxStream {
  readonly items: readonly InboxItem[];
  /** Resolves with the item once an event for message `id` has arrived. */
  waitFor(id: string, timeoutMs?: number): Promise<InboxItem>;
  close(): void;
}

/** Opens the node's event stream; resolves once the node has answered with the stream's headers. */
export async function openInboxStream(base: string): Promise<InboxStream> {
  const controller = new AbortController();
  const giveUp = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  const response = await fetch(`${base}/v1/inbox/stream`, {
    headers: { accept: 'text/event-stream', ...credentialsFor(base) },
    signal: controller.signal,
  }).finally(() => clearTimeout(giveUp));
  if (response.status !== 200 || response.body === null) {
    throw new Error(`GET ${base}/v1/inbox/stream answered ${response.status}`);
  }
  const items: InboxItem[] = [];
  void readEvents(response.body, (data) => items.push(JSON.parse(data) as InboxItem)).catch(() => undefined);
  return {
    items,
    waitFor: (id, timeoutMs = 15_000) =>
      waitFor(() => items.find((item) => item.id === id), {
        timeoutMs,
        what: `an event for ${id} on ${base}`,
      }),
    close: () => controller.abort(),
  };
}

/** Calls `onData` with each server-sent event's data until the stream ends (blank-line separated events). */
export async function readEvents(
  body: ReadableStream<Uint8Array>,
  onData: (data: string) => void,
): Promise<void> {
  const decoder = new TextDecoder();
  let buffer = '';
  for await (const chunk of body) {
    buffer += decoder.decode(chunk, { stream: true });
    let end: number;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const event = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const data = event
        .split('\n')
        .filter((line) => line.startsWith('data:'))
        .map((line) => line.slice('data:'.length).trimStart())
        .join('\n');
      if (data !== '') onData(data);
    }
  }
}
