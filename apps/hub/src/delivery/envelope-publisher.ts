/** One message the hub publishes: where, what, and the JetStream de-duplication id. */
export interface OutboundEnvelope {
  subject: string;
  body: Uint8Array;
  /** `Nats-Msg-Id`: deterministic, so a republish after a crash is dropped by JetStream. */
  msgId: string;
  headers: Record<string, string>;
}

/** What JetStream said about one publish. */
export interface PublishOutcome {
  /** True when JetStream already had this msgId within its duplicate window. */
  duplicate: boolean;
}

/** Port to durable publishing. Resolves once every envelope is stored; rejects if any publish failed. */
export abstract class EnvelopePublisher {
  abstract publishAll(envelopes: readonly OutboundEnvelope[]): Promise<PublishOutcome[]>;
}
