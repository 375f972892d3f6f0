import { setTimeout as pause } from 'node:timers/promises';
import type { Consumer, ConsumerMessages, JsMsg } from '@nats-io/jetstream';
import { ClosedConnectionError, DrainingConnectionError } from '@nats-io/transport-node';
import { exponentialDelay } from './backoff.js';

/**
 * Handles one message to the end (ack, nak or term). Must not reject. `releaseOrder` lets the next
 * message of the same ordering key start before this one settles (see `JetStreamContext.releaseOrder`).
 */
export type MessageProcessor = (msg: JsMsg, releaseOrder: () => void) => Promise<void>;

/**
 * Handles several messages to the end, each acked, naked or termed on its own. Must not reject.
 * Messages sharing an ordering key come in delivery order and must be handled in that order;
 * `releaseOrder(msg)` lets the later messages of `msg`'s key start (in another batch) before this
 * batch settles.
 */
export type BatchProcessor = (msgs: JsMsg[], releaseOrder: (msg: JsMsg) => void) => Promise<void>;

/** What a worker hands its messages to: one at a time, or every message ready to start at once. */
export type WorkerHandler = { each: MessageProcessor } | { batch: BatchProcessor };

/** How much one worker takes on. */
export interface WorkerLimits {
  /** Messages held at most: pulled and not yet settled (queued or being handled). */
  batch: number;
  /** Handler calls at once: messages, or for a batch handler, batches. */
  concurrency: number;
  /**
   * The ordering key of a message (e.g. its sender): messages with the same key are handled one at
   * a time, in the order they were delivered; undefined handles it with no ordering constraint.
   */
  sequenceBy?: (msg: JsMsg) => string | undefined;
  /** Batch mode: how long a message that finds the worker idle waits for others; 0 for none. */
  gatherMs?: number;
}

// A pull request stays open this long when the stream is quiet; the client's heartbeat check
// (half of it, two missed) then also notices a restarted server within this time.
const PULL_EXPIRES_MS = 10_000;
const PULL_RETRY_FIRST_MS = 250;
const PULL_RETRY_MAX_MS = 10_000;

/**
 * Pulls one durable consumer in bounded batches and runs up to `concurrency` messages at once. It
 * asks only for as many messages as it has room for, so nothing waits locally long enough to
 * outlive its ack wait, and acks stay per message. With `sequenceBy`, messages sharing a key wait
 * in that key's lane behind the one running, so each key's messages are handled in delivery order;
 * a handler that releases its order early hands its slot and its lane on at once and finishes
 * alongside (still held, so the batch bound stays exact).
 *
 * A batch handler gets, in one call, every held message that can start: those that arrived in the
 * same turn of the event loop, or waited while all slots were taken, except those whose key has a
 * message in a running batch that has not released its order; several messages of one key go in one
 * batch, in delivery order. A batch leaves its slot once every message in it released its order.
 */
export class ConsumerWorker {
  private readonly running = new Map<JsMsg, string | undefined>();
  /** Messages whose handler released their order and is finishing: held, but outside `concurrency`. */
  private readonly finishing = new Set<JsMsg>();
  private readonly waiting: JsMsg[] = [];
  /** Per ordering key with a message running: the messages of that key delivered after it. */
  private readonly lanes = new Map<string, JsMsg[]>();
  private readonly aborter = new AbortController();
  private readonly concurrency: number;
  private readonly refillAt: number;
  /** Batch mode: per key, the messages of running batches that have not released their order. */
  private readonly busy = new Map<string, number>();
  /** Batch mode: per running batch, its messages that have not released their order. */
  private readonly unreleased = new Map<JsMsg[], Set<JsMsg>>();
  private batchesRunning = 0;
  private dispatchScheduled = false;
  /** Batch mode: the wait of a message that found the worker idle, while it lasts. */
  private gathering: NodeJS.Timeout | undefined;
  private held = 0;
  private stopping = false;
  private messages: ConsumerMessages | undefined;
  private loop: Promise<void> | undefined;
  private onRoom: (() => void) | undefined;
  private onIdle: (() => void) | undefined;

  constructor(
    private readonly consumer: Consumer,
    private readonly limits: WorkerLimits,
    private readonly handler: WorkerHandler,
    private readonly onPullError: (error: unknown, failures: number) => void,
  ) {
    this.concurrency = Math.min(limits.concurrency, limits.batch);
    // Pull again once a quarter of the batch is free: fewer, fuller pull requests.
    this.refillAt = Math.max(1, Math.floor(limits.batch / 4));
  }

  start(): void {
    this.loop ??= this.pull();
  }

  /**
   * Stops pulling, gives back (nak) what has not started, lets running handlers finish for up to
   * `graceMs`, then gives back those still running: another instance gets them at once.
   */
  async stop(graceMs: number): Promise<void> {
    this.stopping = true;
    this.aborter.abort();
    this.cancelGathering();
    this.onRoom?.();
    void this.messages?.close();
    const unstarted = [
      ...this.waiting.splice(0),
      ...[...this.lanes.values()].flatMap((lane) => lane.splice(0)),
    ];
    this.held -= unstarted.length;
    for (const msg of unstarted) msg.nak();
    await this.loop;
    await this.settle(graceMs);
    for (const msg of [...this.running.keys(), ...this.finishing]) msg.nak();
  }

  private async pull(): Promise<void> {
    let failures = 0;
    while (!this.stopping) {
      await this.room();
      if (this.stopping) break;
      try {
        const asked = this.limits.batch - this.held;
        const messages = await this.consumer.fetch({ max_messages: asked, expires: PULL_EXPIRES_MS });
        this.messages = messages;
        // stop() may have run while the fetch was being set up.
        if (this.stopping) void messages.close();
        let received = 0;
        for await (const msg of messages) {
          this.accept(msg);
          // A pull that brought all it asked for found a backlog: nothing is gained by gathering.
          if (++received === asked) this.dispatchAtOnce();
        }
        failures = 0;
      } catch (error) {
        if (
          this.stopping ||
          error instanceof ClosedConnectionError ||
          error instanceof DrainingConnectionError
        ) {
          break;
        }
        failures++;
        this.onPullError(error, failures);
        await pause(exponentialDelay(failures, PULL_RETRY_FIRST_MS, PULL_RETRY_MAX_MS), undefined, {
          signal: this.aborter.signal,
        }).catch(() => undefined);
      } finally {
        this.messages = undefined;
      }
    }
  }

  private room(): Promise<void> {
    if (this.limits.batch - this.held >= this.refillAt) return Promise.resolve();
    return new Promise((resolve) => {
      this.onRoom = resolve;
    });
  }

  private accept(msg: JsMsg): void {
    // Arrived after stop began: never started, so hand it straight back.
    if (this.stopping) {
      msg.nak();
      return;
    }
    this.held++;
    if ('batch' in this.handler) {
      this.waiting.push(msg);
      // The first message to find the worker idle waits a moment for company and the rest join it.
      const idle = this.waiting.length === 1 && this.batchesRunning === 0;
      this.scheduleDispatch(idle ? (this.limits.gatherMs ?? 0) : 0);
    } else if (this.running.size < this.concurrency) this.startOrQueue(msg);
    else this.waiting.push(msg);
  }

  // Messages of one fetch arrive one microtask apart: the batch is cut once they all have, or once
  // `afterMs` has passed.
  private scheduleDispatch(afterMs = 0): void {
    if (this.dispatchScheduled) return;
    this.dispatchScheduled = true;
    const dispatch = (): void => {
      this.gathering = undefined;
      this.dispatchScheduled = false;
      this.dispatch();
    };
    if (afterMs > 0) this.gathering = setTimeout(dispatch, afterMs);
    else setImmediate(dispatch);
  }

  // Cuts a gathering wait short (batch mode).
  private dispatchAtOnce(): void {
    if (!('batch' in this.handler)) return;
    this.cancelGathering();
    this.scheduleDispatch();
  }

  private cancelGathering(): void {
    if (this.gathering === undefined) return;
    clearTimeout(this.gathering);
    this.gathering = undefined;
    this.dispatchScheduled = false;
  }

  // Starts one batch of every waiting message whose key has no unreleased message running.
  private dispatch(): void {
    const { handler } = this;
    if (!('batch' in handler) || this.stopping || this.batchesRunning >= this.concurrency) return;
    const { sequenceBy } = this.limits;
    const batch: JsMsg[] = [];
    const blocked: JsMsg[] = [];
    for (const msg of this.waiting) {
      const key = sequenceBy?.(msg);
      if (key !== undefined && this.busy.has(key)) blocked.push(msg);
      else batch.push(msg);
    }
    if (batch.length === 0) return;
    this.waiting.splice(0, this.waiting.length, ...blocked);
    for (const msg of batch) {
      const key = sequenceBy?.(msg);
      this.running.set(msg, key);
      if (key !== undefined) this.busy.set(key, (this.busy.get(key) ?? 0) + 1);
    }
    this.batchesRunning++;
    this.unreleased.set(batch, new Set(batch));
    const release = (msg: JsMsg): void => this.releaseInBatch(batch, msg);
    const done = (): void => this.batchFinished(batch);
    handler.batch(batch, release).then(done, done);
  }

  private releaseInBatch(batch: JsMsg[], msg: JsMsg): void {
    const open = this.unreleased.get(batch);
    if (!open?.delete(msg)) return;
    const key = this.running.get(msg);
    this.running.delete(msg);
    this.finishing.add(msg);
    if (key !== undefined) {
      const left = this.busy.get(key)! - 1;
      if (left === 0) this.busy.delete(key);
      else this.busy.set(key, left);
    }
    if (open.size === 0) {
      this.unreleased.delete(batch);
      this.batchesRunning--;
    }
    this.scheduleDispatch();
  }

  private batchFinished(batch: JsMsg[]): void {
    for (const msg of batch) this.releaseInBatch(batch, msg);
    for (const msg of batch) this.finishing.delete(msg);
    this.held -= batch.length;
    this.settled();
  }

  // Runs `msg` unless a message of its key is running, in which case it joins that key's lane.
  private startOrQueue(msg: JsMsg): boolean {
    const key = this.limits.sequenceBy?.(msg);
    const lane = key === undefined ? undefined : this.lanes.get(key);
    if (lane) {
      lane.push(msg);
      return false;
    }
    if (key !== undefined) this.lanes.set(key, []);
    this.run(msg, key);
    return true;
  }

  private run(msg: JsMsg, key: string | undefined): void {
    const { handler } = this;
    if (!('each' in handler)) return;
    this.running.set(msg, key);
    const release = (): void => this.releaseOrder(msg);
    const done = (): void => this.finished(msg);
    handler.each(msg, release).then(done, done);
  }

  // The message leaves its slot and lane for the next one; it stays held until it settles.
  private releaseOrder(msg: JsMsg): void {
    if (!this.running.has(msg)) return;
    const key = this.running.get(msg);
    this.running.delete(msg);
    this.finishing.add(msg);
    this.startNext(key);
  }

  private finished(msg: JsMsg): void {
    if (!this.finishing.delete(msg)) {
      const key = this.running.get(msg);
      this.running.delete(msg);
      this.startNext(key);
    }
    this.held--;
    this.settled();
  }

  // Settled messages free room to pull, and may be the last a stopping worker waits for.
  private settled(): void {
    if (this.onRoom && this.limits.batch - this.held >= this.refillAt) {
      const wake = this.onRoom;
      this.onRoom = undefined;
      wake();
    }
    if (this.running.size === 0 && this.finishing.size === 0) this.onIdle?.();
  }

  // The freed slot goes to the next message of the same key, else to the first waiting message
  // that can start (those whose key is busy move to their lane).
  private startNext(key: string | undefined): void {
    const lane = key === undefined ? undefined : this.lanes.get(key);
    const next = lane?.shift();
    if (next) {
      this.run(next, key);
      return;
    }
    if (key !== undefined) this.lanes.delete(key);
    for (let msg = this.waiting.shift(); msg; msg = this.waiting.shift()) {
      if (this.startOrQueue(msg)) return;
    }
  }

  private async settle(graceMs: number): Promise<void> {
    if (this.running.size === 0 && this.finishing.size === 0) return;
    const idle = new Promise<void>((resolve) => {
      this.onIdle = resolve;
    });
    const grace = new AbortController();
    await Promise.race([idle, pause(graceMs, undefined, { signal: grace.signal }).catch(() => undefined)]);
    grace.abort();
    this.onIdle = undefined;
  }
}
