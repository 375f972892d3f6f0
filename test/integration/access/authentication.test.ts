// Who gets in at a node's door, against a real OpenID Connect provider (oidc-provider on loopback)
// and the real nodes: every route but the bare health answer needs credentials; tokens for another
// node, expired, forged, unsigned or from another issuer are refused; a revoked API key stops working
// within seconds; the live stream opens with a single-use ticket.
import { generateKeyPair, importJWK, SignJWT, type CryptoKey, type JWTPayload } from 'jose';
import { runCli } from '#cli';
import { createHash, randomBytes } from 'node:crypto';
import { DEMO_CLIENT_ID, DEMO_REDIRECT_URI, nodeAudience } from '#stack';
import { waitFor } from '#testing';
import { call, startAccessNetwork, type AccessNetwork } from './access-network.js';

let access: AccessNetwork;
let kz: string;

beforeAll(async () => {
  access = await startAccessNetwork();
  kz = access.network.url('kz-border');
});

afterAll(() => access?.stop());

/** A token signed with `key` (the provider's own unless given), its claims and header as asked. */
async function signed(
  claims: JWTPayload,
  options: { key?: CryptoKey; alg?: string; kid?: string; expiresIn?: number } = {},
): Promise<string> {
  const { signingKey } = access;
  const key = options.key ?? ((await importJWK(signingKey, 'ES256')) as CryptoKey);
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({
    iss: access.idp.issuer,
    aud: nodeAudience('kz-border'),
    sub: 'kz-border-reader',
    roles: ['reader'],
    iat: now,
    exp: now + (options.expiresIn ?? 300),
    ...claims,
  })
    .setProtectedHeader({ alg: options.alg ?? 'ES256', kid: options.kid ?? signingKey.kid!, typ: 'at+jwt' })
    .sign(key);
}

/**
 * Signs in as `user` through the authorization code flow with PKCE, as a browser and a web desk would:
 * follows the provider's redirects with its cookies, fills in the sign-in form, and trades the code.
 */
async function signIn(user: string, password: string, audience: string): Promise<string> {
  const { issuer } = access.idp;
  const verifier = randomBytes(32).toString('base64url');
  const cookies = new Map<string, string>();
  let url = `${issuer}/auth?${new URLSearchParams({
    client_id: DEMO_CLIENT_ID,
    response_type: 'code',
    redirect_uri: DEMO_REDIRECT_URI,
    scope: 'openid',
    resource: audience,
    state: 'desk-state',
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
  })}`;
  let form: URLSearchParams | undefined;
  for (let step = 0; step < 12 && !url.startsWith(DEMO_REDIRECT_URI); step++) {
    const response = await fetch(url, {
      method: form === undefined ? 'GET' : 'POST',
      redirect: 'manual',
      headers: { cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
      body: form,
    });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      cookies.set(pair!.slice(0, pair!.indexOf('=')), pair!.slice(pair!.indexOf('=') + 1));
    }
    const location = response.headers.get('location');
    if (location !== null) {
      url = new URL(location, issuer).href;
      form = undefined;
    } else {
      // The sign-in page: post its form.
      const action = /action="([^"]+)"/.exec(await response.text())?.[1];
      if (action === undefined) throw new Error(`no sign-in form at ${url}: HTTP ${response.status}`);
      url = new URL(action, issuer).href;
      form = new URLSearchParams({ user, password });
    }
  }
  const code = new URL(url).searchParams.get('code');
  expect(new URL(url).searchParams.get('state')).toBe('desk-state');
  const tokens = await fetch(`${issuer}/token`, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code: code!,
      redirect_uri: DEMO_REDIRECT_URI,
      client_id: DEMO_CLIENT_ID,
      code_verifier: verifier,
      resource: audience,
    }),
  });
  return ((await tokens.json()) as { access_token: string }).access_token;
}

/** Every operation of the node's OpenAPI document, its path parameters filled in. */
async function operations(): Promise<{ method: string; path: string }[]> {
  const { body } = await call<{ paths: Record<string, Record<string, unknown>> }>(`${kz}/docs-json`, {
    credentials: await access.token('kz-border', 'reader'),
  });
  return Object.entries(body.paths).flatMap(([path, methods]) =>
    Object.keys(methods).map((method) => ({
      method: method.toUpperCase(),
      path: path.replace(/\{[^}]+\}/g, 'x'),
    })),
  );
}

// In this order: each failed authentication counts against the tests' address, which after 30 in a
// minute gets no more fresh API keys checked (the door's guard against guessing), so the tests that
// need new keys come before those that fail on purpose.
describe('the live stream', () => {
  it('caps the live streams of one identity', async () => {
    const { headers } = await access.network.anotherKey('kz-border', 'streams');
    const controllers: AbortController[] = [];
    try {
      const open = async () => {
        const controller = new AbortController();
        controllers.push(controller);
        return (await fetch(`${kz}/v1/inbox/stream`, { headers, signal: controller.signal })).status;
      };
      expect(await Promise.all([open(), open(), open(), open()])).toEqual([200, 200, 200, 200]);
      expect(await open()).toBe(429);
    } finally {
      for (const controller of controllers) controller.abort();
    }
  });
  it('opens once with a single-use ticket, which opens nothing else', async () => {
    const reader = await access.token('kz-border', 'reader');
    const ticketFor = async () =>
      (
        await call<{ ticket: string; expiresIn: number }>(`${kz}/v1/inbox/stream-tickets`, {
          method: 'POST',
          credentials: reader,
        })
      ).body;
    const first = await ticketFor();
    expect(first.expiresIn).toBe(30);
    expect((await call(`${kz}/v1/inbox?ticket=${first.ticket}`)).body).toEqual({
      error: 'unauthenticated',
      reason: 'a stream ticket opens the live stream only',
    });

    const { ticket } = await ticketFor();
    const controller = new AbortController();
    const stream = await fetch(`${kz}/v1/inbox/stream?ticket=${ticket}`, { signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(stream.headers.get('content-type')).toMatch(/^text\/event-stream/);
    controller.abort();
    expect((await call(`${kz}/v1/inbox/stream?ticket=${ticket}`)).body).toEqual({
      error: 'unauthenticated',
      reason: 'the stream ticket is unknown, used or expired',
    });
  });
});

describe('services with API keys', () => {
  it('refuses a key whose secret is wrong, and one for another node', async () => {
    const { key } = await access.network.anotherKey('kz-border', 'guessed');
    const wrong = `${key.slice(0, -2)}${key.endsWith('AA') ? 'BB' : 'AA'}`;
    expect((await call(`${kz}/v1/inbox`, { credentials: wrong })).body).toEqual({
      error: 'unauthenticated',
      reason: 'unknown API key',
    });
    expect((await call(`${access.network.url('tj-border')}/v1/inbox`, { credentials: key })).status).toBe(
      401,
    );
  });
  it('refuses a key revoked with the CLI within 5 s, while it worked before', async () => {
    const { file, key, headers } = await access.network.anotherKey('kz-border', 'case-system');
    expect((await fetch(`${kz}/v1/inbox`, { headers })).status).toBe(200);
    const id = key.slice('blk_'.length, 'blk_'.length + 16);
    const io = { out: () => undefined, err: () => undefined };
    const revokedAt = Date.now();
    expect(await runCli(['api-keys', 'revoke', 'kz-border', id, '--file', file], io)).toBe(0);
    await waitFor(
      async () => ((await fetch(`${kz}/v1/inbox`, { headers })).status === 401 ? true : undefined),
      {
        timeoutMs: 5_000,
        what: 'the revoked key to be refused',
      },
    );
    expect(Date.now() - revokedAt).toBeLessThan(5_000);
    const answer = await call(`${kz}/v1/inbox`, { credentials: key });
    expect(answer.body).toEqual({ error: 'unauthenticated', reason: 'the API key is revoked' });
  });
});

describe('people with access tokens from the agency’s identity provider', () => {
  it('lets a token for the node in, as the person it names with the roles and clearance of its claims', async () => {
    const me = await call(`${kz}/v1/me`, { credentials: await access.token('kz-border', 'supervisor') });
    expect(me.body).toEqual({
      id: 'person:kz-border-supervisor',
      kind: 'person',
      issuer: access.idp.issuer,
      subject: 'kz-border-supervisor',
      name: 'kz-border-supervisor',
      roles: ['reader', 'author', 'supervisor'],
      clearance: 'red',
    });
  });

  it('lets in a person signed in through the authorization code flow with PKCE', async () => {
    const person = access.people.find((p) => p.user === 'kz-border-author')!;
    const token = await signIn(person.user, person.password, nodeAudience('kz-border'));
    const me = await call(`${kz}/v1/me`, { credentials: token });
    expect(me.body).toMatchObject({
      id: 'person:kz-border-author',
      roles: ['reader', 'author'],
      clearance: 'amber-strict',
    });
  });

  it('refuses at tj-border a token for kz-border’s audience', async () => {
    const answer = await call(`${access.network.url('tj-border')}/v1/inbox`, {
      credentials: await access.token('kz-border', 'reader'),
    });
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ error: 'unauthenticated', reason: 'the token is for another audience' });
    expect(answer.headers.get('www-authenticate')).toContain('error="invalid_token"');
  });

  it.each([
    ['an expired token', () => signed({}, { expiresIn: -120 }), 'the token has expired'],
    [
      'a token from another issuer',
      () => signed({ iss: 'https://idp.example.org' }),
      'the token is from another issuer',
    ],
    [
      'a token forged with another key under the provider’s key id',
      async () => signed({ roles: ['administrator'] }, { key: (await generateKeyPair('ES256')).privateKey }),
      'the token signature does not verify',
    ],
    [
      'an unsigned token (alg: none)',
      async () => {
        const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
        const claims = JSON.parse(Buffer.from((await signed({})).split('.')[1]!, 'base64url').toString());
        return `${part({ alg: 'none', typ: 'at+jwt' })}.${part(claims)}.`;
      },
      'the token is signed with an algorithm not accepted',
    ],
    ['garbage', async () => 'not.a.token', 'the token is malformed'],
  ])('refuses %s', async (_what, make, reason) => {
    const answer = await call(`${kz}/v1/inbox`, { credentials: await make() });
    expect({ status: answer.status, body: answer.body }).toEqual({
      status: 401,
      body: { error: 'unauthenticated', reason },
    });
  });
});

describe('a node without credentials', () => {
  it('answers every route with 401, a reason and a WWW-Authenticate challenge, but its bare health and public feeds', async () => {
    const routes = [
      // Open to anyone: liveness, and the public feeds of TLP:CLEAR alerts (test/integration/cap).
      ...(await operations()).filter(
        (route) => route.path !== '/healthz' && !route.path.startsWith('/v1/feeds/'),
      ),
      { method: 'GET', path: '/docs' },
      { method: 'GET', path: '/docs-json' },
      { method: 'GET', path: '/metrics' },
      { method: 'GET', path: '/healthz/details' },
    ];
    expect(routes.length).toBeGreaterThan(15);
    for (const { method, path } of routes) {
      const answer = await call(`${kz}${path}`, { method, body: method === 'GET' ? undefined : {} });
      expect({ method, path, status: answer.status, body: answer.body }).toEqual({
        method,
        path,
        status: 401,
        body: { error: 'unauthenticated', reason: 'no credentials' },
      });
      expect(answer.headers.get('www-authenticate')).toBe('Bearer realm="borderlink"');
    }
    const health = await call(`${kz}/healthz`);
    expect({ status: health.status, body: health.body }).toEqual({ status: 200, body: { status: 'ok' } });
  });

  it('refuses a body before parsing it, and answers every request with a request id', async () => {
    const response = await fetch(`${kz}/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-request-id': 'desk-4711' },
      body: '{"not": json',
    });
    expect(response.status).toBe(401);
    expect(response.headers.get('x-request-id')).toBe('desk-4711');
    const made = await fetch(`${kz}/healthz`, { headers: { 'x-request-id': 'bad id with spaces' } });
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
