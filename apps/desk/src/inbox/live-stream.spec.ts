import { jest } from '@jest/globals';
import { openLiveStream, type LiveStatus } from './live-stream';

// A stand-in for the browser's EventSource: records each one opened, lets the test fire its events.
class FakeEventSource {
  static opened: FakeEventSource[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((event: { data: string }) => void) | null = null;
  onerror: (() => void) | null = null;
  closed = false;
  readonly listeners = new Map<string, (event: { data: string }) => void>();

  constructor(readonly url: string) {
    FakeEventSource.opened.push(this);
  }

  addEventListener(type: string, listener: (event: { data: string }) => void): void {
    this.listeners.set(type, listener);
  }

  close(): void {
    this.closed = true;
  }
}

// Lets the ticket's promise settle (microtasks run under fake timers too).
async function flush(): Promise<void> {
  for (let turn = 0; turn < 5; turn++) await Promise.resolve();
}

describe('the live stream', () => {
  beforeEach(() => {
    FakeEventSource.opened = [];
    (globalThis as { EventSource?: unknown }).EventSource = FakeEventSource;
    jest.useFakeTimers();
  });

  afterEach(() => {
    jest.useRealTimers();
    delete (globalThis as { EventSource?: unknown }).EventSource;
  });

  function start() {
    let tickets = 0;
    const items: unknown[] = [];
    const states: unknown[] = [];
    const statuses: LiveStatus[] = [];
    const stop = openLiveStream<{ id: string }>({
      ticket: async () => `ticket-${++tickets}`,
      url: (ticket) => `/v1/inbox/stream?ticket=${ticket}`,
      onItem: (item) => items.push(item),
      onState: (change) => states.push(change),
      onStatus: (status) => statuses.push(status),
    });
    return { stop, items, states, statuses, tickets: () => tickets };
  }

  it('opens with a ticket and hands on new items and state changes', async () => {
    const live = start();
    await flush();
    const source = FakeEventSource.opened[0]!;
    expect(source.url).toBe('/v1/inbox/stream?ticket=ticket-1');
    source.onopen?.();
    source.onmessage?.({ data: '{"id":"a"}' });
    source.listeners.get('state')?.({ data: '{"id":"a","state":"cancelled","by":"b"}' });
    expect(live.items).toEqual([{ id: 'a' }]);
    expect(live.states).toEqual([{ id: 'a', state: 'cancelled', by: 'b' }]);
    expect(live.statuses).toEqual(['connecting', 'live']);
    live.stop();
    expect(source.closed).toBe(true);
  });

  it('reconnects after an error with a new ticket, never the spent one', async () => {
    const live = start();
    await flush();
    FakeEventSource.opened[0]!.onerror?.();
    expect(FakeEventSource.opened[0]!.closed).toBe(true);
    expect(live.statuses.at(-1)).toBe('reconnecting');
    jest.advanceTimersByTime(1_000);
    await flush();
    expect(FakeEventSource.opened).toHaveLength(2);
    expect(FakeEventSource.opened[1]!.url).toBe('/v1/inbox/stream?ticket=ticket-2');
    // Each failure waits longer: 2 s the second time.
    FakeEventSource.opened[1]!.onerror?.();
    jest.advanceTimersByTime(1_999);
    await flush();
    expect(FakeEventSource.opened).toHaveLength(2);
    jest.advanceTimersByTime(1);
    await flush();
    expect(FakeEventSource.opened).toHaveLength(3);
    live.stop();
  });

  it('opens nothing more once stopped', async () => {
    const live = start();
    await flush();
    FakeEventSource.opened[0]!.onerror?.();
    live.stop();
    jest.advanceTimersByTime(60_000);
    await flush();
    expect(FakeEventSource.opened).toHaveLength(1);
  });
});
