import type { KeyedIds } from '#trust';
import { v7 } from 'uuid';

/** Message ids this node issues; unit tests pass a predictable one. */
export class IdGenerator {
  /** @param keyed the node's own keyed ids (`NodeSigner.ids`). */
  constructor(private readonly keyed: KeyedIds) {}

  /**
   * A fresh time-ordered id (UUIDv7) for a message the node originates: 74 of its bits come from the
   * system's random source, so no other participant can guess it before it is published.
   */
  next(): string {
    return v7();
  }

  /**
   * The id of the receipt `kind` that `recipient` issues for `message` from `origin`: keyed by this
   * node's secret (docs/protocol.md, "Ids"), so retrying the same receipt yields the same id (and
   * JetStream drops the copy) while no other participant can compute it and publish it first.
   */
  receipt(origin: string, message: string, recipient: string, kind: string): string {
    return this.keyed.receiptId(origin, message, recipient, kind);
  }

  /** The id of the `delivered` batch `recipient` issues for `messages` from `origin`, keyed as a receipt's. */
  deliveredBatch(origin: string, recipient: string, messages: readonly string[]): string {
    return this.keyed.deliveredBatchId(origin, recipient, messages);
  }
}
