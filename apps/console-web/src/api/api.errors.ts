/** Anything the console server did not answer as asked: told apart with `instanceof`. */
export class ApiError extends Error {
  override readonly name: string = 'ApiError';

  constructor(
    message: string,
    /** The HTTP status, or 0 when no answer came. */
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A 4xx answer: the server refused, saying why as `{error, reason}`. */
export class ApiRefusedError extends ApiError {
  override readonly name: string = 'ApiRefusedError';

  constructor(
    status: number,
    /** The server's stable code, e.g. `not_found`. */
    readonly error: string,
    /** The server's words for the operator; may be empty. */
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`${status} ${error}${reason === '' ? '' : `: ${reason}`}`, status, options);
  }
}

/** A 401: no token, or one the server no longer takes; the operator signs in again. */
export class ApiUnauthenticatedError extends ApiRefusedError {
  override readonly name: string = 'ApiUnauthenticatedError';
}

/** No answer, or a 5xx: the server or the way to it is down; worth retrying. */
export class ApiUnavailableError extends ApiError {
  override readonly name: string = 'ApiUnavailableError';
}
