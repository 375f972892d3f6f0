import { Inject, Injectable, Logger, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import {
  jetstream,
  jetstreamManager,
  type JetStreamAccountStats,
  type JetStreamClient,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { connect, type Authenticator, type NatsConnection, type Status } from '@nats-io/transport-node';
import { failureReason } from './failure-reason.js';
import { NotConnectedError, ProvisioningError } from './messaging.errors.js';
import { MESSAGING_OPTIONS, type MessagingOptions } from './messaging.options.js';
import { isTransientNatsError, withRetry, type RetryPolicy } from './retry.js';
import { provisionStreams } from './stream.provisioning.js';

// JetStream may answer a moment after the server accepts clients (restart, cluster leader election).
const PROVISION_RETRY: RetryPolicy = { attempts: 6, firstDelayMs: 250, maxDelayMs: 4_000 };

/**
 * The process's one NATS connection. Connects on module init (waiting for a server that is not up
 * yet, then reconnecting forever), provisions the declared streams, logs every change of connection
 * state, and drains on application shutdown, after the transport has stopped pulling.
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
    await this.ready();
  }

  /** Connected and the declared streams provisioned; idempotent, so a transport may await it too. */
  ready(): Promise<void> {
    this.readying ??= this.connect()
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
    this.js ??= jetstream(this.connection);
    return this.js;
  }

  /**
   * The JetStream manager of this connection (created without a round trip).
   * @throws NotConnectedError before the first connect has completed.
   */
  async manager(): Promise<JetStreamManager> {
    this.jsm ??= await jetstreamManager(this.connection, { checkAPI: false });
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

  /** Flushes what is buffered (acks, publishes), lets subscriptions finish, then closes. */
  async onApplicationShutdown(): Promise<void> {
    const nc = this.nc;
    if (!nc || nc.isClosed() || nc.isDraining()) return;
    await nc.drain();
  }

  private connect(): Promise<NatsConnection> {
    this.connecting ??= this.open().catch((error: unknown) => {
      this.connecting = undefined;
      throw error;
    });
    return this.connecting;
  }

  private async open(): Promise<NatsConnection> {
    const { servers, name, authenticator, inboxPrefix } = this.options;
    this.logger.log({ msg: 'connecting to NATS', servers: withoutCredentials(servers), name });
    const nc = await connect({
      servers,
      name,
      maxReconnectAttempts: -1,
      waitOnFirstConnect: true,
      ...(authenticator === undefined ? {} : { authenticator: authenticator as Authenticator }),
      ...(inboxPrefix === undefined ? {} : { inboxPrefix }),
    });
    this.nc = nc;
    this.connected = true;
    this.logger.log({ msg: 'connected to NATS', server: nc.getServer(), version: nc.info?.version });
    void this.watch(nc);
    return nc;
  }

  private async provision(nc: NatsConnection): Promise<void> {
    const streams = this.options.streams;
    if (streams.length === 0) return;
    const manager = await this.manager();
    await withRetry(
      () => provisionStreams(manager, streams),
      PROVISION_RETRY,
      (error) =>
        error instanceof ProvisioningError
          ? error
          : new ProvisioningError('cannot provision streams', 'streams', { cause: error }),
      (error) => !nc.isClosed() && isTransientNatsError(error),
    );
    this.logger.log({ msg: 'streams provisioned', streams: streams.map((s) => s.name) });
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

  private onStatus(status: Status): void {
    switch (status.type) {
      case 'disconnect':
        this.connected = false;
        this.logger.warn({ msg: 'NATS disconnected', server: status.server });
        break;
      case 'reconnect':
        this.connected = true;
        this.logger.log({ msg: 'NATS reconnected', server: status.server });
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
