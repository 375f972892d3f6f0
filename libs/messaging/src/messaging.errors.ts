/** The NATS connection is used before `NatsConnectionService` has connected. */
export class NotConnectedError extends Error {
  override readonly name = 'NotConnectedError';

  constructor(message = 'NATS is not connected yet', options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A stream or consumer could not be created or brought to its declared configuration. */
export class ProvisioningError extends Error {
  override readonly name = 'ProvisioningError';

  constructor(
    message: string,
    readonly resource: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** JetStream did not acknowledge a publish, after the retries a transient failure earns. */
export class PublishError extends Error {
  override readonly name = 'PublishError';

  constructor(
    message: string,
    readonly subject: string,
    readonly attempts: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A consumer is declared but no `@EventPattern` handler matches its pattern. */
export class MissingHandlerError extends Error {
  override readonly name = 'MissingHandlerError';

  constructor(
    readonly pattern: string,
    readonly durable: string,
  ) {
    super(`no @EventPattern('${pattern}') handler for consumer ${durable}`);
  }
}
