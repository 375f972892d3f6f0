import { UserManager, WebStorageStateStore } from 'oidc-client-ts';

/** Where a web app signs its people in: what the server that serves it says. */
export interface SignInSettings {
  /** The OpenID Connect provider's issuer (discovery at `<issuer>/.well-known/openid-configuration`). */
  issuer: string;
  /** The app's public client at that provider. */
  clientId: string;
  /** The audience of the access tokens the app needs (a resource indicator, RFC 8707). */
  audience: string;
  /** The app's base URL path, ending in `/` (Vite's `import.meta.env.BASE_URL`, e.g. `/desk/`). */
  appBase: string;
}

/** The path the provider sends the browser back to, under the app's base. */
export const callbackPath = (appBase: string): string => `${appBase}callback`;

/**
 * A user manager for the authorization code flow with PKCE. The token goes to the audience named in
 * both the authorize and the token request, since the provider issues one access token per resource.
 * Tokens stay in sessionStorage (gone with the tab); no silent renewal through hidden iframes, whose
 * third-party cookies browsers refuse anyway: when the token expires the person signs in again.
 */
export function createUserManager(settings: SignInSettings, origin = window.location.origin): UserManager {
  return new UserManager({
    authority: settings.issuer,
    client_id: settings.clientId,
    redirect_uri: `${origin}${callbackPath(settings.appBase)}`,
    post_logout_redirect_uri: `${origin}${settings.appBase}`,
    response_type: 'code',
    scope: 'openid profile',
    extraQueryParams: { resource: settings.audience },
    extraTokenParams: { resource: settings.audience },
    userStore: new WebStorageStateStore({ store: window.sessionStorage }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    // The access token is for the node, not the provider's userinfo endpoint.
    loadUserInfo: false,
    automaticSilentRenew: false,
    monitorSession: false,
  });
}
