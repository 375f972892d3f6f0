import { PubHeaders, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import { MsgHdrsImpl, type MsgHdrs } from '@nats-io/transport-node';
import { publishDurably, type PublishResult } from './jetstream-publisher.js';

/**
 * Headers a dead-letter record adds to the original ones. Read by the console and the replay tool:
 * changing one needs a migration of the records already stored.
 */
export const DEAD_LETTER_HEADERS = {
  /** Stream the message was consumed from. */
  stream: 'Bl-Dlq-Stream',
  /** Durable consumer that gave up on it. */
  consumer: 'Bl-Dlq-Consumer',
  /**
   * Subject it was published on (where a replay publishes it again). Absent when the original was
   * no longer in its stream as the record was written: the body is then the server's advisory.
   */
  subject: 'Bl-Dlq-Subject',
  /** Its sequence in the source stream. */
  sequence: 'Bl-Dlq-Sequence',
  /** Deliveries made before it was given up. */
  deliveries: 'Bl-Dlq-Deliveries',
  /** Why: the failure of the last delivery, one line. */
  reason: 'Bl-Dlq-Reason',
  /** The original `Nats-Msg-Id`, which the record cannot keep under that name (see below). */
  msgId: 'Bl-Dlq-Msg-Id',
} as const;

const MAX_REASON_LENGTH = 1_000;
const LINE_BREAKS = /[\r\n]+/g;
// Headers the server acts on when a message is stored (expectations, rollups, TTL, dedupe id).
const SERVER_HEADER_PREFIX = 'nats-';

/**
 * The record's own dedupe id: one record per message and consumer, however often writing it is
 * retried, while a replayed message that fails again (new sequence) gets a record of its own. This
 * default can be computed by anyone who may publish into the dead-letter stream, and so published
 * first; Borderlink's apps pass their own keyed id instead (`DeadLetterId`).
 */
export function deadLetterMsgId(stream: string, consumer: string, streamSequence: number): string {
  return `dlq:${stream}:${consumer}:${streamSequence}`;
}

/** How a writer names the record of one message and consumer (`Nats-Msg-Id`); see deadLetterMsgId. */
export type DeadLetterId = (stream: string, consumer: string, streamSequence: number) => string;

/**
 * The message a consumer gave up on, as a delivery (the app's handler failed) or an advisory (the
 * server gave up) describes it: both paths build the same record, with the same dedupe id.
 */
export interface DeadLetterSource {
  stream: string;
  consumer: string;
  streamSequence: number;
  deliveries: number;
  /** Where it was published; absent when the original is no longer in its stream. */
  subject?: string;
  /** Its original headers, if it had any. */
  headers?: MsgHdrs;
}

/** The original headers minus server-interpreted `Nats-*` ones, plus the dead-letter headers. */
export function deadLetterHeadersOf(
  source: DeadLetterSource,
  reason: string,
  recordId: DeadLetterId = deadLetterMsgId,
): MsgHdrs {
  const lines: Record<string, string[]> = {};
  if (source.headers) {
    for (const [name, values] of source.headers) {
      if (name === PubHeaders.MsgIdHdr) lines[DEAD_LETTER_HEADERS.msgId] = values;
      else if (!name.toLowerCase().startsWith(SERVER_HEADER_PREFIX)) lines[name] = values;
    }
  }
  lines[DEAD_LETTER_HEADERS.stream] = [source.stream];
  lines[DEAD_LETTER_HEADERS.consumer] = [source.consumer];
  if (source.subject !== undefined) lines[DEAD_LETTER_HEADERS.subject] = [source.subject];
  lines[DEAD_LETTER_HEADERS.sequence] = [String(source.streamSequence)];
  lines[DEAD_LETTER_HEADERS.deliveries] = [String(source.deliveries)];
  lines[DEAD_LETTER_HEADERS.reason] = [oneLine(reason)];
  lines[PubHeaders.MsgIdHdr] = [recordId(source.stream, source.consumer, source.streamSequence)];
  return MsgHdrsImpl.fromRecord(lines);
}

/** {@link deadLetterHeadersOf} a delivered message. */
export function deadLetterHeaders(msg: JsMsg, reason: string, recordId?: DeadLetterId): MsgHdrs {
  const { stream, consumer, streamSequence, deliveryCount } = msg.info;
  return deadLetterHeadersOf(
    {
      stream,
      consumer,
      streamSequence,
      deliveries: deliveryCount,
      subject: msg.subject,
      ...(msg.headers ? { headers: msg.headers } : {}),
    },
    reason,
    recordId,
  );
}

/** Stores the message's original body and headers, with why it failed, on `subject`. */
export function writeDeadLetter(
  js: JetStreamClient,
  subject: string,
  msg: JsMsg,
  reason: string,
  recordId?: DeadLetterId,
): Promise<PublishResult> {
  return publishDurably(js, subject, msg.data, deadLetterHeaders(msg, reason, recordId));
}

/**
 * Stores `body` with the dead-letter headers of `source` on `subject`. A second write for the same
 * message and consumer within the stream's duplicate window is acknowledged as a duplicate.
 */
export function publishDeadLetter(
  js: JetStreamClient,
  subject: string,
  source: DeadLetterSource,
  body: Uint8Array,
  reason: string,
  recordId?: DeadLetterId,
): Promise<PublishResult> {
  return publishDurably(js, subject, body, deadLetterHeadersOf(source, reason, recordId));
}

function oneLine(text: string): string {
  const line = text.replace(LINE_BREAKS, ' ').trim();
  return line.length > MAX_REASON_LENGTH ? `${line.slice(0, MAX_REASON_LENGTH - 1)}…` : line;
}
