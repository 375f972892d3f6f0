// `borderlink login` against the demo's real oidc-provider: the device flow from the code shown to a
// token the CLI then uses, a person signing in through the provider's pages as a browser would.
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '#cli';
import {
  demoPeople,
  nodeAudience,
  startDemoIdentityProvider,
  DEMO_CLIENT_ID,
  type DemoIdentityProvider,
} from '#stack';
import { waitFor } from '#testing';

const NODE = 'kz-border';

/** A browser's part: cookies kept per provider, redirects followed, forms submitted. */
class Browser {
  private readonly cookies = new Map<string, string>();

  async open(url: string, form?: Record<string, string>): Promise<{ url: string; html: string }> {
    let next = url;
    let init: RequestInit | undefined =
      form === undefined ? undefined : { method: 'POST', body: new URLSearchParams(form) };
    for (let hops = 0; hops < 20; hops++) {
      const response = await fetch(next, {
        ...init,
        redirect: 'manual',
        headers: { cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ') },
      });
      for (const cookie of response.headers.getSetCookie()) {
        const [pair] = cookie.split(';');
        const at = pair!.indexOf('=');
        this.cookies.set(pair!.slice(0, at), pair!.slice(at + 1));
      }
      const location = response.headers.get('location');
      if (location === null) return { url: next, html: await response.text() };
      await response.body?.cancel();
      next = new URL(location, next).toString();
      init = undefined;
    }
    throw new Error(`too many redirects from ${url}`);
  }

  /** Submits the page's first form, its hidden fields as they are and `fields` filled in. */
  submit(
    page: { url: string; html: string },
    fields: Record<string, string> = {},
  ): Promise<{ url: string; html: string }> {
    const form = /<form[^>]*action="([^"]*)"[^>]*>([\s\S]*?)<\/form>/.exec(page.html);
    if (form === null) throw new Error(`no form at ${page.url}: ${page.html.slice(0, 300)}`);
    const values: Record<string, string> = {};
    for (const input of form[2]!.matchAll(/<input([^>]*)>/g)) {
      const name = /name="([^"]*)"/.exec(input[1]!)?.[1];
      const value = /value="([^"]*)"/.exec(input[1]!)?.[1];
      if (name !== undefined && value !== undefined) values[name] = value;
    }
    return this.open(new URL(form[1]!.replace(/&amp;/g, '&'), page.url).toString(), { ...values, ...fields });
  }
}

describe('borderlink login (device flow, demo identity provider)', () => {
  const [reader] = demoPeople(NODE);
  let idp: DemoIdentityProvider;
  let dir: string;
  let node: Server;
  let authorization: string | undefined;

  beforeAll(async () => {
    idp = await startDemoIdentityProvider({ people: [reader!] });
    dir = await mkdtemp(join(tmpdir(), 'bl-device-login-'));
    // Stands in for the node: answers the inbox and keeps the credentials it was sent.
    node = createServer((request, response) => {
      authorization = request.headers.authorization;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end('{"items":[]}');
    });
    await new Promise<void>((resolve) => node.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(node.address() as AddressInfo).port}`;
    await writeFile(
      join(dir, 'stack.json'),
      JSON.stringify({
        identityProvider: { issuer: idp.issuer, clientId: DEMO_CLIENT_ID },
        nodes: [{ id: NODE, url, audience: nodeAudience(NODE), apiKey: 'blk_demo', logins: [] }],
      }),
    );
  });
  afterAll(async () => {
    await idp.stop();
    node.closeAllConnections();
    await new Promise((resolve) => node.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  it('signs a person in by the code shown, keeps the token for its owner only, and acts with it', async () => {
    let err = '';
    let out = '';
    const login = runCli(['login', '--stack', dir, '--config-dir', join(dir, 'config')], {
      out: (text) => (out += text),
      err: (text) => (err += text),
    });
    const link = await waitFor(() => /open (\S+)\n/.exec(err)?.[1], {
      timeoutMs: 10_000,
      what: 'the device code',
    });
    const code = /enter the code (\S+)/.exec(err)?.[1];
    expect(link).toContain(`user_code=${code}`);

    const browser = new Browser();
    const entered = await browser.submit(await browser.open(link));
    expect(entered.html).toContain(`Is the command line showing ${code}?`);
    const signIn = await browser.submit(entered);
    const done = await browser.submit(signIn, { user: reader!.user, password: reader!.password });
    expect(done.html).toContain('Signed in: go back to the command line');

    await expect(login).resolves.toBe(0);
    expect(out).toMatch(new RegExp(`^signed in to ${NODE} as ${reader!.user} until `));
    const tokens = join(dir, 'config', 'tokens.json');
    expect((await stat(tokens)).mode & 0o777).toBe(0o600);
    const saved = Object.values(
      JSON.parse(await readFile(tokens, 'utf8')) as Record<string, { accessToken: string }>,
    );

    const inbox = await runCli(['inbox', '--stack', dir, '--config-dir', join(dir, 'config')], {
      out: () => undefined,
      err: (text) => (err += text),
    });
    expect(inbox).toBe(0);
    expect(authorization).toBe(`Bearer ${saved[0]!.accessToken}`);
  });
});
