import { PubHeaders } from '@nats-io/jetstream';
import { MsgHdrsImpl, type MsgHdrs } from '@nats-io/transport-node';

// Printable ASCII without ':' for names; no CR or LF in values (they would end the header block).
const HEADER_NAME = /^[!-9;-~]+$/;
const LINE_BREAK = /[\r\n]/;

/**
 * NATS headers from a plain record plus `Nats-Msg-Id`, built in one pass: nats.js' `set()` rescans
 * every key on each call, which adds up on the hot path.
 * @throws RangeError for a header name or value that cannot travel in a NATS header block.
 */
export function toMsgHeaders(record: Readonly<Record<string, string>> | undefined, msgId: string): MsgHdrs {
  if (msgId === '' || LINE_BREAK.test(msgId))
    throw new RangeError(`invalid message id: ${JSON.stringify(msgId)}`);
  const lines: Record<string, string[]> = {};
  if (record) {
    for (const name in record) {
      const value = record[name]!;
      if (!HEADER_NAME.test(name)) throw new RangeError(`invalid header name: ${JSON.stringify(name)}`);
      if (LINE_BREAK.test(value)) throw new RangeError(`header ${name} contains a line break`);
      lines[name] = [value];
    }
  }
  lines[PubHeaders.MsgIdHdr] = [msgId];
  return MsgHdrsImpl.fromRecord(lines);
}

/** First value of each header, by exact name; an object without prototype, so any name is safe. */
export function headerRecord(headers: MsgHdrs | undefined): Record<string, string> {
  const record: Record<string, string> = Object.create(null) as Record<string, string>;
  if (headers) {
    for (const [name, values] of headers) {
      if (values.length > 0) record[name] = values[0]!;
    }
  }
  return record;
}
