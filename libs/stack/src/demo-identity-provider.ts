import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK } from 'jose';
import type { OidcContext, Provider, TokenLike } from 'oidc-provider';
import type { Clearance, Role } from '#access';

/**
 * The demo's grant type: a user name and password straight for an access token, so that the README
 * can use curl. A demo convenience only: OAuth 2.0 Security BCP forbids the password grant, which
 * is why oidc-provider has none and a real deployment's provider should not offer it either.
 */
export const DEMO_PASSWORD_GRANT = 'urn:borderlink:demo:password';
/** The grant type of the OpenID Connect device flow (RFC 8628), as `borderlink login` uses it. */
export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
/**
 * The public client of the demo: PKCE authorization code flow (a web desk), the device flow (the
 * CLI's `borderlink login`) and the demo grant.
 */
export const DEMO_CLIENT_ID = 'borderlink-demo';
/** Where the demo client may be sent back to after signing in (a web desk on this machine). */
export const DEMO_REDIRECT_URI = 'http://127.0.0.1:5173/callback';

const DEFAULT_TOKEN_TTL_S = 600;

/** The audience (resource indicator) of node `node`'s access tokens. */
export const nodeAudience = (node: string): string => `urn:borderlink:node:${node}`;

/** The audience of the operations console's access tokens (its CONSOLE_AUDIENCE). */
export const CONSOLE_AUDIENCE = 'urn:borderlink:console';

/** A demo operator of the operations console: role `operator` in the console's tokens only. */
export interface DemoOperator {
  user: string;
  password: string;
  roles: ['operator'];
}

/** The demo's two operators, `operator` and `operator2` (two, so the audit tells them apart). */
export function demoOperators(): DemoOperator[] {
  return ['operator', 'operator2'].map((user) => ({
    user,
    password: randomBytes(9).toString('base64url'),
    roles: ['operator'],
  }));
}

/** A demo person of one agency: who signs in, with what, and what the node is told about them. */
export interface DemoPerson {
  user: string;
  password: string;
  /** The node of the person's agency: tokens carry roles for its audience only. */
  node: string;
  roles: Role[];
  clearance: Clearance;
}

/**
 * The demo cast of one node: a reader without clearance for TLP:RED or AMBER+STRICT, an author, two
 * supervisors cleared for TLP:RED (so that a RED release can have its four eyes), and an administrator
 * and monitor cleared for TLP:RED too, as the node's witness of the audit chain names every message.
 */
export function demoPeople(node: string): DemoPerson[] {
  const person = (suffix: string, roles: Role[], clearance: Clearance): DemoPerson => ({
    user: `${node}-${suffix}`,
    password: randomBytes(9).toString('base64url'),
    node,
    roles,
    clearance,
  });
  return [
    person('reader', ['reader'], 'amber'),
    person('author', ['reader', 'author'], 'amber-strict'),
    person('supervisor', ['reader', 'author', 'supervisor'], 'red'),
    person('supervisor2', ['reader', 'author', 'supervisor'], 'red'),
    person('admin', ['administrator', 'monitor'], 'red'),
  ];
}

export interface DemoIdentityProviderOptions {
  people: readonly DemoPerson[];
  /** The console's operators; none by default. */
  operators?: readonly DemoOperator[];
  /**
   * The web apps' base URLs, each ending in `/` (the console's `<url>/`, each node's `<url>/desk/`),
   * as libs/web's sign-in derives its URIs from them: the public client is sent back to
   * `<base>callback` after signing in (besides DEMO_REDIRECT_URI) and to `<base>` after signing out,
   * and the pages of their origins may call the provider's endpoints (CORS), since the
   * authorization code flow with PKCE runs there.
   */
  webApps?: readonly string[];
  /** Its port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** The private signing key (ES256 JWK with a `kid`); a new one when absent. */
  signingKey?: JWK;
  /** Access token lifetime, in seconds (default 600). */
  accessTokenTtlS?: number;
}

/** A running demo identity provider. */
export interface DemoIdentityProvider {
  /** Its issuer URL, what a node's NODE_OIDC_ISSUER names. */
  issuer: string;
  /** An access token for `user` and `audience` through the demo grant, as curl would get it. */
  token(user: string, audience: string): Promise<string>;
  stop(): Promise<void>;
}

function samePassword(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

const escape = (text: string): string => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

async function formBody(request: IncomingMessage): Promise<URLSearchParams> {
  let text = '';
  for await (const chunk of request) {
    text += String(chunk);
    if (text.length > 10_000) break;
  }
  return new URLSearchParams(text);
}

/**
 * A real OpenID Connect provider (oidc-provider) on loopback for the local stack and the tests:
 * discovery, a JWKS, JWT access tokens per node audience and for the console (resource indicators)
 * carrying `roles` and `clearance` claims, CORS for the web apps' origins, the authorization code flow with PKCE through a minimal sign-in page, the
 * device flow (the CLI's `borderlink login`) through the same page, and the demo password grant. Accounts and sessions live in memory; it never leaves 127.0.0.1.
 */
export async function startDemoIdentityProvider(
  options: DemoIdentityProviderOptions,
): Promise<DemoIdentityProvider> {
  // Loaded here, not with the library: oidc-provider warns about the runtime when it loads (Node 20),
  // which every `borderlink` command would otherwise print, though only the stack runs a provider.
  const { default: Provider, errors } = await import('oidc-provider');
  const people = new Map(options.people.map((person) => [person.user, person]));
  const operators = new Map((options.operators ?? []).map((operator) => [operator.user, operator]));
  const audiences = new Set([...options.people.map((person) => nodeAudience(person.node)), CONSOLE_AUDIENCE]);
  const passwordOf = (user: string): string | undefined =>
    people.get(user)?.password ?? operators.get(user)?.password;
  const webApps = options.webApps ?? [];
  const corsOrigins = new Set(webApps.map((base) => new URL(base).origin));
  const ttl = options.accessTokenTtlS ?? DEFAULT_TOKEN_TTL_S;
  const signingKey = options.signingKey ?? (await newSigningKey());

  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const resourceServer = (resource: string) => {
    if (!audiences.has(resource))
      throw new errors.InvalidTarget(`${resource} is neither a node of this demo nor its console`);
    return {
      scope: 'api',
      audience: resource,
      accessTokenTTL: ttl,
      accessTokenFormat: 'jwt',
      jwt: { sign: { alg: 'ES256' } },
    };
  };
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: DEMO_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', DEVICE_CODE_GRANT, DEMO_PASSWORD_GRANT],
        response_types: ['code'],
        redirect_uris: [DEMO_REDIRECT_URI, ...webApps.map((base) => `${base}callback`)],
        post_logout_redirect_uris: [...webApps],
        id_token_signed_response_alg: 'ES256',
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    claims: { openid: ['sub'], profile: ['preferred_username'] },
    ttl: {
      AccessToken: ttl,
      AuthorizationCode: 60,
      IdToken: ttl,
      Interaction: 600,
      Session: 3600,
      Grant: 3600,
    },
    findAccount: (_ctx: unknown, id: string) =>
      passwordOf(id) !== undefined
        ? { accountId: id, claims: () => ({ sub: id, preferred_username: id }) }
        : undefined,
    // A person's roles and clearance go to their own node's audience only, an operator's role to the
    // console's; elsewhere they hold none.
    extraTokenClaims: (_ctx: unknown, token: TokenLike) => {
      if (token.kind !== 'AccessToken' || token.accountId === undefined) return undefined;
      const audience = token.resourceServer?.audience;
      const operator = operators.get(token.accountId);
      if (operator !== undefined) {
        return {
          preferred_username: operator.user,
          roles: audience === CONSOLE_AUDIENCE ? operator.roles : [],
        };
      }
      const person = people.get(token.accountId);
      if (person === undefined) return undefined;
      const own = audience === nodeAudience(person.node);
      return { preferred_username: person.user, roles: own ? person.roles : [], clearance: person.clearance };
    },
    // The web apps sign in from the browser: their pages may call the provider's endpoints.
    clientBasedCORS: (_ctx: unknown, origin: string) => corsOrigins.has(origin),
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    features: {
      devInteractions: { enabled: false },
      // The default pages load a web font from the internet; the demo's stay on loopback.
      rpInitiatedLogout: { enabled: true, logoutSource, postLogoutSuccessSource },
      // The device flow's pages are the demo's own too: enter the code, confirm, then sign in as above.
      deviceFlow: {
        enabled: true,
        userCodeInputSource,
        userCodeConfirmSource,
        successSource: deviceSuccessSource,
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: (_ctx: unknown, _client: unknown, oneOf?: string) => oneOf,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, resource: string) => resourceServer(resource),
      },
    },
  });

  provider.registerGrantType(
    DEMO_PASSWORD_GRANT,
    async (ctx: OidcContext) => {
      const { username, password, resource } = ctx.oidc.params;
      const user = typeof username === 'string' ? username : '';
      const expected = passwordOf(user);
      if (expected === undefined || !samePassword(password, expected)) {
        throw new errors.InvalidGrant('wrong user name or password');
      }
      if (typeof resource !== 'string')
        throw new errors.InvalidTarget('resource (the node or console audience) is required');
      // Anyone may ask for a console token (it carries a role for operators only); a node's, its people.
      const person = people.get(user);
      if (resource !== CONSOLE_AUDIENCE && (person === undefined || resource !== nodeAudience(person.node))) {
        throw new errors.InvalidTarget(`${user} may not ask for tokens to ${resource}`);
      }
      const { AccessToken, ResourceServer } = ctx.oidc.provider;
      const token = new AccessToken({
        accountId: user,
        client: ctx.oidc.client,
        gty: 'password',
        scope: 'api',
      });
      token.resourceServer = new ResourceServer(resource, resourceServer(resource));
      const value = await token.save();
      ctx.body = { access_token: value, token_type: 'Bearer', expires_in: token.expiration, scope: 'api' };
    },
    ['username', 'password', 'resource', 'scope'],
  );

  const handle = provider.callback();
  server.on('request', (request: IncomingMessage, response: ServerResponse) => {
    const match = /^\/interaction\/([\w-]+)(\/login)?$/.exec(request.url ?? '');
    if (match === null) {
      handle(request, response);
      return;
    }
    interaction(provider, passwordOf, request, response, match[2] !== undefined).catch(() => {
      if (!response.headersSent) response.writeHead(400, { 'content-type': 'text/plain' });
      response.end('the sign-in failed; start again');
    });
  });

  return {
    issuer,
    async token(user, audience) {
      const response = await fetch(`${issuer}/token`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: DEMO_PASSWORD_GRANT,
          client_id: DEMO_CLIENT_ID,
          username: user,
          password: passwordOf(user) ?? '',
          resource: audience,
        }),
      });
      const body = (await response.json()) as { access_token?: string; error_description?: string };
      if (body.access_token === undefined) throw new Error(`no token for ${user}: ${body.error_description}`);
      return body.access_token;
    },
    async stop() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}

async function newSigningKey(): Promise<JWK> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  return { ...(await exportJWK(privateKey)), alg: 'ES256', use: 'sig', kid: randomBytes(8).toString('hex') };
}

const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>${title}</title><main>${body}</main></html>`;

// Signing out asks first: the provider's form carries the token that guards it against forgery.
function logoutSource(ctx: OidcContext, form: string): void {
  ctx.body = page(
    'Borderlink demo sign-out',
    `<h1>Sign out of the Borderlink demo?</h1>${form}` +
      '<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Sign out</button> ' +
      '<button type="submit" form="op.logoutForm">Stay signed in</button>',
  );
}

// The device flow's page at the verification URI: the code the CLI shows (prefilled from the link).
function userCodeInputSource(ctx: OidcContext, form: string, _out: unknown, error?: Error): void {
  ctx.body = page(
    'Borderlink demo device sign-in',
    `<h1>Sign in a device</h1><p>${error === undefined ? 'Enter the code the command line shows.' : 'That code did not work: try again.'}</p>` +
      `${form}<button type="submit" form="op.deviceInputForm">Continue</button>`,
  );
}

function userCodeConfirmSource(
  ctx: OidcContext,
  form: string,
  _client: unknown,
  _device: unknown,
  userCode: string,
): void {
  ctx.body = page(
    'Borderlink demo device sign-in',
    `<h1>Is the command line showing ${escape(userCode)}?</h1>${form}` +
      '<button autofocus type="submit" form="op.deviceConfirmForm">Yes, continue</button> ' +
      '<button type="submit" form="op.deviceConfirmForm" value="yes" name="abort">No, abort</button>',
  );
}

function deviceSuccessSource(ctx: OidcContext): void {
  ctx.body = page('Borderlink demo device sign-in', '<h1>Signed in: go back to the command line</h1>');
}

// Shown when the request named no registered page to go back to.
function postLogoutSuccessSource(ctx: OidcContext): void {
  ctx.body = page('Borderlink demo sign-out', '<h1>Signed out of the Borderlink demo</h1>');
}

// The sign-in page of the authorization code flow, and consent given at once (it is a demo).
async function interaction(
  provider: Provider,
  passwordOf: (user: string) => string | undefined,
  request: IncomingMessage,
  response: ServerResponse,
  login: boolean,
): Promise<void> {
  const details = await provider.interactionDetails(request, response);
  if (details.prompt.name === 'login') {
    if (login && request.method === 'POST') {
      const form = await formBody(request);
      const user = form.get('user') ?? '';
      const expected = passwordOf(user);
      if (expected !== undefined && samePassword(form.get('password'), expected)) {
        await provider.interactionFinished(request, response, { login: { accountId: user } });
        return;
      }
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      `<!doctype html><title>Borderlink demo sign-in</title><form method="post" action="/interaction/${escape(details.uid)}/login">` +
        `<label>User <input name="user" autofocus></label> <label>Password <input name="password" type="password"></label>` +
        `<button>Sign in</button></form>`,
    );
    return;
  }
  const grant = new provider.Grant({ accountId: details.session!.accountId, clientId: DEMO_CLIENT_ID });
  grant.addOIDCScope('openid profile');
  const resource = details.params.resource;
  for (const audience of Array.isArray(resource) ? resource : [resource]) {
    if (typeof audience === 'string') grant.addResourceScope(audience, 'api');
  }
  await provider.interactionFinished(request, response, { consent: { grantId: await grant.save() } });
}
