import type { Violation } from '#contracts';

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

  constructor(
    readonly id: string,
    options?: { cause?: unknown },
  ) {
    super(`unknown message ${id}`, options);
  }
}

/** No border section with this id is in the registry (HTTP 404). */
export class UnknownSectionError extends Error {
  override readonly name = 'UnknownSectionError';

  constructor(readonly id: string) {
    super(`unknown border section ${id}`);
  }
}
