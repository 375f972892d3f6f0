// Reads a server-sent event stream over fetch, as a service would, sending `Last-Event-ID` itself.
import { waitFor } from '#testing';

export interface SseEvent {
  id?: string;
  event?: string;
  data: string;
}

export interface SseReader {
  events: SseEvent[];
  /** Resolves once `count` events have arrived. */
  waitForEvents(count: number, what: string): Promise<SseEvent[]>;
  /** Cuts the connection. */
  cut(): void;
}

export async function openSse(url: string, headers: Record<string, string>): Promise<SseReader> {
  const cutter = new AbortController();
  const response = await fetch(url, {
    headers: { accept: 'text/event-stream', ...headers },
    signal: cutter.signal,
  });
  if (response.status !== 200 || response.body === null) {
    throw new Error(`stream answered ${response.status}: ${await response.text()}`);
  }
  const events: SseEvent[] = [];
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        buffer += decoder.decode(chunk, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event: SseEvent = { data: '' };
          for (const line of block.split('\n')) {
            const [field, ...rest] = line.split(':');
            const value = rest.join(':').replace(/^ /, '');
            if (field === 'id') event.id = value;
            else if (field === 'event') event.event = value;
            else if (field === 'data') event.data += value;
          }
          if (event.data !== '') events.push(event);
        }
      }
    } catch {
      // Cut by the test.
    }
  })();
  return {
    events,
    waitForEvents: (count, what) => waitFor(() => events.length >= count && events.slice(0, count), { what }),
    cut: () => cutter.abort(),
  };
}
