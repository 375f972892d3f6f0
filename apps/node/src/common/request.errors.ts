import type { Violation } from '#contracts';

/** The request body is not the protobuf JSON mapping of the expected message (HTTP 400 `malformed`). */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';

  constructor(
    readonly detail: string,
    options?: { cause?: unknown },
  ) {
    super(`malformed message: ${detail}`, options);
  }
}

/** The request decodes but breaks validation rules, each named by field (HTTP 400 `invalid`). */
export class InvalidMessageError extends Error {
  override readonly name = 'InvalidMessageError';

  constructor(
    readonly violations: readonly Violation[],
    options?: { cause?: unknown },
  ) {
    super(`invalid message: ${violations.map((v) => `${v.field}: ${v.reason}`).join('; ')}`, options);
  }
}

/** No message with this id is known here (HTTP 404). */
export class UnknownMessageError extends Error {
  override readonly name = 'UnknownMessageError';

  constructor(readonly id: string) {
    super(`unknown message ${id}`);
  }
}

/** The inbox item's origin signature did not verify, so its sender cannot be answered (HTTP 409). */
export class UnverifiedMessageError extends Error {
  override readonly name = 'UnverifiedMessageError';

  constructor(readonly id: string) {
    super(`message ${id} failed signature verification; its sender is not known for certain`);
  }
}

/** The node could not write a message to its outbox (e.g. a full disk): nothing is queued (HTTP 503; retry with the same id). */
export class NotQueuedError extends Error {
  override readonly name = 'NotQueuedError';

  constructor(
    readonly id: string,
    options?: { cause?: unknown },
  ) {
    super(`message ${id} could not be written to the outbox`, options);
  }
}
