import type { RejectionReason, Violation } from '#contracts';

/**
 * A step of the ingress pipeline refuses the message. Refusal is a normal outcome (the message is
 * acked and a Rejection goes back to its origin), so the pipeline catches exactly this class.
 */
export class IngressRefusal extends Error {
  override readonly name = 'IngressRefusal';

  constructor(
    readonly reason: RejectionReason,
    detail: string,
    readonly violations: readonly Violation[] = [],
    options?: { cause?: unknown },
  ) {
    super(detail, options);
  }
}
