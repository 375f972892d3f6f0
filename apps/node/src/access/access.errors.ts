/**
 * The request carries no credentials, or credentials the node does not accept (HTTP 401, with
 * `WWW-Authenticate`). `reason` says which, without echoing the credentials.
 */
export class UnauthenticatedError extends Error {
  override readonly name = 'UnauthenticatedError';

  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`unauthenticated: ${reason}`, options);
  }
}

/** The principal is known but may not do this (HTTP 403). */
export class ForbiddenError extends Error {
  override readonly name = 'ForbiddenError';

  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`forbidden: ${reason}`, options);
  }
}

/** Too many requests, live streams or failed sign-ins from one identity or address (HTTP 429). */
export class TooManyRequestsError extends Error {
  override readonly name = 'TooManyRequestsError';

  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`too many: ${reason}`, options);
  }
}
