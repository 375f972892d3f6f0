import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { answerRefusal } from '../access/access-answer.js';
import { ForbiddenError, TooManyRequestsError, UnauthenticatedError } from '../access/access.errors.js';
import { AccessLogUnavailableError } from '../access-log/access-log.errors.js';
import { InvalidMessageError, UnknownMessageError, UnknownSectionError } from '../common/common.errors.js';
import { UnverifiedMessageError } from '../inbox/inbox.errors.js';
import { PublishFailedError } from '../link/link.errors.js';
import { NotQueuedError } from '../outbox/outbox.errors.js';
import { MalformedMessageError } from '../submission/submission.errors.js';

type RequestError =
  | MalformedMessageError
  | InvalidMessageError
  | UnknownMessageError
  | UnknownSectionError
  | UnverifiedMessageError
  | PublishFailedError
  | NotQueuedError
  | AccessLogUnavailableError;

type Refusal = UnauthenticatedError | ForbiddenError | TooManyRequestsError;

function toResponse(error: RequestError): { status: number; body: Record<string, unknown> } {
  if (error instanceof MalformedMessageError) {
    return { status: HttpStatus.BAD_REQUEST, body: { error: 'malformed', detail: error.detail } };
  }
  if (error instanceof InvalidMessageError) {
    return { status: HttpStatus.BAD_REQUEST, body: { error: 'invalid', violations: error.violations } };
  }
  if (error instanceof UnknownMessageError || error instanceof UnknownSectionError) {
    return { status: HttpStatus.NOT_FOUND, body: { error: 'not-found', id: error.id } };
  }
  if (error instanceof UnverifiedMessageError) {
    return { status: HttpStatus.CONFLICT, body: { error: 'unverified', id: error.id } };
  }
  if (error instanceof AccessLogUnavailableError) {
    return { status: HttpStatus.SERVICE_UNAVAILABLE, body: { error: 'access-log-unavailable' } };
  }
  return { status: HttpStatus.SERVICE_UNAVAILABLE, body: { error: 'unavailable', id: error.id } };
}

/**
 * Maps the typed refusals of the node's features to their HTTP status and JSON body, and the door's
 * (401, 403, 429: `{error, reason}`, never a stack).
 */
@Catch(
  UnauthenticatedError,
  ForbiddenError,
  TooManyRequestsError,
  MalformedMessageError,
  InvalidMessageError,
  UnknownMessageError,
  UnknownSectionError,
  UnverifiedMessageError,
  PublishFailedError,
  NotQueuedError,
  AccessLogUnavailableError,
)
export class RequestErrorFilter implements ExceptionFilter<RequestError | Refusal> {
  catch(error: RequestError | Refusal, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    if (
      error instanceof UnauthenticatedError ||
      error instanceof ForbiddenError ||
      error instanceof TooManyRequestsError
    ) {
      answerRefusal(response, error);
    } else {
      const { status, body } = toResponse(error);
      response.status(status).json(body);
    }
  }
}
