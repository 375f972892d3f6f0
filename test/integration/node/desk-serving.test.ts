// The node serves the agency desk (apps/desk, built by `npm run build` into dist/web/desk) under /desk/
// to anyone, as a web app's files are, while every /v1 route still needs credentials; its pages carry a
// content security policy that lets the desk reach only the node and the agency's identity provider.
import { existsSync } from 'node:fs';
import type { INestApplication } from '@nestjs/common';
import { NodeConfig } from '#node';
import { startTestbed, type NodeTestbed } from './node-harness.js';

const ISSUER = 'http://127.0.0.1:3911';
const AUDIENCE = 'urn:borderlink:node:kz-border';
const BUILT_DESK = new URL('../../../dist/web/desk/index.html', import.meta.url);

let testbed: NodeTestbed;
let app: INestApplication;
let base: string;

beforeAll(async () => {
  if (!existsSync(BUILT_DESK)) throw new Error('the desk is not built: run npm run build first');
  testbed = await startTestbed();
  // The provider is never asked: the node discovers it on the first token only.
  const config: NodeConfig = { ...testbed.config(), NODE_OIDC_ISSUER: ISSUER, NODE_OIDC_AUDIENCE: AUDIENCE };
  ({ app, base } = await testbed.start(config));
});

afterAll(async () => {
  await app?.close();
  await testbed?.stop();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  fetch(`${base}${path}`, { headers, redirect: 'manual' });

describe('the desk at the node', () => {
  it('leads from the root to /desk/', async () => {
    const response = await get('/');
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/desk/');
  });

  it('serves the app to a browser without credentials, and its routes by the same page', async () => {
    for (const path of ['/desk/', '/desk/inbox', '/desk/messages/0198c0de-0000-7000-8000-000000000001']) {
      const response = await get(path);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toMatch(/^text\/html/);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toContain('<div id="root"></div>');
    }
  });

  it('serves its built assets as immutable files', async () => {
    const page = await (await get('/desk/')).text();
    const script = /<script type="module" crossorigin src="(\/desk\/assets\/[^"]+\.js)"/.exec(page)?.[1];
    expect(script).toBeDefined();
    const response = await get(script!);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/javascript/);
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  it('tells the desk how to sign people in', async () => {
    const response = await get('/desk/config.json');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      node: 'kz-border',
      signIn: { issuer: ISSUER, clientId: 'borderlink-desk', audience: AUDIENCE },
    });
  });

  it('allows its own scripts, styles and images, the node and the identity provider, and no inline script', async () => {
    const policy = (await get('/desk/')).headers.get('content-security-policy') ?? '';
    const directives = new Map(
      policy.split(';').map((directive) => {
        const [name = '', ...values] = directive.trim().split(/\s+/);
        return [name, values] as const;
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('script-src-attr')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'", ISSUER]);
    expect(directives.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'self'"]);
  });

  it('still refuses every /v1 route without credentials', async () => {
    for (const path of ['/v1/inbox', '/v1/me', '/v1/reference', '/v1/picture']) {
      const response = await get(path);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'unauthenticated' });
    }
    const post = await fetch(`${base}/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(post.status).toBe(401);
  });

  it('gives a reader the registry’s reference data', async () => {
    const response = await get('/v1/reference', testbed.auth);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      sections: { id: string; countries: string[] }[];
      nodes: { id: string; kind: string }[];
    };
    expect(body.sections.length).toBeGreaterThan(0);
    expect(body.nodes.some((node) => node.id === 'kz-border')).toBe(true);
    expect(body.nodes.some((node) => node.kind === 'hub')).toBe(false);
  });
});
