import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { InvalidMessageError, UnknownMessageError } from '../common/common.errors.js';
import { UnverifiedMessageError } from '../inbox/inbox.errors.js';
import { PublishFailedError } from '../link/link.errors.js';
import { NotQueuedError } from '../outbox/outbox.errors.js';
import { MalformedMessageError } from '../submission/submission.errors.js';

type RequestError =
  | MalformedMessageError
  | InvalidMessageError
  | UnknownMessageError
  | UnverifiedMessageError
  | PublishFailedError
  | NotQueuedError;

function toResponse(error: RequestError): { status: number; body: Record<string, unknown> } {
  if (error instanceof MalformedMessageError) {
    return { status: HttpStatus.BAD_REQUEST, body: { error: 'malformed', detail: error.detail } };
  }
  if (error instanceof InvalidMessageError) {
    return { status: HttpStatus.BAD_REQUEST, body: { error: 'invalid', violations: error.violations } };
  }
  if (error instanceof UnknownMessageError) {
    return { status: HttpStatus.NOT_FOUND, body: { error: 'not-found', id: error.id } };
  }
  if (error instanceof UnverifiedMessageError) {
    return { status: HttpStatus.CONFLICT, body: { error: 'unverified', id: error.id } };
  }
  return { status: HttpStatus.SERVICE_UNAVAILABLE, body: { error: 'unavailable', id: error.id } };
}

/** Maps the typed refusals of the node's features to their HTTP status and JSON body. */
@Catch(
  MalformedMessageError,
  InvalidMessageError,
  UnknownMessageError,
  UnverifiedMessageError,
  PublishFailedError,
  NotQueuedError,
)
export class RequestErrorFilter implements ExceptionFilter<RequestError> {
  catch(error: RequestError, host: ArgumentsHost): void {
    const { status, body } = toResponse(error);
    host.switchToHttp().getResponse<Response>().status(status).json(body);
  }
}
