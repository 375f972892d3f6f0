import type { DeadLetterSource, PublishResult } from '#messaging';

/** A message as its stream still holds it. */
export interface OriginalMessage {
  subject: string;
  headers: DeadLetterSource['headers'];
  body: Uint8Array;
}

/** Dead letters per stream and consumer (the tokens of their record subjects, lowercase). */
export interface DeadLetterCount {
  stream: string;
  consumer: string;
  count: number;
}

/** Where originals are read and dead-letter records written (JetStream in production). */
export abstract class DeadLetterStore {
  /** The message at `sequence` of `stream`; undefined when it (or the stream) is gone. */
  abstract original(stream: string, sequence: number): Promise<OriginalMessage | undefined>;

  /** Stores the record; `duplicate` when a record for this message and consumer already exists. */
  abstract write(source: DeadLetterSource, body: Uint8Array, reason: string): Promise<PublishResult>;

  /** How many records the dead-letter stream holds now, per stream and consumer. */
  abstract counts(): Promise<DeadLetterCount[]>;
}
