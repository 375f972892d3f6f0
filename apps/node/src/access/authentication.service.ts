import { Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { UnauthenticatedError } from './access.errors.js';
import { ApiKeysRepository } from './api-keys.repository.js';
import type { Credentials } from './current-principal.js';
import { IdentityProviderRepository } from './identity-provider.repository.js';
import type { Principal } from './principal.js';
import { StreamTicketsRepository } from './stream-tickets.repository.js';

const BEARER = /^Bearer +(\S+)$/i;

/** Who a request says it is, proven. */
export interface Authenticated {
  principal: Principal;
  credentials: Credentials;
}

/**
 * Reads a request's credentials: `Authorization: Bearer <credential>`, where the credential is an
 * API key (`blk_…`) or an access token from the agency's identity provider; or, without that header,
 * a single-use stream ticket in the query. Whether the principal may call the route is the guard's.
 */
@Injectable()
export class AuthenticationService {
  constructor(
    private readonly tokens: IdentityProviderRepository,
    private readonly apiKeys: ApiKeysRepository,
    private readonly tickets: StreamTicketsRepository,
  ) {}

  /**
   * The request's principal; undefined when it presents no credentials at all. With `slow` false,
   * an API key is taken only if its secret was checked before (see ApiKeysRepository.verify).
   * @throws UnauthenticatedError when it presents credentials that do not hold; TooManyRequestsError.
   */
  async authenticate(request: Request, slow = true): Promise<Authenticated | undefined> {
    const header = request.headers.authorization;
    if (header !== undefined) {
      const credential = BEARER.exec(header.trim())?.[1];
      if (credential === undefined) {
        throw new UnauthenticatedError('the Authorization header must be "Bearer <access token or API key>"');
      }
      return credential.startsWith('blk_')
        ? { principal: await this.apiKeys.verify(credential, slow), credentials: 'api-key' }
        : { principal: await this.tokens.verify(credential), credentials: 'token' };
    }
    const ticket = (request.query as Record<string, unknown> | undefined)?.ticket;
    if (ticket === undefined) return undefined;
    const principal = typeof ticket === 'string' ? await this.tickets.redeem(ticket) : undefined;
    if (principal === undefined)
      throw new UnauthenticatedError('the stream ticket is unknown, used or expired');
    return { principal, credentials: 'stream-ticket' };
  }
}
