import * as oidc from 'openid-client';
import { UsageError } from '../cli.errors.js';
import type { CachedToken } from './token-cache.js';
import type { SignInTarget } from './node-target.js';

/** What the person is asked to do while the CLI waits: open a page, enter a code. */
export interface DeviceCodePrompt {
  verificationUri: string;
  verificationUriComplete?: string;
  userCode: string;
  expiresIn: number;
}

export class SignInError extends Error {
  override readonly name = 'SignInError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Signs a person in with the OpenID Connect device flow (RFC 8628): asks the provider for a code,
 * shows it through `prompt`, and polls until the person has entered it and signed in, for an
 * access token to `target`'s node.
 */
export async function deviceLogin(
  target: SignInTarget,
  prompt: (prompt: DeviceCodePrompt) => void,
  signal?: AbortSignal,
): Promise<CachedToken> {
  const issuer = new URL(target.issuer);
  let config: oidc.Configuration;
  try {
    config = await oidc.discovery(issuer, target.clientId, undefined, oidc.None(), {
      // The demo provider serves plain http on loopback; any other provider must use https.
      ...(issuer.protocol === 'http:' && ['127.0.0.1', 'localhost'].includes(issuer.hostname)
        ? { execute: [oidc.allowInsecureRequests] }
        : {}),
    });
  } catch (error) {
    throw new SignInError(
      `cannot reach the identity provider ${target.issuer} (${describe(error)}): is the stack running (npm start)?`,
      { cause: error },
    );
  }
  if (config.serverMetadata().device_authorization_endpoint === undefined) {
    throw new UsageError(
      `the identity provider ${target.issuer} offers no device flow: sign in with an API key`,
    );
  }
  const parameters = { scope: 'openid profile', resource: target.audience };
  const started = await oidc.initiateDeviceAuthorization(config, parameters).catch((error: unknown) => {
    throw new SignInError(`${target.issuer} refused to start the device flow: ${describe(error)}`, {
      cause: error,
    });
  });
  prompt({
    verificationUri: started.verification_uri,
    ...(started.verification_uri_complete === undefined
      ? {}
      : { verificationUriComplete: started.verification_uri_complete }),
    userCode: started.user_code,
    expiresIn: started.expires_in,
  });
  const tokens = await oidc
    .pollDeviceAuthorizationGrant(
      config,
      started,
      { resource: target.audience },
      signal ? { signal } : undefined,
    )
    .catch((error: unknown) => {
      throw new SignInError(`the sign-in at ${target.issuer} did not complete: ${describe(error)}`, {
        cause: error,
      });
    });
  const claims = tokenClaims(tokens.access_token);
  return {
    accessToken: tokens.access_token,
    expiresAt: Date.now() + (tokens.expires_in ?? 600) * 1000,
    ...((claims.preferred_username ?? claims.sub) ? { user: claims.preferred_username ?? claims.sub } : {}),
  };
}

// Who signed in, to name them in the CLI's messages; the node, not the CLI, checks the token.
function tokenClaims(token: string): { preferred_username?: string; sub?: string } {
  try {
    return JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      preferred_username?: string;
    };
  } catch {
    return {};
  }
}
