import {
  Inject,
  Injectable,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { exponentialDelay, NatsConnectionService, type PublishResult } from '#messaging';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { HubLinkRepository } from '../link/hub-link.repository.js';
import { SentMessagesService } from '../sent/sent-messages.service.js';
import { AckWaiters } from './ack-waiters.js';
import { OutboxRepository } from './outbox.repository.js';
import type { QueuedMessage } from './queued-message.js';
import { Wakeup } from './wakeup.js';

/** Publishes in flight at once: enough to fill a link's round trip, few enough to bound memory. */
export const MAX_IN_FLIGHT = 64;
// One attempt's wait for its ack; a lost link shows up as a timeout of this length.
const ATTEMPT_TIMEOUT_MS = 5_000;
// After a failed round: 0.5 s, 1 s, 2 s, … at most 30 s, cut short when the link comes back.
const RETRY_FIRST_DELAY_MS = 500;
const RETRY_MAX_DELAY_MS = 30_000;

type Settled = { ok: true; outcome: PublishResult } | { ok: false; error: unknown };

/**
 * The node's one outbox sender. Publishes queued messages strictly in queue order, up to
 * {@link MAX_IN_FLIGHT} at a time on the one NATS connection (JetStream stores one connection's
 * publishes in the order sent), each with its own id as `Nats-Msg-Id` and its sealed headers, the
 * same bytes on every attempt, so a retry is recognised as a duplicate rather than stored twice.
 * A message leaves the outbox only once acknowledged and recorded as accepted in the sent state (a
 * failed write keeps it queued and sends it again, a duplicate). On a failure it lets the publishes in flight
 * settle, backs off, and starts again from the first message still queued. Wakes on a new
 * submission and whenever the connection comes (back) up.
 */
@Injectable()
export class OutboxSenderService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly work = new Wakeup();
  private readonly link = new Wakeup();
  private readonly waiters = new AckWaiters();
  private stopping = false;
  private failing = false;
  private running: Promise<void> | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly repository: OutboxRepository,
    private readonly hub: HubLinkRepository,
    private readonly sent: SentMessagesService,
    private readonly connection: NatsConnectionService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.connection.onConnected(() => {
      this.link.notify();
      this.work.notify();
    });
    this.running = this.run();
  }

  /** Stops taking messages from the outbox and lets the publishes in flight settle; the rest stays queued. */
  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    this.unsubscribe?.();
    this.link.notify();
    this.work.notify();
    await this.running;
    this.waiters.clear();
  }

  /** A message was queued: send it (after those before it). */
  wake(): void {
    this.work.notify();
  }

  /** True from a failed send until the next ack: a new message will not be acknowledged soon. */
  isFailing(): boolean {
    return this.failing;
  }

  /** Resolves with JetStream's ack of message `id`, or undefined when it did not come within `timeoutMs`. */
  acked(id: string, timeoutMs: number): Promise<PublishResult | undefined> {
    return this.waiters.wait(id, timeoutMs);
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      // A failing store (a full or broken disk) is retried like a failing link.
      const failure = await this.sendQueued().catch((error: unknown) => ({ error }));
      if (this.stopping) break;
      if (failure === undefined) {
        failures = 0;
        await this.work.wait();
        continue;
      }
      failures++;
      this.failing = true;
      const delayMs = exponentialDelay(failures, RETRY_FIRST_DELAY_MS, RETRY_MAX_DELAY_MS);
      this.logger.warn({ err: failure.error, failures, delayMs }, 'outbox send failed; retrying');
      await this.link.wait(delayMs);
    }
  }

  // One round from the head of the queue until it is empty. Returns the first failure, if any, once
  // every publish still in flight has settled (those that succeeded leave the outbox all the same).
  private async sendQueued(): Promise<{ error: unknown } | undefined> {
    const inFlight: Array<{ message: QueuedMessage; result: Promise<Settled> }> = [];
    let cursor = 0;
    let failure: { error: unknown } | undefined;
    for (;;) {
      if (failure === undefined && !this.stopping) {
        for (const message of this.repository.after(cursor, MAX_IN_FLIGHT - inFlight.length)) {
          inFlight.push({ message, result: this.send(message) });
          cursor = message.seq;
        }
      }
      const head = inFlight.shift();
      if (head === undefined) return failure;
      const result = await head.result;
      try {
        if (!result.ok) throw result.error;
        await this.acknowledge(head.message, result.outcome);
      } catch (error) {
        failure ??= { error };
      }
    }
  }

  private send(message: QueuedMessage): Promise<Settled> {
    return this.hub.send(message, { timeoutMs: ATTEMPT_TIMEOUT_MS }).then(
      (outcome): Settled => ({ ok: true, outcome }),
      (error: unknown): Settled => ({ ok: false, error }),
    );
  }

  private async acknowledge(message: QueuedMessage, outcome: PublishResult): Promise<void> {
    // Before it leaves the outbox, so that a failed write is retried with the (duplicate) publish.
    await this.sent.recordAccepted(message.msgId, message.kind);
    this.repository.remove(message.seq);
    this.failing = false;
    this.waiters.settle(message.msgId, outcome);
    this.logger.debug(
      { msgId: message.msgId, kind: message.kind, duplicate: outcome.duplicate },
      'sent from the outbox',
    );
  }
}
