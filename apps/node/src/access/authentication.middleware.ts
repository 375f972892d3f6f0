import { Inject, Injectable } from '@nestjs/common';
import { LOGGER } from '#runtime';
import type { NextFunction, Response } from 'express';
import type { Logger } from 'pino';
import { TooManyRequestsError, UnauthenticatedError } from './access.errors.js';
import { answerRefusal } from './access-answer.js';
import { AuthenticationService } from './authentication.service.js';
import type { AccessRequest } from './current-principal.js';
import { FixedWindowCounter } from './fixed-window.js';

// A wrong API key secret costs a scrypt computation: guessing must not be free to repeat.
const FAILURES_PER_MINUTE = 30;

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
 * ever parsed. Past 30 failed attempts in a minute from one client address, that address gets no
 * more scrypt computations until its minute ends: tokens, and API keys this process has verified
 * before, still get in; other keys are refused with 429.
 */
@Injectable()
export class AuthenticationMiddleware {
  private readonly failures = new FixedWindowCounter(FAILURES_PER_MINUTE, 60_000);

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
    try {
      const authenticated = await this.authentication.authenticate(request, !this.failures.reached(address));
      if (authenticated === undefined) {
        if (hasBody(request)) throw new UnauthenticatedError('no credentials');
        return true;
      }
      request.principal = authenticated.principal;
      request.credentials = authenticated.credentials;
      return true;
    } catch (error) {
      if (error instanceof TooManyRequestsError) {
        answerRefusal(response, error);
        return false;
      }
      if (!(error instanceof UnauthenticatedError)) throw error;
      this.failures.hit(address);
      this.logger.info(
        { reason: error.reason, address, path: request.path },
        'request refused: unauthenticated',
      );
      answerRefusal(response, error);
      return false;
    }
  }
}
