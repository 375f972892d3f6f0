import { EventEmitter } from 'node:events';
import { setTimeout as pause } from 'node:timers/promises';
import { Logger, type LoggerService } from '@nestjs/common';
import {
  Server,
  type BaseRpcContext,
  type CustomTransportStrategy,
  type MessageHandler,
} from '@nestjs/microservices';
import { PubHeaders, type ConsumerInfo, type JetStreamManager, type JsMsg } from '@nats-io/jetstream';
import { isObservable, lastValueFrom } from 'rxjs';
import { deadLetterSubject } from '#contracts';
import { backoffDelay } from './backoff.js';
import { bindConsumer } from './consumer-binding.js';
import {
  provisionConsumer,
  resolveConsumerSpec,
  type ResolvedConsumerSpec,
} from './consumer-provisioning.js';
import { ConsumerWorker, type WorkerHandler } from './consumer-worker.js';
import { writeDeadLetter, type DeadLetterId } from './dead-letter.js';
import { failureReason } from './failure-reason.js';
import { FailureTally } from './failure-tally.js';
import { JetStreamBatchContext } from './jetstream-batch-context.js';
import { JetStreamContext } from './jetstream-context.js';
import { MissingHandlerError } from './messaging.errors.js';
import type { ConsumerSpec } from './messaging.options.js';
import { NatsConnectionService } from './nats-connection.service.js';
import { PermanentFailure } from './permanent-failure.js';

/** Options of {@link JetStreamServer}. */
export interface JetStreamServerOptions {
  connection: NatsConnectionService;
  consumers: ConsumerSpec[];
  /** Where dead letters of a consumer go; default `bl.dlq.<stream>.<consumer>` (`deadLetterSubject`). */
  deadLetterSubject?: (stream: string, consumer: string) => string;
  /**
   * The `Nats-Msg-Id` of a dead-letter record; default `dlq:<stream>:<consumer>:<seq>`
   * (`deadLetterMsgId`), which anyone who may publish into the dead-letter stream can compute.
   */
  deadLetterId?: DeadLetterId;
  /** Redelivery delay after the n-th transient failure of a message; default {@link backoffDelay}. */
  backoff?: (failures: number) => number;
  /** How long `close()` lets running handlers finish before handing their messages back; default 10 s. */
  closeTimeoutMs?: number;
}

/** Events of {@link JetStreamServer}, e.g. for metrics: `server.on('deadLettered', (ctx, reason) => …)`. */
export type JetStreamServerEvents = {
  /** The handler succeeded and the message was acked. */
  acked: (ctx: JetStreamContext) => void;
  /** The handler failed transiently; the message comes back after `delayMs`. */
  retried: (ctx: JetStreamContext, delayMs: number, reason: string) => void;
  /** The message was terminated and its dead-letter record stored. */
  deadLettered: (ctx: JetStreamContext, reason: string) => void;
  /** Pulling from a consumer failed; the worker retries with backoff. */
  pullError: (durable: string, error: unknown) => void;
};

export type JetStreamServerStatus = 'listening' | 'closed';

/** Transport id of {@link JetStreamServer}: `@EventPattern(pattern, JETSTREAM_TRANSPORT)` binds a handler to it alone. */
export const JETSTREAM_TRANSPORT: unique symbol = Symbol('borderlink:jetstream');

const DEFAULT_CLOSE_TIMEOUT_MS = 10_000;

// A declared consumer with the handler that processes its messages.
interface Binding {
  spec: ResolvedConsumerSpec;
  handler: MessageHandler;
}

/**
 * NestJS transport over durable JetStream pull consumers: at-least-once delivery with per-message
 * acks. Each declared consumer feeds the `@EventPattern` handler of the same pattern, called with
 * `(@Payload() body: Uint8Array, @Ctx() ctx: JetStreamContext)`. When the handler's promise resolves
 * the message is acked; when it throws, the message is redelivered after a growing delay, or, on a
 * {@link PermanentFailure} or its last allowed delivery, terminated and recorded as a dead letter.
 * A consumer declared `inBatches` calls its handler with every message that can start at once
 * (`@Payload() bodies: Uint8Array[], @Ctx() batch: JetStreamBatchContext`); each message is then
 * settled as above by its own outcome, so one that fails for good is dead-lettered alone.
 * Register `JetStreamErrorFilter` on handlers so that logs and dead letters carry the real reason of
 * other errors (Nest's default filter reduces them to "Internal server error").
 */
export class JetStreamServer
  extends Server<JetStreamServerEvents, JetStreamServerStatus>
  implements CustomTransportStrategy
{
  override transportId = JETSTREAM_TRANSPORT;
  // This transport observes handler failures itself (to nak or dead-letter), so Nest need not log them.
  override readonly propagatesEventHandlerErrors = true;
  protected override readonly logger: LoggerService = new Logger(JetStreamServer.name);
  private readonly events = new EventEmitter();
  private readonly specs: ResolvedConsumerSpec[];
  private readonly backoff: (failures: number) => number;
  private readonly failures = new FailureTally();
  private readonly deadLetterSubject: (stream: string, consumer: string) => string;
  private workers: ConsumerWorker[] = [];
  private closing: Promise<void> | undefined;
  // Ends a wait for a consumer that is not provisioned yet when the server is closed meanwhile.
  private readonly aborter = new AbortController();

  constructor(private readonly options: JetStreamServerOptions) {
    super();
    this.specs = options.consumers.map(resolveConsumerSpec);
    this.backoff = options.backoff ?? backoffDelay;
    this.deadLetterSubject = options.deadLetterSubject ?? deadLetterSubject;
  }

  /**
   * Waits for the connection and streams, provisions the consumers, then starts pulling. On a
   * connection that connects in the background and is not connected yet, returns at once (after
   * checking the handlers) and does the rest once connected, retrying with backoff until it succeeds
   * or the server is closed.
   */
  async listen(callback: (error?: unknown) => void): Promise<void> {
    let bindings: Binding[];
    try {
      // Resolve every handler first: a missing one is a wiring error, found before anything is created.
      bindings = this.specs.map((spec) => ({ spec, handler: this.handlerFor(spec) }));
      const { connection } = this.options;
      if (connection.connectsInBackground && !connection.isConnected()) {
        void this.startWhenConnected(bindings);
        callback();
        return;
      }
      await this.start(bindings);
    } catch (error) {
      callback(error);
      return;
    }
    if (!this.closing) this._status$.next('listening');
    callback();
  }

  /** Stops pulling, lets running handlers finish (bounded), and hands back (nak) whatever did not. */
  close(): Promise<void> {
    this.closing ??= this.stop();
    return this.closing;
  }

  on<
    EventKey extends keyof JetStreamServerEvents = keyof JetStreamServerEvents,
    EventCallback extends JetStreamServerEvents[EventKey] = JetStreamServerEvents[EventKey],
  >(event: EventKey, callback: EventCallback): this {
    this.events.on(event, callback);
    return this;
  }

  /** The underlying `NatsConnection`. */
  unwrap<T>(): T {
    return this.options.connection.connection as T;
  }

  private async startWhenConnected(bindings: Binding[]): Promise<void> {
    for (let attempt = 1; !this.closing; attempt++) {
      try {
        await this.start(bindings);
        if (!this.closing) this._status$.next('listening');
        return;
      } catch (error) {
        if (this.closing) return;
        const delayMs = this.backoff(attempt);
        this.logger.warn({
          msg: 'cannot start consuming yet; retrying',
          attempt,
          delayMs,
          err: failureReason(error),
        });
        await pause(delayMs, undefined, { signal: this.aborter.signal }).catch(() => undefined);
      }
    }
  }

  private async start(bindings: Binding[]): Promise<void> {
    const { connection } = this.options;
    await connection.ready();
    const manager = await connection.manager();
    const consumers = connection.jetstream().consumers;
    const workers: ConsumerWorker[] = [];
    for (const binding of bindings) {
      const { spec, handler } = binding;
      const info = spec.bind
        ? await this.awaitConsumer(manager, spec)
        : await provisionConsumer(manager, spec);
      if (info === undefined) return;
      const handle: WorkerHandler = spec.inBatches
        ? { batch: (msgs, releaseOrder) => this.processBatch(spec, handler, msgs, releaseOrder) }
        : { each: (msg, releaseOrder) => this.process(spec, handler, msg, releaseOrder) };
      workers.push(
        new ConsumerWorker(consumers.getConsumerFromInfo(info), spec, handle, (error, failures) =>
          this.pullFailed(spec, error, failures),
        ),
      );
    }
    // close() may have been called while consumers were being provisioned: then never start pulling.
    if (this.closing) return;
    this.workers = workers;
    for (const worker of workers) worker.start();
    this.logger.log({
      msg: 'consuming',
      consumers: this.specs.map((s) => ({ stream: s.stream, durable: s.durable, filter: s.filterSubject })),
    });
  }

  // Consumer info only, waiting (with a log line per attempt) until the provisioner has created it.
  private awaitConsumer(
    manager: JetStreamManager,
    spec: ResolvedConsumerSpec,
  ): Promise<ConsumerInfo | undefined> {
    return bindConsumer(manager, spec, {
      signal: this.aborter.signal,
      onWaiting: (attempt, reason) =>
        this.logger.warn({
          msg: 'waiting for the consumer to be provisioned by its owner',
          stream: spec.stream,
          durable: spec.durable,
          reason,
          attempt,
        }),
    });
  }

  private async stop(): Promise<void> {
    this.aborter.abort();
    const graceMs = this.options.closeTimeoutMs ?? DEFAULT_CLOSE_TIMEOUT_MS;
    await Promise.all(this.workers.map((worker) => worker.stop(graceMs)));
    this.workers = [];
    this._status$.next('closed');
  }

  private handlerFor(spec: ResolvedConsumerSpec): MessageHandler {
    const handler = this.getHandlerByPattern(spec.pattern);
    if (!handler) throw new MissingHandlerError(spec.pattern, spec.durable);
    return handler;
  }

  private async process(
    spec: ResolvedConsumerSpec,
    handler: MessageHandler,
    msg: JsMsg,
    releaseOrder: () => void,
  ): Promise<void> {
    const ctx = new JetStreamContext(msg, releaseOrder);
    try {
      await this.invoke(handler, msg.data, ctx);
    } catch (error) {
      await this.failed(spec, msg, ctx, error);
      return;
    }
    this.succeeded(msg, ctx);
  }

  // One handler call for the batch; then each message is settled by its own outcome.
  private async processBatch(
    spec: ResolvedConsumerSpec,
    handler: MessageHandler,
    msgs: JsMsg[],
    releaseOrder: (msg: JsMsg) => void,
  ): Promise<void> {
    const contexts = msgs.map((msg) => new JetStreamContext(msg, () => releaseOrder(msg)));
    const batch = new JetStreamBatchContext(contexts);
    let thrown: { error: unknown } | undefined;
    try {
      await this.invoke(
        handler,
        contexts.map((ctx) => ctx.body),
        batch,
      );
    } catch (error) {
      thrown = { error };
    }
    await Promise.all(
      msgs.map((msg, i) => {
        const ctx = contexts[i]!;
        const outcome = thrown ? { failed: true as const, ...thrown } : batch.failureOf(ctx);
        if (outcome.failed) return this.failed(spec, msg, ctx, outcome.error);
        this.succeeded(msg, ctx);
        return undefined;
      }),
    );
  }

  private succeeded(msg: JsMsg, ctx: JetStreamContext): void {
    // Only a redelivery can have failed here before: a first delivery costs no key and no lookup.
    if (ctx.deliveryCount > 1) this.failures.clear(tallyKey(ctx));
    msg.ack();
    this.emit('acked', ctx);
  }

  // Runs the handler between Nest's processing hooks (tracing) and settles when its result does:
  // a promise, or the observable Nest returns when interceptors or exception filters are involved.
  private invoke(handler: MessageHandler, payload: unknown, ctx: BaseRpcContext): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.onProcessingStartHook(this.transportId, ctx, async () => {
        const end = this.createProcessingEndHookRunner(ctx);
        try {
          const result: unknown = await handler(payload, ctx);
          if (isObservable(result)) await lastValueFrom(result, { defaultValue: undefined });
          resolve();
        } catch (error) {
          reject(error);
        } finally {
          end();
        }
      });
    });
  }

  private async failed(
    spec: ResolvedConsumerSpec,
    msg: JsMsg,
    ctx: JetStreamContext,
    error: unknown,
  ): Promise<void> {
    const reason = failureReason(error);
    const attempts = this.failures.add(tallyKey(ctx));
    const lastAttempt = spec.maxAttempts !== -1 && attempts >= spec.maxAttempts;
    if (!(error instanceof PermanentFailure) && !lastAttempt) {
      this.retry(msg, ctx, attempts, reason);
      return;
    }
    try {
      await writeDeadLetter(
        this.options.connection.jetstream(),
        this.deadLetterSubject(ctx.stream, ctx.consumer),
        msg,
        reason,
        this.options.deadLetterId,
      );
    } catch (writeError) {
      // Terminating without a record would lose the message: leave it to redelivery instead.
      msg.nak(this.backoff(attempts));
      this.logger.error({
        msg: lastAttempt
          ? 'cannot write dead letter; attempts exhausted, the message stays in its stream unprocessed'
          : 'cannot write dead letter; the message will be redelivered',
        ...where(ctx),
        reason,
        err: failureReason(writeError),
      });
      return;
    }
    // No reason on term: nats-server before 2.11 does not parse `+TERM <reason>` and would redeliver.
    msg.term();
    this.failures.clear(tallyKey(ctx));
    this.logger.error({ msg: 'message dead-lettered', ...where(ctx), reason });
    this.emit('deadLettered', ctx, reason);
  }

  private retry(msg: JsMsg, ctx: JetStreamContext, attempts: number, reason: string): void {
    // A bare nak redelivers at once, ignoring any backoff: the delay must be explicit.
    const delayMs = this.backoff(attempts);
    msg.nak(delayMs);
    this.logger.warn({
      msg: 'handler failed; message will be redelivered',
      ...where(ctx),
      attempts,
      delayMs,
      reason,
    });
    this.emit('retried', ctx, delayMs, reason);
  }

  private pullFailed(spec: ResolvedConsumerSpec, error: unknown, failures: number): void {
    this.logger.warn({
      msg: 'pull failed; retrying',
      stream: spec.stream,
      durable: spec.durable,
      failures,
      err: failureReason(error),
    });
    this.emit('pullError', spec.durable, error);
  }

  private emit<K extends keyof JetStreamServerEvents>(
    event: K,
    ...args: Parameters<JetStreamServerEvents[K]>
  ): void {
    this.events.emit(event, ...args);
  }
}

// A message of one consumer, for its failure count.
function tallyKey(ctx: JetStreamContext): string {
  return `${ctx.stream}/${ctx.consumer}/${ctx.streamSequence}`;
}

// Log fields that locate a message: where it lives and which delivery failed.
function where(ctx: JetStreamContext): Record<string, unknown> {
  return {
    stream: ctx.stream,
    consumer: ctx.consumer,
    seq: ctx.streamSequence,
    deliveries: ctx.deliveryCount,
    subject: ctx.subject,
    msgId: ctx.header(PubHeaders.MsgIdHdr),
  };
}
