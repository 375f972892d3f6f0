import { Injectable } from '@nestjs/common';
import { v5, v7 } from 'uuid';

// Namespace of the name-based receipt ids; fixed forever, or ids of old receipts would change.
const RECEIPT_NAMESPACE = '6f1d3c52-8a2e-4b6f-9c41-2f5b7e9d0a13';

/** Message ids this node issues; unit tests pass a predictable one. */
@Injectable()
export class IdGenerator {
  /** A fresh time-ordered id (UUIDv7) for a message the node originates. */
  next(): string {
    return v7();
  }

  /**
   * The id of the receipt `kind` that `recipient` issues for `message` from `origin`: a name-based
   * UUID (v5), so retrying the same receipt yields the same id and JetStream drops the copy.
   */
  receipt(origin: string, message: string, recipient: string, kind: string): string {
    return v5(`${origin}/${message}/${recipient}/${kind}`, RECEIPT_NAMESPACE);
  }
}
