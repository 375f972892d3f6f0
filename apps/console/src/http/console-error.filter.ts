import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { TokenRefusedError } from '#access';
import { DeadLetterNotFoundError, DeadLetterNotReplayableError, OperatorAuditError } from '#operations';
import type { Response } from 'express';
import { NotOperatorError } from '../access/access.errors.js';
import { InvalidDeadLetterIdError } from '../dead-letters/dead-letters.errors.js';

type Refusal =
  | TokenRefusedError
  | NotOperatorError
  | InvalidDeadLetterIdError
  | DeadLetterNotFoundError
  | DeadLetterNotReplayableError
  | OperatorAuditError;

// RFC 6750 §3: a quoted-string may not hold a quote or a backslash.
const quoted = (text: string): string => text.replace(/["\\]/g, "'");

function answerOf(refusal: Refusal): { status: number; error: string; reason: string } {
  if (refusal instanceof TokenRefusedError)
    return { status: HttpStatus.UNAUTHORIZED, error: 'unauthenticated', reason: refusal.reason };
  if (refusal instanceof NotOperatorError)
    return { status: HttpStatus.FORBIDDEN, error: 'forbidden', reason: refusal.reason };
  if (refusal instanceof InvalidDeadLetterIdError)
    return { status: HttpStatus.BAD_REQUEST, error: 'invalid', reason: refusal.message };
  if (refusal instanceof DeadLetterNotFoundError)
    return { status: HttpStatus.NOT_FOUND, error: 'not-found', reason: refusal.message };
  if (refusal instanceof DeadLetterNotReplayableError)
    return { status: HttpStatus.CONFLICT, error: 'not-replayable', reason: refusal.problem };
  return { status: HttpStatus.SERVICE_UNAVAILABLE, error: 'audit-unavailable', reason: refusal.message };
}

/**
 * Every typed refusal of the console as `{error, reason}`, in the node's shape: 401 (with a
 * `WWW-Authenticate` challenge) and 403 at the door; 400, 404, 409 for a dead letter that is no
 * record, is gone or does not hold up; 503 when the hub did not record an operator's decision.
 */
@Catch(
  TokenRefusedError,
  NotOperatorError,
  InvalidDeadLetterIdError,
  DeadLetterNotFoundError,
  DeadLetterNotReplayableError,
  OperatorAuditError,
)
export class ConsoleErrorFilter implements ExceptionFilter<Refusal> {
  catch(refusal: Refusal, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    const { status, error, reason } = answerOf(refusal);
    if (refusal instanceof TokenRefusedError) {
      response.setHeader(
        'WWW-Authenticate',
        reason === 'no credentials'
          ? 'Bearer realm="borderlink-console"'
          : `Bearer realm="borderlink-console", error="invalid_token", error_description="${quoted(reason)}"`,
      );
    }
    response.status(status).json({ error, reason });
  }
}
