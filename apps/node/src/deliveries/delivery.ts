/** One message the hub delivered to this node, as read off its durable consumer. */
export interface Delivery {
  subject: string;
  body: Uint8Array;
  header(name: string): string | undefined;
  /**
   * Lets the consumer start this sender's next delivery: called once this one is in the inbox, as
   * only the take-in has to follow the sender's order (decision 13), not the receipt that follows.
   */
  releaseOrder?(): void;
}

/** A delivery of a batch that could not be handled, and why (PermanentFailure: no retry can fix it). */
export interface FailedDelivery {
  delivery: Delivery;
  error: unknown;
}
