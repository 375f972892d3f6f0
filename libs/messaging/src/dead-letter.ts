import { PubHeaders, type JetStreamClient, type JsMsg } from '@nats-io/jetstream';
import { MsgHdrsImpl, type MsgHdrs } from '@nats-io/transport-node';
import { publishDurably, type PublishAck } from './jetstream.publisher.js';

/**
 * Headers a dead-letter record adds to the original ones. Read by the console and the replay tool:
 * changing one needs a migration of the records already stored.
 */
export const DEAD_LETTER_HEADERS = {
  /** Stream the message was consumed from. */
  stream: 'Bl-Dlq-Stream',
  /** Durable consumer that gave up on it. */
  consumer: 'Bl-Dlq-Consumer',
  /** Subject it was published on (where a replay publishes it again). */
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
 * retried, while a replayed message that fails again (new sequence) gets a record of its own.
 */
export function deadLetterMsgId(stream: string, consumer: string, streamSequence: number): string {
  return `dlq:${stream}:${consumer}:${streamSequence}`;
}

/** The original headers minus server-interpreted `Nats-*` ones, plus the dead-letter headers. */
export function deadLetterHeaders(msg: JsMsg, reason: string): MsgHdrs {
  const info = msg.info;
  const lines: Record<string, string[]> = {};
  if (msg.headers) {
    for (const [name, values] of msg.headers) {
      if (name === PubHeaders.MsgIdHdr) lines[DEAD_LETTER_HEADERS.msgId] = values;
      else if (!name.toLowerCase().startsWith(SERVER_HEADER_PREFIX)) lines[name] = values;
    }
  }
  lines[DEAD_LETTER_HEADERS.stream] = [info.stream];
  lines[DEAD_LETTER_HEADERS.consumer] = [info.consumer];
  lines[DEAD_LETTER_HEADERS.subject] = [msg.subject];
  lines[DEAD_LETTER_HEADERS.sequence] = [String(info.streamSequence)];
  lines[DEAD_LETTER_HEADERS.deliveries] = [String(info.deliveryCount)];
  lines[DEAD_LETTER_HEADERS.reason] = [oneLine(reason)];
  lines[PubHeaders.MsgIdHdr] = [deadLetterMsgId(info.stream, info.consumer, info.streamSequence)];
  return MsgHdrsImpl.fromRecord(lines);
}

/** Stores the message's original body and headers, with why it failed, on `subject`. */
export function writeDeadLetter(
  js: JetStreamClient,
  subject: string,
  msg: JsMsg,
  reason: string,
): Promise<PublishAck> {
  return publishDurably(js, subject, msg.data, deadLetterHeaders(msg, reason));
}

function oneLine(text: string): string {
  const line = text.replace(LINE_BREAKS, ' ').trim();
  return line.length > MAX_REASON_LENGTH ? `${line.slice(0, MAX_REASON_LENGTH - 1)}…` : line;
}
