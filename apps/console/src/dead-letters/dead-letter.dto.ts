import { HEADER_SENDER } from '#contracts';
import type { CheckedDeadLetter, DeadLetterRecord } from '#operations';

/** A dead-letter record as operators see it: metadata only, never the message's content. */
export interface DeadLetterView {
  /** Its sequence in BL_DLQ, what the record's routes take. */
  id: string;
  /** The stream and consumer it was filed for (by the subject it was stored on). */
  stream: string;
  consumer: string;
  /** The original's subject and its sequence in its stream, as the record names them. */
  subject: string | null;
  sequence: number | null;
  /** The node that sent the original (its signed `Bl-Sender`), when it carried one. */
  sender: string | null;
  msgId: string | null;
  reason: string;
  deliveries: number | null;
  /** When it was filed. */
  time: string;
  /** Whether it holds up against the server (only then can it be replayed), and why not. */
  verified: boolean;
  problem?: string;
}

/** One record inspected: its headers and reason, never its body. */
export interface DeadLetterDetailView extends DeadLetterView {
  headers: Record<string, string[]>;
}

function header(record: DeadLetterRecord, name: string): string | undefined {
  const lower = name.toLowerCase();
  return Object.entries(record.headers).find(([key]) => key.toLowerCase() === lower)?.[1][0];
}

export function deadLetterView(record: CheckedDeadLetter): DeadLetterView {
  const { verdict } = record;
  return {
    id: String(record.seq),
    stream: record.filedBy?.stream.toUpperCase() ?? record.stream,
    consumer: record.filedBy?.consumer ?? record.consumer,
    subject: record.subject ?? null,
    sequence: record.sourceSequence ?? null,
    sender: header(record, HEADER_SENDER) ?? null,
    msgId: record.msgId ?? null,
    reason: record.reason,
    deliveries: record.deliveries ?? null,
    time: record.time.toISOString(),
    verified: verdict.verified,
    ...(verdict.verified ? {} : { problem: verdict.problem }),
  };
}

export function deadLetterDetailView(record: CheckedDeadLetter): DeadLetterDetailView {
  return { ...deadLetterView(record), headers: record.headers };
}
