import { Injectable } from '@nestjs/common';
import type { JetStreamClient } from '@nats-io/jetstream';
import type { MsgHdrs } from '@nats-io/transport-node';
import { toMsgHeaders } from './message-headers.js';
import { PublishError } from './messaging.errors.js';
import { NatsConnectionService } from './nats-connection.service.js';
import { withRetry, type RetryPolicy } from './retry.js';

/**
 * One message to store in a stream, exactly as it goes on the wire: a retry publishes the same
 * subject, bytes, headers and `Nats-Msg-Id`, so JetStream stores it once.
 */
export interface OutboundEnvelope {
  subject: string;
  /** The protobuf encoding of the message. */
  body: Uint8Array;
  /** Sent as `Nats-Msg-Id`: JetStream stores a repeated id only once within the duplicate window. */
  msgId: string;
  headers: Record<string, string>;
}

/** How one durable publish is attempted. */
export interface PublishOptions {
  /** How long to wait for the publish ack of one attempt; default 5 s. */
  timeoutMs?: number;
  /**
   * Retry timeouts and no-responders (default true). False makes one attempt, for a caller that
   * retries itself and must not let an earlier message be stored after a later one.
   */
  retry?: boolean;
}

/** JetStream's acknowledgement: where the message is stored, and whether it was already there. */
export interface PublishResult {
  stream: string;
  seq: number;
  duplicate: boolean;
}

const DEFAULT_TIMEOUT_MS = 5_000;
// About ten seconds of patience: long enough for a server restart, short enough for a request path.
const PUBLISH_RETRY: RetryPolicy = { attempts: 5, firstDelayMs: 250, maxDelayMs: 4_000 };
const SINGLE_ATTEMPT: RetryPolicy = { attempts: 1, firstDelayMs: 0, maxDelayMs: 0 };

/**
 * Publishes into a stream and waits for the publish ack, retrying timeouts and no-responders (safe,
 * as the message id makes JetStream store it once).
 * @throws PublishError with the last failure as `cause`.
 */
export async function publishDurably(
  js: JetStreamClient,
  subject: string,
  body: Uint8Array,
  headers: MsgHdrs,
  timeoutMs: number = DEFAULT_TIMEOUT_MS,
  policy: RetryPolicy = PUBLISH_RETRY,
): Promise<PublishResult> {
  const ack = await withRetry(
    () => js.publish(subject, body, { headers, timeout: timeoutMs }),
    policy,
    (error, attempts) =>
      new PublishError(
        `JetStream did not store a message on ${subject} (${attempts} attempts)`,
        subject,
        attempts,
        {
          cause: error,
        },
      ),
  );
  return { stream: ack.stream, seq: ack.seq, duplicate: ack.duplicate };
}

/** Durable publishing for application code: message id, headers, publish ack, bounded retries. */
@Injectable()
export class JetStreamPublisher {
  constructor(private readonly connection: NatsConnectionService) {}

  /**
   * Stores the envelope and resolves with the publish ack. `duplicate: true` means a message with its
   * msgId was already stored (possibly by an earlier attempt of this same call whose ack was lost).
   * @throws PublishError when JetStream does not acknowledge; RangeError for an unsendable header.
   */
  async publish(envelope: OutboundEnvelope, opts: PublishOptions = {}): Promise<PublishResult> {
    const headers = toMsgHeaders(envelope.headers, envelope.msgId);
    const policy = opts.retry === false ? SINGLE_ATTEMPT : PUBLISH_RETRY;
    const js = this.connection.jetstream();
    return publishDurably(js, envelope.subject, envelope.body, headers, opts.timeoutMs, policy);
  }

  /**
   * Publishes every envelope at once, so they leave in one socket write and their acks are awaited
   * together; resolves once all are stored, in the envelopes' order.
   * @throws PublishError when any publish is not acknowledged.
   */
  publishAll(envelopes: readonly OutboundEnvelope[]): Promise<PublishResult[]> {
    return Promise.all(envelopes.map((envelope) => this.publish(envelope)));
  }
}
