/** A change of an inbox item the live stream announces (`state` event). */
export interface StateChange {
  id: string;
  state: 'superseded' | 'cancelled';
  by?: string;
}

export type LiveStatus = 'connecting' | 'live' | 'reconnecting';

export interface LiveStreamHandlers<Item> {
  /** A single-use ticket for the next connection (POST /v1/inbox/stream-tickets). */
  ticket(): Promise<string>;
  onItem(item: Item): void;
  onState(change: StateChange): void;
  onStatus(status: LiveStatus): void;
  /** The stream's URL for a ticket (same origin as the desk). */
  url(ticket: string): string;
}

const FIRST_RETRY_MS = 1_000;
const LONGEST_RETRY_MS = 30_000;

/**
 * The inbox's live stream for a browser: EventSource cannot send a token, so each connection opens
 * with a fresh single-use ticket. After any error (the node restarting, the network, an expired
 * ticket) it closes and connects again with a new ticket, waiting longer each time up to 30 s,
 * rather than letting EventSource retry a ticket that is already spent. Returns the function that
 * stops it.
 */
export function openLiveStream<Item>(handlers: LiveStreamHandlers<Item>): () => void {
  let source: EventSource | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let delay = FIRST_RETRY_MS;
  let stopped = false;

  const retry = () => {
    source?.close();
    source = undefined;
    if (stopped) return;
    handlers.onStatus('reconnecting');
    timer = setTimeout(connect, delay);
    delay = Math.min(delay * 2, LONGEST_RETRY_MS);
  };

  function connect(): void {
    if (stopped) return;
    handlers.ticket().then((ticket) => {
      if (stopped) return;
      const opened = new EventSource(handlers.url(ticket));
      source = opened;
      opened.onopen = () => {
        delay = FIRST_RETRY_MS;
        handlers.onStatus('live');
      };
      opened.onmessage = (event: MessageEvent<string>) => handlers.onItem(JSON.parse(event.data) as Item);
      opened.addEventListener('state', (event) =>
        handlers.onState(JSON.parse((event as MessageEvent<string>).data) as StateChange),
      );
      opened.onerror = retry;
    }, retry);
  }

  handlers.onStatus('connecting');
  connect();
  return () => {
    stopped = true;
    if (timer !== undefined) clearTimeout(timer);
    source?.close();
  };
}
