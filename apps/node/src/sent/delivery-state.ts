import { ReceiptKind } from '#contracts';

/**
 * Where one recipient stands with a message this node sent. States only move forward:
 * pending → delivered → read → acknowledged | declined (the last two are both final).
 */
export type DeliveryState = 'pending' | 'delivered' | 'read' | 'acknowledged' | 'declined';

// Acknowledged and declined share the last rank: once either is reached, the answer is final.
const RANK: Record<DeliveryState, number> = {
  pending: 0,
  delivered: 1,
  read: 2,
  acknowledged: 3,
  declined: 3,
};

/** True when a recipient in state `from` (undefined: not known yet) may move to `to`. */
export function advances(from: DeliveryState | undefined, to: DeliveryState): boolean {
  return from === undefined || RANK[to] > RANK[from];
}

/** The state a receipt of this kind puts its issuer in; undefined for an unspecified kind. */
export function stateOfReceipt(kind: ReceiptKind): DeliveryState | undefined {
  switch (kind) {
    case ReceiptKind.DELIVERED:
      return 'delivered';
    case ReceiptKind.READ:
      return 'read';
    case ReceiptKind.ACKNOWLEDGED:
      return 'acknowledged';
    case ReceiptKind.DECLINED:
      return 'declined';
    default:
      return undefined;
  }
}
