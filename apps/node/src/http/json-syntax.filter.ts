import { BadRequestException, Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';

/**
 * Answers a request body that is not JSON at all like one that does not fit the schema,
 * `{ error: 'malformed', detail }`; other bad requests keep Nest's answer.
 */
@Catch(BadRequestException)
export class JsonSyntaxFilter implements ExceptionFilter<BadRequestException> {
  catch(exception: BadRequestException, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    // Express's JSON body parser fails with a SyntaxError, which Nest wraps as the cause.
    const body =
      exception.cause instanceof SyntaxError
        ? { error: 'malformed', detail: `the body is not JSON: ${exception.cause.message}` }
        : exception.getResponse();
    response.status(exception.getStatus()).json(body);
  }
}
