import { Inject, Injectable } from '@nestjs/common';
import { LOGGER } from '#runtime';
import { createRemoteJWKSet, errors, jwtVerify, type JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import { NodeConfig } from '../config/node.config.js';
import { UnauthenticatedError } from './access.errors.js';
import { ClaimsMapping } from './claims-mapping.js';
import type { Principal } from './principal.js';

const DISCOVERY_TIMEOUT_MS = 5_000;
// After a failed discovery, requests are refused without asking again for this long.
const DISCOVERY_RETRY_MS = 5_000;

/** A token refusal jose reports, as the reason the caller hears; undefined when the provider failed. */
function reasonOf(error: unknown): string | undefined {
  // The key set could not be fetched or read: the provider is at fault, not the token.
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return undefined;
  if (error instanceof errors.JWTExpired) return 'the token has expired';
  if (error instanceof errors.JWTClaimValidationFailed) {
    if (error.claim === 'iss') return 'the token is from another issuer';
    if (error.claim === 'aud') return 'the token is for another audience';
    if (error.claim === 'nbf') return 'the token is not valid yet';
    return `the token's ${error.claim} claim is not acceptable`;
  }
  if (error instanceof errors.JOSEAlgNotAllowed) return 'the token is signed with an algorithm not accepted';
  if (error instanceof errors.JWKSNoMatchingKey)
    return 'the token is signed by a key the identity provider does not publish';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'the token signature does not verify';
  if (error instanceof errors.JOSEError) return 'the token is malformed';
  return undefined;
}

/**
 * The agency's OpenID Connect provider, as the node trusts it: its issuer, found by discovery, and
 * the keys it publishes (jose's remote key set: cached, fetched again for a key id it does not know,
 * so the provider's key rotation is followed). Checks an access token's signature against those keys
 * with an allow-list of algorithms, its issuer, audience and lifetime (with a clock tolerance).
 * Discovery happens on the first token, so the node starts, and serves API keys, while the provider
 * is down.
 */
@Injectable()
export class IdentityProviderRepository {
  private keys?: Promise<JWTVerifyGetKey>;
  private readonly mapping: ClaimsMapping;
  private readonly algorithms: string[];

  constructor(
    private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.mapping = new ClaimsMapping(config);
    this.algorithms = config.NODE_OIDC_ALGORITHMS.split(',');
  }

  /** True when the node takes bearer tokens at all. */
  get configured(): boolean {
    return this.config.NODE_OIDC_ISSUER !== undefined;
  }

  /**
   * The person an access token names.
   * @throws UnauthenticatedError saying why the token is refused.
   */
  async verify(token: string): Promise<Principal> {
    const issuer = this.config.NODE_OIDC_ISSUER;
    if (issuer === undefined) throw new UnauthenticatedError('this node accepts API keys only');
    const keys = await this.discovered(issuer);
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer,
        audience: this.config.NODE_OIDC_AUDIENCE,
        algorithms: this.algorithms,
        clockTolerance: this.config.NODE_OIDC_CLOCK_TOLERANCE_S,
        requiredClaims: ['exp'],
      });
      return this.mapping.principalOf(payload, issuer);
    } catch (error) {
      if (error instanceof UnauthenticatedError) throw error;
      const reason = reasonOf(error);
      if (reason === undefined) {
        this.logger.warn({ err: error, issuer }, 'identity provider keys unavailable');
        throw new UnauthenticatedError('the identity provider cannot be reached to check the token', {
          cause: error,
        });
      }
      throw new UnauthenticatedError(reason, { cause: error });
    }
  }

  private discovered(issuer: string): Promise<JWTVerifyGetKey> {
    this.keys ??= this.discover(issuer).catch((error: unknown) => {
      this.logger.warn({ err: error, issuer }, 'OpenID Connect discovery failed');
      // Forget the failure after a while, so the next token asks again.
      setTimeout(() => (this.keys = undefined), DISCOVERY_RETRY_MS).unref();
      throw new UnauthenticatedError('the identity provider cannot be reached to check the token', {
        cause: error,
      });
    });
    return this.keys;
  }

  private async discover(issuer: string): Promise<JWTVerifyGetKey> {
    const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const metadata = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
    // OpenID Connect Discovery §4.3: the document must name exactly the issuer it was fetched for.
    if (metadata.issuer !== issuer) throw new Error(`${url} names issuer ${String(metadata.issuer)}`);
    if (typeof metadata.jwks_uri !== 'string') throw new Error(`${url} names no jwks_uri`);
    this.logger.info({ issuer, jwks: metadata.jwks_uri }, 'identity provider discovered');
    return createRemoteJWKSet(new URL(metadata.jwks_uri), { timeoutDuration: DISCOVERY_TIMEOUT_MS });
  }
}
