import { Inject, Injectable } from '@nestjs/common';
import { LOGGER } from '#runtime';
import type { NextFunction, Response } from 'express';
import type { Logger } from 'pino';
import { TooManyRequestsError, UnauthenticatedError } from './access.errors.js';
import { answerRefusal } from './access-answer.js';
import { AuthenticationService } from './authentication.service.js';
import type { AccessRequest } from './current-principal.js';
import { FailedSignIns } from './failed-sign-ins.js';

// A request that announces a body: it has a length above zero, or comes in chunks.
function hasBody(request: AccessRequest): boolean {
  const length = request.headers['content-length'];
  return (length !== undefined && length !== '0') || request.headers['transfer-encoding'] !== undefined;
}

/**
 * The node's door, as Express middleware ahead of the body parser and of every route (the OpenAPI
 * document included): it authenticates the request and attaches its principal, or refuses it with a
 * 401 when its credentials do not hold. A request without credentials goes on to the guard, which
 * lets it reach public routes only; one that carries a body is refused here, so no anonymous body is
 * ever parsed. Failed attempts are counted per client address (FailedSignIns).
 */
@Injectable()
export class AuthenticationMiddleware {
  private readonly failures = new FailedSignIns();

  constructor(
    private readonly authentication: AuthenticationService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  readonly handle = (request: AccessRequest, response: Response, next: NextFunction): void => {
    this.run(request, response).then(
      (proceed) => proceed && next(),
      (error: unknown) => next(error),
    );
  };

  // Resolves true to go on, false when the answer was given here.
  private async run(request: AccessRequest, response: Response): Promise<boolean> {
    const address = request.ip ?? request.socket.remoteAddress ?? 'unknown';
    if (this.failures.blocked(address)) {
      answerRefusal(response, new TooManyRequestsError('too many failed authentications from this address'));
      return false;
    }
    try {
      const authenticated = await this.authentication.authenticate(request);
      if (authenticated === undefined) {
        if (hasBody(request)) throw new UnauthenticatedError('no credentials');
        return true;
      }
      request.principal = authenticated.principal;
      request.credentials = authenticated.credentials;
      return true;
    } catch (error) {
      if (!(error instanceof UnauthenticatedError)) throw error;
      this.failures.record(address);
      this.logger.info(
        { reason: error.reason, address, path: request.path },
        'request refused: unauthenticated',
      );
      answerRefusal(response, error);
      return false;
    }
  }
}
