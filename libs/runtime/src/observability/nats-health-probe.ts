/**
 * What the health check asks of the NATS connection. `NatsConnectionService` from `#messaging`
 * satisfies it; runtime names only this shape so that messaging may itself use runtime.
 */
export interface NatsHealthProbe {
  /** True while the client holds a live connection to a server. */
  isConnected(): boolean;
  /** Resolves when JetStream answers this client, rejects when it does not. */
  probeJetStream(): Promise<unknown>;
}

/** Injection token under which ObservabilityModule reaches the app's `NatsHealthProbe`. */
export const NATS_HEALTH: unique symbol = Symbol('borderlink:nats-health');
