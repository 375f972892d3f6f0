import { readFile, stat } from 'node:fs/promises';
import { connect } from 'node:net';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { connect as connectNats } from '@nats-io/transport-node';
import {
  answersOk,
  CONSOLE_AUDIENCE,
  type StackConsole,
  type StackExit,
  type StackIdentityProvider,
  type StackNode,
} from '#stack';
import { waitFor } from '#testing';
import { useE2eStack } from './support/e2e-stack.js';
import { EXAMPLE_ALERT } from './support/messages.js';

/** `.data/stack.json`, as a script reads it. */
interface StackFile {
  nats: string;
  natsCa: string;
  redis: string;
  identityProvider: StackIdentityProvider;
  hub: { url: string };
  console: StackConsole;
  nodes: StackNode[];
}

/** An access token for a demo person to `audience` (a node's, or the console's), as the README's walkthrough asks. */
async function tokenFor(
  file: StackFile,
  audience: StackNode | string,
  user: string,
  password: string,
): Promise<string> {
  const { tokenEndpoint, grantType, clientId } = file.identityProvider;
  const response = await fetch(tokenEndpoint, {
    method: 'POST',
    body: new URLSearchParams({
      grant_type: grantType,
      client_id: clientId,
      resource: typeof audience === 'string' ? audience : audience.audience,
      username: user,
      password,
    }),
  });
  const body = (await response.json()) as { access_token: string };
  return body.access_token;
}

describe('the stack launcher of `borderlink up` (whole processes)', () => {
  const e2e = useE2eStack(['kz-border', 'unodc']);

  it('writes stack.json with the servers, the identity provider and each node with its demo credentials', async () => {
    const { stack } = e2e();
    const file = JSON.parse(await readFile(stack.paths.stackFile, 'utf8')) as StackFile;

    expect(file).toEqual({
      nats: stack.summary.nats,
      natsCa: join(stack.paths.tls, 'ca.pem'),
      redis: stack.summary.redis,
      identityProvider: stack.summary.identityProvider,
      hub: { url: stack.summary.hub.url },
      console: stack.summary.console,
      nodes: stack.summary.nodes,
    });
    expect(file.console.logins.map((login) => login.user)).toEqual(['operator', 'operator2']);
    expect((await stat(stack.paths.stackFile)).mode & 0o777).toBe(0o600);
    expect(file.nodes.map((node) => node.id)).toEqual(['kz-border', 'unodc']);
    for (const node of file.nodes) {
      expect(node.desk).toBe(`${node.url}/desk/`);
      expect(node.apiKey).toMatch(/^blk_/);
      expect(node.logins.map((login) => login.user)).toEqual(
        ['reader', 'author', 'supervisor', 'supervisor2', 'admin'].map((role) => `${node.id}-${role}`),
      );
    }
  }, 30_000);

  it('answers only its bare health without credentials, and the rest with the credentials in stack.json', async () => {
    const { stack } = e2e();
    const file = JSON.parse(await readFile(stack.paths.stackFile, 'utf8')) as StackFile;
    for (const url of [`${file.hub.url}/healthz`, `${file.hub.url}/metrics`]) {
      await expect(answersOk(url)).resolves.toBe(true);
    }
    for (const node of file.nodes) {
      await expect(answersOk(`${node.url}/healthz`)).resolves.toBe(true);
      const admin = node.logins.find((login) => login.user.endsWith('-admin'))!;
      const token = await tokenFor(file, node, admin.user, admin.password);
      for (const path of ['/docs', '/docs-json', '/metrics', '/healthz/details', '/v1/inbox']) {
        const anonymous = await fetch(`${node.url}${path}`);
        expect({ path, status: anonymous.status }).toEqual({ path, status: 401 });
        const withKey = await fetch(`${node.url}${path}`, {
          headers: { authorization: `Bearer ${node.apiKey}` },
        });
        expect({ path, status: withKey.status }).toEqual({ path, status: 200 });
        await withKey.body?.cancel();
      }
      const asAdmin = await fetch(`${node.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
      expect(asAdmin.status).toBe(200);
      await asAdmin.body?.cancel();
    }
  }, 30_000);

  it('runs the operations console after the hub: its health open, its API to operators only', async () => {
    const { stack } = e2e();
    const file = JSON.parse(await readFile(stack.paths.stackFile, 'utf8')) as StackFile;
    expect(file.console.url).toBe(stack.console.url);
    await expect(answersOk(`${file.console.url}/healthz`)).resolves.toBe(true);
    const anonymous = await fetch(`${file.console.url}/v1/network`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toEqual({ error: 'unauthenticated', reason: 'no credentials' });
    const operator = file.console.logins[0]!;
    const token = await tokenFor(file, CONSOLE_AUDIENCE, operator.user, operator.password);
    const me = await fetch(`${file.console.url}/v1/me`, { headers: { authorization: `Bearer ${token}` } });
    expect(await me.json()).toEqual({ user: 'operator', roles: ['operator'] });
    const reader = file.nodes[0]!.logins[0]!;
    const notOperator = await tokenFor(file, CONSOLE_AUDIENCE, reader.user, reader.password);
    const refused = await fetch(`${file.console.url}/v1/me`, {
      headers: { authorization: `Bearer ${notOperator}` },
    });
    expect(refused.status).toBe(403);
    await refused.body?.cancel();

    const asOperator = { headers: { authorization: `Bearer ${token}` } };
    const nats = (await (await fetch(`${file.console.url}/v1/nats`, asOperator)).json()) as {
      source: string;
      servers: { version: string }[];
      jetstream: { streams: number };
    };
    // The stack's own NATS has a loopback monitoring endpoint for the console.
    expect(nats.source).toBe('monitoring');
    expect(nats.servers[0]?.version).toMatch(/^2\./);
    expect(nats.jetstream.streams).toBeGreaterThan(0);
    await waitFor(
      async () => {
        const network = (await (await fetch(`${file.console.url}/v1/network`, asOperator)).json()) as {
          nodes: { id: string; status: string }[];
        };
        return network.nodes.find((node) => node.id === 'kz-border')?.status === 'live' || undefined;
      },
      { timeoutMs: 30_000, what: "kz-border's heartbeat at the console" },
    );
  }, 60_000);

  it('runs the README walkthrough with the logins in stack.json: an author sends, a reader receives it naming the author', async () => {
    const { stack } = e2e();
    const file = JSON.parse(await readFile(stack.paths.stackFile, 'utf8')) as StackFile;
    const [kz, unodc] = ['kz-border', 'unodc'].map((id) => file.nodes.find((node) => node.id === id)!);
    const login = (node: StackNode, role: string) => {
      const person = node.logins.find((entry) => entry.user === `${node.id}-${role}`)!;
      return tokenFor(file, node, person.user, person.password);
    };
    const posted = await fetch(`${kz!.url}/v1/alerts`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await login(kz!, 'author')}`, 'content-type': 'application/json' },
      body: JSON.stringify({ ...EXAMPLE_ALERT, addressees: { nodes: ['unodc'] } }),
    });
    expect(posted.status).toBe(202);
    const { id } = (await posted.json()) as { id: string };
    const reader = await login(unodc!, 'reader');
    const item = await waitFor(
      async () => {
        const answer = await fetch(`${unodc!.url}/v1/inbox`, {
          headers: { authorization: `Bearer ${reader}` },
        });
        const { items } = (await answer.json()) as { items: { id: string }[] };
        return items.find((entry) => entry.id === id);
      },
      { what: `alert ${id} in the inbox of unodc` },
    );
    expect(item).toMatchObject({ verified: true, message: { actor: 'person:kz-border-author' } });
  }, 30_000);

  it('is not reachable on any address of the machine but loopback', async () => {
    const { stack } = e2e();
    const external = Object.values(networkInterfaces())
      .flat()
      // Link-local IPv6 addresses need a scope to be dialled; the others are enough to tell.
      .filter((address) => address !== undefined && !address.internal && !address.address.startsWith('fe80:'))
      .map((address) => address!.address);
    for (const { url } of [...stack.summary.nodes, stack.summary.console]) {
      const { port } = new URL(url);
      for (const host of external) {
        const answer = await new Promise<string>((resolve) => {
          const socket = connect({ host, port: Number(port), timeout: 2_000 });
          socket.once('connect', () => resolve('connected'));
          socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
          socket.once('timeout', () => resolve('timeout'));
        });
        expect({ host, port, answer }).toEqual({ host, port, answer: 'ECONNREFUSED' });
      }
    }
  }, 30_000);

  it('runs its NATS on TLS only: a plaintext client is refused; one trusting the CA in stack.json gets past TLS to authentication', async () => {
    const { stack, nats } = e2e();
    expect(stack.summary.nats).toMatch(/^tls:\/\//);
    await expect(connectNats({ servers: nats.url, tls: null, reconnect: false })).rejects.toThrow();
    await expect(connectNats({ servers: nats.url, tls: {}, reconnect: false })).rejects.toThrow(
      /certificate/,
    );
    // Trusted, it still has to authenticate: the stack's server takes only the registry's keys.
    await expect(
      connectNats({ servers: nats.url, tls: { caFile: stack.summary.natsCa }, reconnect: false }),
    ).rejects.toThrow(/Authorization Violation/);
  }, 30_000);

  it('reports a node that dies on its own, with its name, how it ended and its log', async () => {
    const { stack } = e2e();
    const died = new Promise<StackExit>((resolve) => stack.onUnexpectedExit(resolve));
    const unodc = stack.nodes.get('unodc')!;

    process.kill(unodc.pid!, 'SIGKILL');

    await expect(died).resolves.toEqual({
      name: 'unodc',
      code: null,
      signal: 'SIGKILL',
      logFile: unodc.spec.logFile,
    });
  }, 30_000);
});
