import type { NatsConnectionService, PublishResult } from '#messaging';
import { pino } from 'pino';
import type { HubLinkRepository } from '../link/hub-link.repository.js';
import type { SealedEnvelope } from '../link/sealed-envelope.js';
import type { SentMessagesService } from '../sent/sent-messages.service.js';
import { MAX_IN_FLIGHT, OutboxSenderService } from './outbox-sender.service.js';
import type { OutboxRepository } from './outbox.repository.js';
import type { QueuedMessage } from './queued-message.js';

const WAIT_MS = 10_000;

/** The store's queue semantics in memory. */
class FakeStore {
  private seq = 0;
  readonly rows: QueuedMessage[] = [];

  enqueue(id: string): void {
    this.rows.push({
      seq: ++this.seq,
      msgId: id,
      kind: 'alert',
      subject: 'bl.in.kz-border.alert',
      body: new TextEncoder().encode(id),
      headers: { 'Bl-Signature': `sig-${id}` },
      queuedAt: new Date(0),
    });
  }

  after(seq: number, limit: number): QueuedMessage[] {
    return this.rows.filter((row) => row.seq > seq).slice(0, limit);
  }

  remove(seq: number): void {
    this.rows.splice(
      this.rows.findIndex((row) => row.seq === seq),
      1,
    );
  }

  depth(): { depth: number } {
    return { depth: this.rows.length };
  }
}

/** JetStream as the sender sees it: a log of every publish, a switch for the link, or publishes held back. */
class FakeJetStream {
  readonly sent: SealedEnvelope[] = [];
  down = false;
  hold = false;
  inFlight = 0;
  maxInFlight = 0;
  private readonly held: Array<() => void> = [];

  async send(envelope: SealedEnvelope): Promise<PublishResult> {
    this.sent.push(envelope);
    if (this.down) throw new Error('link down');
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    if (this.hold) await new Promise<void>((resolve) => this.held.push(resolve));
    this.inFlight--;
    return { stream: 'BL_INGRESS', seq: this.sent.length, duplicate: false };
  }

  release(): void {
    this.hold = false;
    for (const resolve of this.held.splice(0)) resolve();
  }

  ids(): string[] {
    return this.sent.map((envelope) => envelope.msgId);
  }
}

/** The sent state as the sender sees it: what was recorded as accepted, or a write that fails. */
class FakeSentState {
  readonly accepted: string[] = [];
  failures = 0;

  async recordAccepted(id: string): Promise<void> {
    if (this.failures-- > 0) throw new Error('sent state unavailable');
    this.accepted.push(id);
  }
}

function setup() {
  const store = new FakeStore();
  const jetstream = new FakeJetStream();
  const sent = new FakeSentState();
  let reconnected: (() => void) | undefined;
  const connection = {
    onConnected(listener: () => void) {
      reconnected = listener;
      return () => undefined;
    },
    isConnected: () => !jetstream.down,
  };
  const sender = new OutboxSenderService(
    store as unknown as OutboxRepository,
    jetstream as unknown as HubLinkRepository,
    sent as unknown as SentMessagesService,
    connection as unknown as NatsConnectionService,
    pino({ level: 'silent' }),
  );
  return { store, jetstream, sent, sender, reconnect: () => reconnected?.() };
}

describe('OutboxSenderService', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  function started(context: ReturnType<typeof setup>) {
    context.sender.onApplicationBootstrap();
    stop = () => context.sender.beforeApplicationShutdown();
    return context;
  }

  it('sends queued messages in queue order and takes each off the queue once acknowledged and recorded', async () => {
    const { store, jetstream, sent, sender } = started(setup());
    for (const id of ['a', 'b', 'c']) store.enqueue(id);
    const acked = sender.acked('c', WAIT_MS);
    sender.wake();
    expect(await acked).toEqual({ stream: 'BL_INGRESS', seq: 3, duplicate: false });
    expect(jetstream.ids()).toEqual(['a', 'b', 'c']);
    expect(sent.accepted).toEqual(['a', 'b', 'c']);
    expect(store.rows).toEqual([]);
  });

  it('after a failure resends from the first unacknowledged message, the same envelope each time', async () => {
    const { store, jetstream, sender, reconnect } = started(setup());
    jetstream.down = true;
    for (const id of ['a', 'b', 'c']) store.enqueue(id);
    const failed = new Promise<void>((resolve) => {
      const send = jetstream.send.bind(jetstream);
      jetstream.send = (envelope) => {
        if (envelope.msgId === 'c') resolve();
        return send(envelope);
      };
    });
    sender.wake();
    await failed;
    expect(store.rows.map((row) => row.msgId)).toEqual(['a', 'b', 'c']);

    jetstream.down = false;
    const acked = sender.acked('c', WAIT_MS);
    reconnect();
    await acked;
    expect(jetstream.ids()).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
    // The very object queued: the same id (Nats-Msg-Id), body and signed headers on every attempt.
    expect(jetstream.sent[3]).toBe(jetstream.sent[0]);
    expect(store.rows).toEqual([]);
  });

  it(`keeps at most ${MAX_IN_FLIGHT} publishes in flight, and a later submission behind the earlier ones`, async () => {
    const { store, jetstream, sender } = started(setup());
    jetstream.hold = true;
    const ids = Array.from({ length: MAX_IN_FLIGHT + 10 }, (_, i) => `m${i}`);
    for (const id of ids) store.enqueue(id);
    sender.wake();
    const filled = sender.acked('late', WAIT_MS);
    store.enqueue('late');
    sender.wake();
    // Released once the window is full: nothing beyond it went out meanwhile.
    await new Promise<void>((resolve) => {
      const check = () => (jetstream.inFlight === MAX_IN_FLIGHT ? resolve() : setImmediate(check));
      check();
    });
    expect(jetstream.sent).toHaveLength(MAX_IN_FLIGHT);
    jetstream.release();
    await filled;
    expect(jetstream.maxInFlight).toBe(MAX_IN_FLIGHT);
    expect(jetstream.ids()).toEqual([...ids, 'late']);
  });

  it('keeps a message queued, and sends it again, when recording it as accepted fails', async () => {
    const { store, jetstream, sent, sender } = started(setup());
    sent.failures = 1;
    store.enqueue('a');
    const acked = sender.acked('a', WAIT_MS);
    sender.wake();
    await acked;
    expect(jetstream.ids()).toEqual(['a', 'a']);
    expect(sent.accepted).toEqual(['a']);
    expect(store.rows).toEqual([]);
  });
});
