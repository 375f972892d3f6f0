import { EventSource, type EventSourceFetchInit, type FetchLikeResponse } from 'eventsource';
import { backoffDelay, type BackoffOptions } from './backoff.js';
import {
  BorderlinkError,
  BorderlinkRefusalError,
  BorderlinkUnreachableError,
  refusalOf,
  type NodeRefusal,
} from './client.errors.js';
import { authorizationOf, type BorderlinkCredentials } from './credentials.js';

/** How a stream resumes and waits between connections. */
export interface LiveStreamOptions {
  /**
   * The id of the last event already handled: the stream starts with what came after it (the node
   * replays from it on `Last-Event-ID`; the inbox stream catches up from the inbox list).
   */
  lastEventId?: string;
  backoff?: BackoffOptions;
  /** Told each time the stream is connected and caught up: from then on events come live. */
  onOpen?: () => void;
  /** Told of each lost connection before the stream waits `delayMs` and connects again. */
  onReconnect?: (info: { attempt: number; delayMs: number; error: BorderlinkError }) => void;
}

/** What a LiveStream needs to know of one event stream of a node. */
export interface LiveStreamSource<E> {
  url: string;
  /** `GET /v1/inbox/stream`: how errors name the request. */
  request: string;
  credentials: BorderlinkCredentials;
  /** The server-sent event types to listen to. */
  eventTypes: readonly string[];
  /** The typed event of a server-sent event; undefined to drop it. */
  parse(type: string, data: string, id: string | undefined): E | undefined;
  /** The id an event is resumed after; events without one are not resume points. */
  idOf(event: E): string | undefined;
  /**
   * For a stream the node cannot replay: the events after `lastEventId`, oldest first, fetched
   * another way each time the stream (re)connects.
   */
  catchUp?(lastEventId: string): Promise<E[]>;
}

// Refusals that another connection would meet again: the stream ends with them.
const FINAL_STATUSES = new Set([400, 401, 403, 404]);
// Ids remembered so that an event met both live and in a catch-up is yielded once.
const SEEN_IDS = 10_000;

/**
 * A node's event stream as an async iterable of typed events that survives lost connections: each
 * one is retried after an exponential, jittered delay, resuming after the last event received, so
 * nothing is missed or repeated. It ends with a BorderlinkRefusalError when the node refuses it for
 * good (credentials, rights), and cleanly on `close()` or `break`.
 */
export class LiveStream<E> implements AsyncIterable<E> {
  private source: EventSource | undefined;
  private timer: NodeJS.Timeout | undefined;
  private attempt = 0;
  private closed = false;
  private failure: BorderlinkError | undefined;
  private readonly queue: E[] = [];
  private waiting: (() => void) | undefined;
  private readonly seen = new Set<string>();
  private lastId: string | undefined;
  private lastRefusal: { status: number; body: NodeRefusal } | undefined;
  private connection = 0;

  constructor(
    private readonly spec: LiveStreamSource<E>,
    private readonly options: LiveStreamOptions = {},
  ) {
    this.lastId = options.lastEventId;
    this.connect();
  }

  /** The id of the newest event received, which a new stream would resume after. */
  get lastEventId(): string | undefined {
    return this.lastId;
  }

  /** Stops the stream: no more connections; the iteration ends after what is queued. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.source?.close();
    this.wake();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<E> {
    try {
      for (;;) {
        const event = this.queue.shift();
        if (event !== undefined) {
          yield event;
          continue;
        }
        if (this.failure !== undefined) throw this.failure;
        if (this.closed) return;
        await new Promise<void>((resolve) => (this.waiting = resolve));
      }
    } finally {
      this.close();
    }
  }

  private wake(): void {
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.();
  }

  private push(event: E): void {
    const id = this.spec.idOf(event);
    if (id !== undefined) {
      if (this.seen.has(id)) return;
      this.seen.add(id);
      if (this.seen.size > SEEN_IDS) this.seen.delete(this.seen.values().next().value as string);
      this.lastId = id;
    }
    this.queue.push(event);
    this.wake();
  }

  private connect(): void {
    if (this.closed) return;
    const connection = ++this.connection;
    const resumeFrom = this.lastId;
    // Live events wait while the catch-up runs, so that the consumer sees them in order.
    let held: E[] | undefined = this.spec.catchUp !== undefined && resumeFrom !== undefined ? [] : undefined;
    const source = new EventSource(this.spec.url, {
      fetch: (url, init) => this.fetchStream(url, init, resumeFrom),
    });
    this.source = source;
    const receive = (type: string) => (message: MessageEvent) => {
      const event = this.spec.parse(type, String(message.data), message.lastEventId || undefined);
      if (event === undefined) return;
      if (held !== undefined) held.push(event);
      else this.push(event);
    };
    for (const type of this.spec.eventTypes) source.addEventListener(type, receive(type));
    source.addEventListener('open', () => {
      if (held === undefined || resumeFrom === undefined || this.spec.catchUp === undefined) {
        this.attempt = 0;
        this.options.onOpen?.();
        return;
      }
      this.spec.catchUp(resumeFrom).then(
        (missed) => {
          if (connection !== this.connection) return;
          for (const event of [...missed, ...(held ?? [])]) this.push(event);
          held = undefined;
          this.attempt = 0;
          this.options.onOpen?.();
        },
        (error: unknown) => {
          if (connection !== this.connection) return;
          this.lost(this.asError(error));
        },
      );
    });
    source.addEventListener('error', (event) => {
      if (connection !== this.connection) return;
      const status = (event as { code?: number }).code;
      this.lost(this.errorOf(status, (event as { message?: string }).message));
    });
  }

  private async fetchStream(
    url: string | URL,
    init: EventSourceFetchInit,
    resumeFrom: string | undefined,
  ): Promise<FetchLikeResponse> {
    const headers: Record<string, string> = {
      ...init.headers,
      authorization: await authorizationOf(this.spec.credentials),
    };
    if (resumeFrom !== undefined) headers['Last-Event-ID'] = resumeFrom;
    const response = await fetch(url, { ...init, headers });
    if (!response.ok) {
      // EventSource reports only the status: keep the node's refusal to name it in the error.
      const text = await response.text().catch(() => '');
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {
        // Not the node's JSON: refusalOf keeps the text.
      }
      this.lastRefusal = { status: response.status, body: refusalOf(response.status, body) };
      return new Response(null, { status: response.status });
    }
    return response;
  }

  private errorOf(status: number | undefined, message: string | undefined): BorderlinkError {
    if (status !== undefined && this.lastRefusal?.status === status) {
      return new BorderlinkRefusalError(this.spec.request, status, this.lastRefusal.body);
    }
    if (status !== undefined) {
      return new BorderlinkRefusalError(this.spec.request, status, refusalOf(status, message));
    }
    return new BorderlinkUnreachableError(this.spec.request, this.spec.url, {
      cause: new Error(message ?? 'the stream ended'),
    });
  }

  private asError(error: unknown): BorderlinkError {
    return error instanceof BorderlinkError
      ? error
      : new BorderlinkUnreachableError(this.spec.request, this.spec.url, { cause: error });
  }

  private lost(error: BorderlinkError): void {
    this.source?.close();
    this.connection++;
    if (this.closed) return;
    if (error instanceof BorderlinkRefusalError && FINAL_STATUSES.has(error.status)) {
      this.failure = error;
      this.closed = true;
      this.wake();
      return;
    }
    const delayMs = backoffDelay(this.attempt, this.options.backoff);
    this.options.onReconnect?.({ attempt: this.attempt, delayMs, error });
    this.attempt++;
    this.timer = setTimeout(() => this.connect(), delayMs);
  }
}
