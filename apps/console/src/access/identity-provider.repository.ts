import { Inject, Injectable } from '@nestjs/common';
import { OidcTokenVerifier } from '#access';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { ConsoleConfig } from '../config/console.config.js';
import { operatorOf, type Operator } from './operator.js';

/**
 * The operators' OpenID Connect provider, as the console trusts it: #access's verifier (discovery,
 * published keys, issuer, audience CONSOLE_AUDIENCE, lifetime), the same as a node's.
 */
@Injectable()
export class IdentityProviderRepository {
  private readonly verifier: OidcTokenVerifier;

  constructor(
    private readonly config: ConsoleConfig,
    @Inject(LOGGER) logger: Logger,
  ) {
    this.verifier = new OidcTokenVerifier({
      issuer: config.CONSOLE_OIDC_ISSUER,
      audience: config.CONSOLE_AUDIENCE,
      algorithms: config.CONSOLE_OIDC_ALGORITHMS.split(','),
      clockToleranceS: config.CONSOLE_OIDC_CLOCK_TOLERANCE_S,
      logger,
    });
  }

  /**
   * The person an access token names.
   * @throws TokenRefusedError saying why the token is refused.
   */
  async verify(token: string): Promise<Operator> {
    return operatorOf(await this.verifier.verify(token), this.config.CONSOLE_OIDC_ROLES_CLAIM);
  }
}
