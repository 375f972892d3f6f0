import type { MessageKind } from '#contracts';

/** What the hub remembers of a routed message, for the replies and receipts that refer back to it. */
export interface RouteRecord {
  origin: string;
  kind: MessageKind;
  recipients: string[];
  /** Its sequence in the ingress stream, where the original signed message stays for release. */
  sequence?: number;
}

/**
 * Port to the hub's memory of routed messages. It is a cache (Redis): a missing record is a normal
 * case the routing policy must handle.
 */
export abstract class RouteRecordStore {
  /** Keeps the record of message `id` (overwriting an earlier one, so redelivery is harmless). */
  abstract remember(id: string, record: RouteRecord): Promise<void>;
  /** The record of message `id`, or undefined when unknown or expired. */
  abstract recall(id: string): Promise<RouteRecord | undefined>;
  /** The records of messages `ids`, in order, each as `recall` would return it. */
  abstract recallAll(ids: readonly string[]): Promise<(RouteRecord | undefined)[]>;
}
