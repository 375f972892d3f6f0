/**
 * A copy the hub's statement does not vouch for at this node: no statement, not a hub's, or not naming
 * this node (a copy replayed or relayed from another node's deliveries). Never taken in; the consumer
 * dead-letters it as a permanent failure, with this as its cause.
 */
export class DeliveryNotStated extends Error {
  override readonly name = 'DeliveryNotStated';

  constructor(
    /** Why, e.g. `not-addressed` or `statement-signature-invalid`. */
    readonly reason: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
