import { Inject, Injectable } from '@nestjs/common';
import { OidcTokenVerifier, TokenRefusedError } from '#access';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { NodeConfig } from '../config/node.config.js';
import { UnauthenticatedError } from './access.errors.js';
import { ClaimsMapping } from './claims-mapping.js';
import type { Principal } from './principal.js';

/**
 * The agency's OpenID Connect provider, as the node trusts it (#access's OidcTokenVerifier: discovery,
 * the published keys, issuer, audience, lifetime), and the node's reading of a token's claims.
 * Discovery happens on the first token, so the node starts, and serves API keys, while the provider
 * is down.
 */
@Injectable()
export class IdentityProviderRepository {
  private readonly verifier?: OidcTokenVerifier;
  private readonly mapping: ClaimsMapping;
  private readonly issuer: string;

  constructor(config: NodeConfig, @Inject(LOGGER) logger: Logger) {
    this.mapping = new ClaimsMapping(config);
    const issuer = config.NODE_OIDC_ISSUER;
    this.issuer = issuer ?? '';
    if (issuer !== undefined) {
      this.verifier = new OidcTokenVerifier({
        issuer,
        audience: config.NODE_OIDC_AUDIENCE ?? '',
        algorithms: config.NODE_OIDC_ALGORITHMS.split(','),
        clockToleranceS: config.NODE_OIDC_CLOCK_TOLERANCE_S,
        logger,
      });
    }
  }

  /** True when the node takes bearer tokens at all. */
  get configured(): boolean {
    return this.verifier !== undefined;
  }

  /**
   * The person an access token names.
   * @throws UnauthenticatedError saying why the token is refused.
   */
  async verify(token: string): Promise<Principal> {
    if (this.verifier === undefined) throw new UnauthenticatedError('this node accepts API keys only');
    try {
      return this.mapping.principalOf(await this.verifier.verify(token), this.issuer);
    } catch (error) {
      if (error instanceof TokenRefusedError) throw new UnauthenticatedError(error.reason, { cause: error });
      throw error;
    }
  }
}
