import type { FactoryProvider, InjectionToken, ModuleMetadata } from '@nestjs/common';
import type { JsMsg } from '@nats-io/jetstream';

/** A stream declared in code: file storage, limits retention, provisioned idempotently at start. */
export interface StreamSpec {
  name: string;
  subjects: string[];
  /** Oldest message kept; 0 or absent keeps messages until other limits apply. */
  maxAgeMs?: number;
  /** How long a repeated `Nats-Msg-Id` is recognised as a duplicate; default 2 minutes. */
  duplicateWindowMs?: number;
  /** Largest accepted message in bytes; absent means the server's limit. */
  maxMsgSize?: number;
  /** Copies kept in a cluster; default 1. */
  replicas?: number;
  /**
   * Messages can be neither deleted nor purged (`deny_delete`, `deny_purge`), and provisioning only
   * creates the stream: an existing one whose configuration differs is reported, not changed, unless
   * an operator provisions with `updateAppendOnly`.
   */
  appendOnly?: boolean;
}

/**
 * A durable pull consumer and the `@EventPattern` of the handler that processes its messages.
 * One `filterSubject` only, so that it works on nats-server 2.9 as well as 2.10+.
 */
export interface ConsumerSpec {
  /** The `@EventPattern(...)` of the handler. */
  pattern: string;
  stream: string;
  durable: string;
  filterSubject: string;
  /**
   * Handler failures before a message is dead-lettered; -1 retries forever. Default 10. Counted by
   * the transport, not the server: consumers are provisioned without a server-side max_deliver
   * (see FailureTally for why).
   */
  maxAttempts?: number;
  /** Time a delivered message may stay unacknowledged before the server redelivers it. Default 30 s. */
  ackWaitMs?: number;
  /** Unacknowledged messages the server hands out to all instances together. Default 1000. */
  maxAckPending?: number;
  /** Messages one instance pulls and holds at most (pulled, queued or being handled). Default 256. */
  batch?: number;
  /** Handler calls one instance runs at once for this consumer. Default 64. */
  concurrency?: number;
  /**
   * The ordering key of a message, e.g. its sender: one instance handles messages with the same key
   * one at a time, in stream order (a message that fails and is redelivered comes later). Absent:
   * no ordering.
   */
  sequenceBy?: (msg: JsMsg) => string | undefined;
  /**
   * Hand the handler every message that can start at once, as `(@Payload() bodies: Uint8Array[],
   * @Ctx() batch: JetStreamBatchContext)`, rather than one message per call: for a handler whose
   * work costs per call (a Redis script, a database transaction) more than per message. Each message
   * is still acked, retried or dead-lettered on its own (`JetStreamBatchContext.fail`). `concurrency`
   * then counts batches. Default false.
   */
  inBatches?: boolean;
  /**
   * With `inBatches`: how long a message that finds the worker idle waits for others before its batch
   * starts (a batch that arrives while another runs starts when that one leaves its slot, at once).
   * Fuller batches for a handler that costs per call, at the price of that wait in latency. Default 0:
   * the batch starts in the next turn of the event loop.
   */
  gatherMs?: number;
  /**
   * Use the consumer as another party provisioned it (the hub, for an agency node whose permissions
   * allow only consumer info and pull): never create or update it, wait until it exists, and take
   * its max deliveries from the server. The other server-side fields of this spec are then unused.
   */
  bind?: boolean;
}

/** Connection and topology of the messaging layer. */
export interface MessagingOptions {
  servers: string | string[];
  /** Connection name shown by the server (monitoring, `nats server report connections`). */
  name: string;
  /**
   * Streams provisioned when the module starts. Empty for a client whose permissions forbid
   * managing streams (an agency node): it uses what the hub provisioned.
   */
  streams: StreamSpec[];
  /** A nats.js `Authenticator` (nkey, credentials); absent for an open server. */
  authenticator?: unknown;
  /**
   * Prefix of the connection's inboxes (request replies, pull deliveries), e.g. `inboxPrefixOf(id)`;
   * default `_INBOX`. Must match the subscribe permission the server grants this user.
   */
  inboxPrefix?: string;
  /**
   * Start without waiting for a server: when the first connect attempt fails, the module's init
   * returns, connecting is retried in the background (with backoff) until a server answers, and a
   * `JetStreamServer` on this connection binds its consumers once connected. For a process that must serve while its link is down (an
   * agency node queuing into its outbox); a process that cannot work without NATS (the hub) leaves
   * it off, so that its start fails or waits instead.
   */
  connectInBackground?: boolean;
  /**
   * JetStream domain of the streams this client uses, when its own account does not hold them: `hub`
   * for an agency node (API prefix `$JS.hub.API`, which its account imports from the hub's). Absent:
   * its own account's JetStream.
   */
  jsDomain?: string;
  /**
   * TLS: the connection is encrypted and a server that does not offer TLS is refused; `caFile` is
   * the CA the server's certificate is checked against (the system's when absent), `certFile` and
   * `keyFile` a client certificate for a server that asks for one. Absent: whatever the server offers.
   */
  tls?: { caFile?: string; certFile?: string; keyFile?: string };
  /**
   * The consumer whose info tells the health check that JetStream answers, for a client that may
   * not read account information (an agency node). Absent: the account information.
   */
  healthConsumer?: { stream: string; durable: string };
}

/** Options computed from other providers, e.g. validated config. */
export interface MessagingAsyncOptions {
  imports?: ModuleMetadata['imports'];
  inject?: InjectionToken[];
  useFactory: FactoryProvider<MessagingOptions>['useFactory'];
}

/** Injection token of the resolved {@link MessagingOptions}. */
export const MESSAGING_OPTIONS: unique symbol = Symbol('borderlink:messaging-options');
