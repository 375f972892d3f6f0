import { Catch, HttpStatus, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { UnknownSubscriptionError } from './service-subscriptions.errors.js';

/** Answers an unknown (or someone else's) subscription 404 `{error: "not-found", id}`, as a message. */
@Catch(UnknownSubscriptionError)
export class ServiceSubscriptionsErrorFilter implements ExceptionFilter<UnknownSubscriptionError> {
  catch(error: UnknownSubscriptionError, host: ArgumentsHost): void {
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(HttpStatus.NOT_FOUND)
      .json({ error: 'not-found', id: error.id });
  }
}
