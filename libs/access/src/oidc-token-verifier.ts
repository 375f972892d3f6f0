import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Logger } from 'pino';
import { TokenRefusedError } from './access.errors.js';

const DISCOVERY_TIMEOUT_MS = 5_000;
// After a failed discovery, tokens are refused without asking again for this long.
const DISCOVERY_RETRY_MS = 5_000;
const UNREACHABLE = 'the identity provider cannot be reached to check the token';

/** Whom a verifier trusts, and how strictly. */
export interface OidcTokenVerifierOptions {
  /** The provider's issuer URL; discovery at `<issuer>/.well-known/openid-configuration`. */
  issuer: string;
  /** The audience (`aud`) a token must name. */
  audience: string;
  /** The signature algorithms accepted: asymmetric ones only. */
  algorithms: readonly string[];
  /** Seconds of clock difference allowed on `exp` and `nbf`. */
  clockToleranceS: number;
  logger: Logger;
}

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
 * An OpenID Connect provider as an app trusts it: its issuer, found by discovery, and the keys it
 * publishes (jose's remote key set: cached, fetched again for a key id it does not know, so the
 * provider's key rotation is followed). Checks an access token's signature against those keys with an
 * allow-list of algorithms, its issuer, audience and lifetime (with a clock tolerance). Discovery
 * happens on the first token, so the app starts while the provider is down.
 */
export class OidcTokenVerifier {
  private keys?: Promise<JWTVerifyGetKey>;

  constructor(private readonly options: OidcTokenVerifierOptions) {}

  /**
   * The claims of a token that holds.
   * @throws TokenRefusedError saying why the token is refused (or that the provider cannot be reached).
   */
  async verify(token: string): Promise<JWTPayload> {
    const { issuer, audience, algorithms, clockToleranceS, logger } = this.options;
    const keys = await this.discovered();
    try {
      const { payload } = await jwtVerify(token, keys, {
        issuer,
        audience,
        algorithms: [...algorithms],
        clockTolerance: clockToleranceS,
        requiredClaims: ['exp'],
      });
      return payload;
    } catch (error) {
      const reason = reasonOf(error);
      if (reason === undefined) {
        logger.warn({ err: error, issuer }, 'identity provider keys unavailable');
        throw new TokenRefusedError(UNREACHABLE, { cause: error });
      }
      throw new TokenRefusedError(reason, { cause: error });
    }
  }

  private discovered(): Promise<JWTVerifyGetKey> {
    const { issuer, logger } = this.options;
    this.keys ??= this.discover().catch((error: unknown) => {
      logger.warn({ err: error, issuer }, 'OpenID Connect discovery failed');
      // Forget the failure after a while, so the next token asks again.
      setTimeout(() => (this.keys = undefined), DISCOVERY_RETRY_MS).unref();
      throw new TokenRefusedError(UNREACHABLE, { cause: error });
    });
    return this.keys;
  }

  private async discover(): Promise<JWTVerifyGetKey> {
    const { issuer, logger } = this.options;
    const url = `${issuer.replace(/\/$/, '')}/.well-known/openid-configuration`;
    const response = await fetch(url, { signal: AbortSignal.timeout(DISCOVERY_TIMEOUT_MS) });
    if (!response.ok) throw new Error(`${url} answered ${response.status}`);
    const metadata = (await response.json()) as { issuer?: unknown; jwks_uri?: unknown };
    // OpenID Connect Discovery §4.3: the document must name exactly the issuer it was fetched for.
    if (metadata.issuer !== issuer) throw new Error(`${url} names issuer ${String(metadata.issuer)}`);
    if (typeof metadata.jwks_uri !== 'string') throw new Error(`${url} names no jwks_uri`);
    logger.info({ issuer, jwks: metadata.jwks_uri }, 'identity provider discovered');
    return createRemoteJWKSet(new URL(metadata.jwks_uri), { timeoutDuration: DISCOVERY_TIMEOUT_MS });
  }
}
