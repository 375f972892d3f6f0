import { HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import { ForbiddenError, TooManyRequestsError, UnauthenticatedError } from './access.errors.js';

/** A refusal at the node's door. */
export type AccessRefusal = UnauthenticatedError | ForbiddenError | TooManyRequestsError;

// RFC 6750 §3: a quoted-string may not hold a quote or a backslash.
const quoted = (text: string): string => text.replace(/["\\]/g, "'");

/**
 * Answers a refusal: 401 `{error: 'unauthenticated', reason}` with a `WWW-Authenticate` challenge,
 * 403 `{error: 'forbidden', reason}`, 429 `{error: 'rate-limited', reason}`. Used by the exception
 * filter and by the middleware that refuses before a request reaches Nest's router.
 */
export function answerRefusal(response: Response, refusal: AccessRefusal): void {
  if (refusal instanceof UnauthenticatedError) {
    const challenge =
      refusal.reason === 'no credentials'
        ? 'Bearer realm="borderlink"'
        : `Bearer realm="borderlink", error="invalid_token", error_description="${quoted(refusal.reason)}"`;
    response
      .status(HttpStatus.UNAUTHORIZED)
      .setHeader('WWW-Authenticate', challenge)
      .json({ error: 'unauthenticated', reason: refusal.reason });
    return;
  }
  if (refusal instanceof ForbiddenError) {
    response.status(HttpStatus.FORBIDDEN).json({ error: 'forbidden', reason: refusal.reason });
    return;
  }
  response.status(HttpStatus.TOO_MANY_REQUESTS).json({ error: 'rate-limited', reason: refusal.reason });
}
