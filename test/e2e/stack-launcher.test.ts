import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { connect } from '@nats-io/transport-node';
import { answersOk, type StackExit } from '#stack';
import { useE2eStack } from './support/e2e-stack.js';

describe('the stack launcher of `borderlink up` (whole processes)', () => {
  const e2e = useE2eStack(['kz-border', 'unodc']);

  it('writes stack.json with URLs that answer: API docs, health and metrics of each node, the hub', async () => {
    const { stack } = e2e();
    const file = JSON.parse(await readFile(stack.paths.stackFile, 'utf8')) as {
      nats: string;
      natsCa: string;
      redis: string;
      hub: { url: string };
      nodes: { id: string; url: string }[];
    };

    expect(file).toEqual({
      nats: stack.summary.nats,
      natsCa: join(stack.paths.tls, 'ca.pem'),
      redis: stack.summary.redis,
      hub: { url: stack.summary.hub.url },
      nodes: stack.summary.nodes,
    });
    expect(file.nodes.map((node) => node.id)).toEqual(['kz-border', 'unodc']);
    for (const url of [`${file.hub.url}/healthz`, `${file.hub.url}/metrics`]) {
      await expect(answersOk(url)).resolves.toBe(true);
    }
    for (const { url } of file.nodes) {
      for (const path of ['/docs', '/healthz', '/metrics', '/v1/inbox']) {
        expect({ url: `${url}${path}`, ok: await answersOk(`${url}${path}`) }).toEqual({
          url: `${url}${path}`,
          ok: true,
        });
      }
    }
  }, 30_000);

  it('runs its NATS on TLS only: a plaintext client is refused; one trusting the CA in stack.json gets past TLS to authentication', async () => {
    const { stack, nats } = e2e();
    expect(stack.summary.nats).toMatch(/^tls:\/\//);
    await expect(connect({ servers: nats.url, tls: null, reconnect: false })).rejects.toThrow();
    await expect(connect({ servers: nats.url, tls: {}, reconnect: false })).rejects.toThrow(/certificate/);
    // Trusted, it still has to authenticate: the stack's server takes only the registry's keys.
    await expect(
      connect({ servers: nats.url, tls: { caFile: stack.summary.natsCa }, reconnect: false }),
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
