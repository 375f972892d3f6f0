import { setTimeout as pause } from 'node:timers/promises';
import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  type JetStreamAccountStats,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { connect, type Authenticator, type NatsConnection, type Status } from '@nats-io/transport-node';
import { exponentialDelay } from './backoff.js';
import { failureReason } from './failure-reason.js';
import { NotConnectedError, ProvisioningError } from './messaging.errors.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options.js';
import { isTransientNatsError, withRetry, type RetryPolicy } from './retry.js';
import { provisionStreams } from './stream-provisioning.js';

// JetStream may answer a moment after the server accepts clients (restart, cluster leader election).
const PROVISION_RETRY: RetryPolicy = { attempts: 6, firstDelayMs: 250, maxDelayMs: 4_000 };
// Background connecting: quick first retries (a server starting alongside), then every 5 s at most.
const BACKGROUND_FIRST_DELAY_MS = 250;
const BACKGROUND_MAX_DELAY_MS = 5_000;

/**
 * The process's one NATS connection. Connects on module init (waiting for a server that is not up
 * yet, then reconnecting forever; or, with `connectInBackground`, in the background once a first
 * attempt failed),
 * provisions the declared streams, logs every change of connection state, and drains on application
 * shutdown, after the transport has stopped pulling.
 */
@Injectable()
export class NatsConnectionService implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger(NatsConnectionService.name);
  private nc: NatsConnection | undefined;
  private js: JetStreamClient | undefined;
  private jsm: JetStreamManager | undefined;
  private connecting: Promise<NatsConnection> | undefined;
  private readying: Promise<void> | undefined;
  private connected = false;
  private readonly connectedListeners = new Set<() => void>();
  // Ends background connecting when the application shuts down before a server answered.
  private readonly aborter = new AbortController();
  private firstAttemptFailed: (() => void) | undefined;

  constructor(@Inject(MESSAGING_OPTIONS) private readonly options: MessagingOptions) {}

  /**
   * The live connection.
   * @throws NotConnectedError before the first connect has completed.
   */
  get connection(): NatsConnection {
    if (!this.nc) throw new NotConnectedError();
    return this.nc;
  }

  async onModuleInit(): Promise<void> {
    if (!this.connectsInBackground) {
      await this.ready();
      return;
    }
    // The first attempt is awaited, so a reachable server is connected when the app starts, as without
    // this option; only an unreachable one leaves the connecting to the background.
    const unreachable = new Promise<void>((resolve) => (this.firstAttemptFailed = resolve));
    const ready = this.ready().catch((error: unknown) => {
      if (!this.aborter.signal.aborted)
        this.logger.error({ msg: 'NATS start failed', err: failureReason(error) });
    });
    await Promise.race([ready, unreachable]);
  }

  /** True when this service connects in the background (`MessagingOptions.connectInBackground`). */
  get connectsInBackground(): boolean {
    return this.options.connectInBackground === true;
  }

  /**
   * Calls `listener` each time the client gets a live connection: the first connect and every
   * reconnect, e.g. to resume work that waited for the link. Returns a function that removes it.
   */
  onConnected(listener: () => void): () => void {
    this.connectedListeners.add(listener);
    return () => this.connectedListeners.delete(listener);
  }

  /** Connected and the declared streams provisioned; idempotent, so a transport may await it too. */
  ready(): Promise<void> {
    if (this.aborter.signal.aborted)
      return Promise.reject(new NotConnectedError('NATS connection shut down'));
    this.readying ??= (this.connectsInBackground ? this.connectWhenReachable() : this.connect())
      .then((nc) => this.provision(nc))
      .catch((error: unknown) => {
        this.readying = undefined;
        throw error;
      });
    return this.readying;
  }

  /**
   * The JetStream client of this connection.
   * @throws NotConnectedError before the first connect has completed.
   */
  jetstream(): JetStreamClient {
    this.js ??= jetstream(this.connection, this.domain());
    return this.js;
  }

  /**
   * The JetStream manager of this connection (created without a round trip).
   * @throws NotConnectedError before the first connect has completed.
   */
  async manager(): Promise<JetStreamManager> {
    this.jsm ??= await jetstreamManager(this.connection, { checkAPI: false, ...this.domain() });
    return this.jsm;
  }

  /** True while the client holds a live connection to a server. */
  isConnected(): boolean {
    return this.connected && this.nc !== undefined && !this.nc.isClosed();
  }

  /** The JetStream account info; rejects when JetStream does not answer. */
  async accountInfo(): Promise<JetStreamAccountStats> {
    return (await this.manager()).getAccountInfo();
  }

  /**
   * Resolves when JetStream answers this client: with its account info, or, for a client that may
   * only look up its own consumer (`healthConsumer`), with that consumer's info; an answer that the
   * consumer does not exist yet counts, since JetStream gave it. Rejects when nothing answers.
   */
  async probeJetStream(): Promise<void> {
    const consumer = this.options.healthConsumer;
    if (consumer === undefined) {
      await this.accountInfo();
      return;
    }
    try {
      await (await this.manager()).consumers.info(consumer.stream, consumer.durable);
    } catch (error) {
      if (!(error instanceof JetStreamApiError)) throw error;
    }
  }

  /** Flushes what is buffered (acks, publishes), lets subscriptions finish, then closes. */
  async onApplicationShutdown(): Promise<void> {
    this.aborter.abort();
    const nc = this.nc;
    if (!nc || nc.isClosed() || nc.isDraining()) return;
    await nc.drain();
  }

  // The JetStream API prefix follows the domain; publishes and acks are plain subjects either way.
  private domain(): { domain?: string } {
    const { jsDomain } = this.options;
    return jsDomain === undefined ? {} : { domain: jsDomain };
  }

  private connect(): Promise<NatsConnection> {
    this.connecting ??= this.open().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  // One connect attempt per round (nats.js cannot abandon a first connect it keeps retrying itself),
  // so that a shutdown before any server answered ends the loop.
  private async connectWhenReachable(): Promise<NatsConnection> {
    const { signal } = this.aborter;
    for (let attempt = 1; ; attempt++) {
      if (signal.aborted) throw new NotConnectedError('NATS connection shut down before connecting');
      try {
        const nc = await this.open(false);
        if (!signal.aborted) return nc;
        await nc.close();
      } catch (error) {
        this.firstAttemptFailed?.();
        const delayMs = exponentialDelay(attempt, BACKGROUND_FIRST_DELAY_MS, BACKGROUND_MAX_DELAY_MS);
        this.logger.warn({
          msg: 'NATS unreachable; retrying in the background',
          attempt,
          delayMs,
          err: failureReason(error),
        });
        await pause(delayMs, undefined, { signal }).catch(() => undefined);
      }
    }
  }

  private async open(waitOnFirstConnect = true): Promise<NatsConnection> {
    const { servers, name, authenticator, inboxPrefix, tls } = this.options;
    this.logger.log({ msg: 'connecting to NATS', servers: withoutCredentials(servers), name });
    const nc = await connect({
      servers,
      name,
      maxReconnectAttempts: -1,
      waitOnFirstConnect,
      // Without it the client builds two Errors with stack traces for every request, JetStream
      // publishes included: a fifth of B1's CPU (docs/performance.md). Failures keep their cause.
      noAsyncTraces: true,
      ...(authenticator === undefined ? {} : { authenticator: authenticator as Authenticator }),
      ...(inboxPrefix === undefined ? {} : { inboxPrefix }),
      ...(tls === undefined ? {} : { tls: { ...tls } }),
    });
    this.nc = nc;
    this.connected = true;
    this.logger.log({ msg: 'connected to NATS', server: nc.getServer(), version: nc.info?.version });
    void this.watch(nc);
    this.notifyConnected();
    return nc;
  }

  private async provision(nc: NatsConnection): Promise<void> {
    const streams = this.options.streams;
    if (streams.length === 0) return;
    const manager = await this.manager();
    const drifts = await withRetry(
      () => provisionStreams(manager, streams),
      PROVISION_RETRY,
      (error) =>
        error instanceof ProvisioningError
          ? error
          : new ProvisioningError('cannot provision streams', 'streams', { cause: error }),
      (error) => !nc.isClosed() && isTransientNatsError(error),
    );
    this.logger.log({ msg: 'streams provisioned', streams: streams.map((s) => s.name) });
    for (const drift of drifts) {
      this.logger.warn({
        msg: 'append-only stream differs from its declaration and is left as it is; an operator applies it with `borderlink streams provision`',
        stream: drift.stream,
        fields: drift.fields,
      });
    }
  }

  private async watch(nc: NatsConnection): Promise<void> {
    try {
      for await (const status of nc.status()) this.onStatus(status);
    } catch (error) {
      this.logger.error({ msg: 'NATS status stream failed', err: failureReason(error) });
    } finally {
      this.connected = false;
    }
  }

  private notifyConnected(): void {
    for (const listener of this.connectedListeners) {
      try {
        listener();
      } catch (error) {
        this.logger.error({ msg: 'connection listener failed', err: failureReason(error) });
      }
    }
  }

  private onStatus(status: Status): void {
    switch (status.type) {
      case 'disconnect':
        this.connected = false;
        this.logger.warn({ msg: 'NATS disconnected', server: status.server });
        break;
      case 'reconnect':
        this.connected = true;
        this.logger.log({ msg: 'NATS reconnected', server: status.server });
        this.notifyConnected();
        break;
      case 'reconnecting':
        this.logger.debug({ msg: 'NATS reconnecting' });
        break;
      case 'update':
        this.logger.log({ msg: 'NATS cluster changed', added: status.added, deleted: status.deleted });
        break;
      case 'ldm':
        this.logger.warn({ msg: 'NATS server entering lame duck mode', server: status.server });
        break;
      case 'error':
        this.logger.error({ msg: 'NATS error', err: failureReason(status.error) });
        break;
      case 'staleConnection':
        this.logger.warn({ msg: 'NATS connection stale' });
        break;
      case 'slowConsumer':
        this.logger.warn({
          msg: 'NATS slow consumer',
          subject: status.sub.getSubject(),
          pending: status.pending,
        });
        break;
      case 'close':
        this.connected = false;
        this.logger.log({ msg: 'NATS connection closed' });
        break;
      default:
        break;
    }
  }
}

// Server URLs may carry user:password; logs must not.
function withoutCredentials(servers: string | string[]): string[] {
  return (Array.isArray(servers) ? servers : [servers]).map((url) => url.replace(/\/\/[^/@]*@/, '//***@'));
}
