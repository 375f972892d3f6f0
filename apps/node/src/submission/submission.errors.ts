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
