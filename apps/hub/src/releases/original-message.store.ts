import type { OutboundEnvelope } from '#messaging';

/** A message exactly as its origin published it: signed headers and body. */
export interface OriginalMessage {
  subject: string;
  headers: Record<string, string>;
  body: Uint8Array;
}

/** Port to the ingress log (the originals a release re-shares) and to durable publishing. */
export abstract class OriginalMessageStore {
  /** The message at `sequence` in the ingress stream if it is still there and carries id `id`. */
  abstract fetch(sequence: number, id: string): Promise<OriginalMessage | undefined>;
  /** Publishes every envelope and waits for every ack. */
  abstract publish(envelopes: readonly OutboundEnvelope[]): Promise<void>;
}
