import { DeliverPolicy, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnectionService } from '#messaging';

// Bounded batches: a rebuild reads weeks of stream without holding more than this in memory at once.
const BATCH = 256;
const FETCH_EXPIRES_MS = 2_000;

/** Where a read starts: at a time (the oldest state still kept) or right after a sequence already read. */
export type ReadFrom = { startTime: Date } | { afterSequence: number };

/**
 * Reads `stream` in order from `from` to the message that was last when the read began, through an
 * ephemeral ordered consumer (the server removes it once nobody pulls). Resolves with the last
 * sequence read (or the one it started after), for a later read to go on from.
 */
export async function readStream(
  nats: NatsConnectionService,
  stream: string,
  from: ReadFrom,
  onMessage: (msg: JsMsg) => void,
): Promise<number> {
  const manager = await nats.manager();
  const { state } = await manager.streams.info(stream);
  let last = 'afterSequence' in from ? from.afterSequence : 0;
  if (state.messages === 0 || state.last_seq <= last) return Math.max(last, state.last_seq);
  const start =
    'afterSequence' in from
      ? { deliver_policy: DeliverPolicy.StartSequence, opt_start_seq: from.afterSequence + 1 }
      : { deliver_policy: DeliverPolicy.StartTime, opt_start_time: from.startTime.toISOString() };
  const consumer = await nats.jetstream().consumers.get(stream, start);
  for (;;) {
    let read = 0;
    const batch = await consumer.fetch({ max_messages: BATCH, expires: FETCH_EXPIRES_MS });
    for await (const msg of batch) {
      read++;
      last = msg.seq;
      onMessage(msg);
      if (msg.seq >= state.last_seq) return last;
    }
    // Nothing more came: what remained up to `last_seq` was removed (age limit) meanwhile.
    if (read === 0) return Math.max(last, state.last_seq);
  }
}
