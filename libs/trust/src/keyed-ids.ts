import { createHmac } from 'node:crypto';

// Each label names one derivation and its version: changing what an id is made of needs a new label,
// and ids already issued under the old one keep their meaning.
const ID_KEY_LABEL = 'borderlink-id-key-v1';
const RECEIPT_ID_LABEL = 'borderlink-receipt-id-v1';
const DELIVERED_BATCH_ID_LABEL = 'borderlink-delivered-batch-id-v1';
const DEAD_LETTER_ID_LABEL = 'borderlink-dead-letter-id-v1';

function hmac(key: Uint8Array, text: string): Buffer {
  return createHmac('sha256', key).update(text, 'utf8').digest();
}

/** 16 digest bytes written as a UUID of version 8 (RFC 9562: custom) with the RFC variant. */
function uuidOf(digest: Buffer): string {
  const bytes = Buffer.from(digest.subarray(0, 16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x80;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The ids only one party can make: derived from a secret of its own (its id key, itself derived from
 * its signing seed), the same whenever the same thing is identified again, and unpredictable to
 * everyone else. So no other participant can publish one first and have the owner's own message taken
 * as a duplicate of it (docs/protocol.md, "Ids").
 */
export class KeyedIds {
  private constructor(private readonly key: Buffer) {}

  /** K = HMAC-SHA256(raw 32-byte Ed25519 seed, "borderlink-id-key-v1"). */
  static fromRawSeed(rawSeed: Uint8Array): KeyedIds {
    return new KeyedIds(hmac(rawSeed, ID_KEY_LABEL));
  }

  /**
   * The id of the receipt `kind` (its enum name, e.g. `DELIVERED`) that `recipient` issues for
   * `message` from `origin`: HMAC-SHA256(K, label, origin, message, recipient, kind joined by LF),
   * its first 16 bytes as a version-8 UUID.
   */
  receiptId(origin: string, message: string, recipient: string, kind: string): string {
    return uuidOf(hmac(this.key, [RECEIPT_ID_LABEL, origin, message, recipient, kind].join('\n')));
  }

  /**
   * The id of the `delivered` batch that `recipient` issues for `messages` from `origin`, in that
   * order: HMAC-SHA256(K, label, origin, recipient, then each message, joined by LF), its first 16
   * bytes as a version-8 UUID. The same batch sent again has the same id.
   */
  deliveredBatchId(origin: string, recipient: string, messages: readonly string[]): string {
    return uuidOf(hmac(this.key, [DELIVERED_BATCH_ID_LABEL, origin, recipient, ...messages].join('\n')));
  }

  /**
   * The `Nats-Msg-Id` of the dead-letter record of the message at `sequence` in `stream` that
   * `consumer` gave up on: `dlq:<stream>:<consumer>:<sequence>:<tag>`, the tag the first 16 bytes of
   * HMAC-SHA256(K, label, stream, consumer, sequence joined by LF) in unpadded base64url.
   */
  deadLetterId(stream: string, consumer: string, sequence: number): string {
    const tag = hmac(this.key, [DEAD_LETTER_ID_LABEL, stream, consumer, String(sequence)].join('\n'));
    return `dlq:${stream}:${consumer}:${sequence}:${tag.subarray(0, 16).toString('base64url')}`;
  }
}
