import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../program.js';
import { natsSourceOf } from './nats-options.js';

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

interface FakeNode {
  url: string;
  server: Server;
  requests: { method: string; url: string; authorization?: string; body: string }[];
}

/**
 * A real HTTP server answering every request with `status` and `body` (or a refusal for a request
 * body naming `refuse`), keeping what it was asked.
 */
async function node(status: number, body: unknown): Promise<FakeNode> {
  const requests: FakeNode['requests'] = [];
  const server = createServer((request: IncomingMessage, response) => {
    let text = '';
    request.on('data', (chunk) => (text += String(chunk)));
    request.on('end', () => {
      requests.push({
        method: request.method ?? '',
        url: request.url ?? '',
        ...(request.headers.authorization === undefined
          ? {}
          : { authorization: request.headers.authorization }),
        body: text,
      });
      const refused = text.includes('refuse');
      response.writeHead(refused ? 400 : status, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify(
          refused ? { error: 'invalid', violations: [{ field: 'incident', reason: 'refused' }] } : body,
        ),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests };
}

describe('borderlink agency commands', () => {
  let dir: string;
  let fake: FakeNode | undefined;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'borderlink-agency-'))));
  afterEach(async () => {
    rmSync(dir, { recursive: true, force: true });
    if (fake !== undefined) {
      fake.server.closeAllConnections();
      await new Promise((resolve) => fake!.server.close(resolve));
    }
    fake = undefined;
  });

  /** A stack.json like `npm start`'s, its first node at `url`. */
  function stackFile(url: string): string {
    const file = join(dir, 'stack.json');
    writeFileSync(
      file,
      JSON.stringify({
        nats: 'tls://127.0.0.1:14222',
        natsCa: join(dir, 'tls', 'ca.pem'),
        identityProvider: { issuer: 'http://127.0.0.1:1', tokenEndpoint: '', clientId: 'c', grantType: '' },
        nodes: [
          {
            id: 'kz-border',
            url,
            audience: 'urn:borderlink:node:kz-border',
            apiKey: 'blk_stack_key',
            logins: [],
          },
          {
            id: 'tj-border',
            url: `${url}/tj`,
            audience: 'urn:borderlink:node:tj-border',
            apiKey: 'blk_tj',
            logins: [],
          },
        ],
      }),
    );
    return file;
  }

  it("acknowledges with the stack's first node and demo key when given nothing but the id", async () => {
    fake = await node(202, { id: 'r1', status: 'accepted', duplicate: false });
    const result = await run('ack', 'm1', '--stack', stackFile(fake.url), '--config-dir', dir);
    expect(result).toEqual({
      code: 0,
      out: `acknowledged m1 (receipt r1 accepted by kz-border (${fake.url}))\n`,
      err: '',
    });
    expect(fake.requests).toEqual([
      {
        method: 'POST',
        url: '/v1/messages/m1/receipts',
        authorization: 'Bearer blk_stack_key',
        body: '{"kind":"acknowledged"}',
      },
    ]);
  });

  it('sends a file as an alert, or as a notice when its kind names one, with the key given', async () => {
    fake = await node(202, { id: 'a1', status: 'accepted', duplicate: false });
    const alert = join(dir, 'alert.json');
    const notice = join(dir, 'notice.json');
    writeFileSync(alert, JSON.stringify({ category: 'CATEGORY_EXPLOSIVES' }));
    writeFileSync(notice, JSON.stringify({ kind: 'NOTICE_KIND_MEETING' }));
    const result = await run('send', alert, notice, '--url', fake.url, '--api-key', 'blk_given');
    expect(result.code).toBe(0);
    expect(result.out).toBe(
      `alert a1 accepted by ${fake.url} (${alert})\nnotice a1 accepted by ${fake.url} (${notice})\n`,
    );
    expect(fake.requests.map((request) => [request.url, request.authorization])).toEqual([
      ['/v1/alerts', 'Bearer blk_given'],
      ['/v1/notices', 'Bearer blk_given'],
    ]);
  });

  it('draws a progress bar on the terminal for many files, reporting a refused one and sending the rest', async () => {
    fake = await node(202, { id: 'a1', status: 'accepted', duplicate: false });
    const files = ['one', 'two', 'three'].map((name) => join(dir, `${name}.json`));
    for (const file of files) writeFileSync(file, file.endsWith('two.json') ? '{"incident":"refuse"}' : '{}');
    let drawn = '';
    let out = '';
    let err = '';
    const terminal = { isTTY: true, columns: 120, write: (text: string) => (drawn += text) };
    const code = await runCli(['send', ...files, '--url', fake.url, '--api-key', 'k'], {
      out: (text) => (out += text),
      err: (text) => (err += text),
      progress: terminal as unknown as NodeJS.WriteStream,
    });
    expect(code).toBe(1);
    expect(drawn).toContain('3/3');
    expect(out).toBe(
      `alert a1 accepted by ${fake.url} (${files[0]})\nalert a1 accepted by ${fake.url} (${files[2]})\n`,
    );
    expect(err).toBe(
      `borderlink: ${files[1]}: POST /v1/alerts was refused (400 invalid): incident refused\n` +
        'borderlink: 1 of 3 files were refused (see above)\n',
    );
  });

  it("prints the node's refusal with its violations on one line, exit code 1", async () => {
    fake = await node(400, { error: 'invalid', violations: [{ field: 'texts', reason: 'is required' }] });
    const alert = join(dir, 'alert.json');
    writeFileSync(alert, '{}');
    const result = await run('send', alert, '--url', fake.url, '--api-key', 'k');
    expect(result).toEqual({
      code: 1,
      out: '',
      err: 'borderlink: POST /v1/alerts was refused (400 invalid): texts is required\n',
    });
  });

  it('says on one line that the node cannot be reached, and what to check', async () => {
    fake = await node(200, {});
    const url = fake.url;
    fake.server.closeAllConnections();
    await new Promise((resolve) => fake!.server.close(resolve));
    fake = undefined;
    const result = await run('inbox', '--url', url, '--api-key', 'k');
    expect(result.code).toBe(1);
    expect(result.err.trim().split('\n')).toHaveLength(1);
    expect(result.err).toMatch(
      new RegExp(
        `^borderlink: GET /v1/inbox could not reach ${url}: .*: is the node running \\(npm start\\)`,
      ),
    );
  });

  it('refuses bad arguments and unreadable files on one line, exit code 2', async () => {
    const missing = await run(
      'send',
      join(dir, 'none.json'),
      '--url',
      'http://127.0.0.1:1',
      '--api-key',
      'k',
    );
    expect(missing).toEqual({
      code: 2,
      out: '',
      err: `borderlink: cannot read ${join(dir, 'none.json')}: ENOENT\n`,
    });

    const notJson = join(dir, 'bad.json');
    writeFileSync(notJson, 'alert');
    expect((await run('send', notJson, '--url', 'http://127.0.0.1:1', '--api-key', 'k')).err).toMatch(
      /^borderlink: .*bad\.json is not JSON: .*\n$/,
    );

    const limit = await run('inbox', '--limit', 'many', '--url', 'http://127.0.0.1:1', '--api-key', 'k');
    expect(limit).toEqual({
      code: 2,
      out: '',
      err: 'borderlink: --limit takes a whole number from 1 to 200 (got "many")\n',
    });

    const noNode = await run('inbox', '--stack', join(dir, 'nowhere'));
    expect(noNode.code).toBe(2);
    expect(noNode.err).toMatch(/^borderlink: no stack summary at .*nowhere: start the stack \(npm start\)/);

    const unknownNode = await run('inbox', '--stack', stackFile('http://127.0.0.1:1'), '--node', 'xx');
    expect(unknownNode.err).toBe(
      `borderlink: the stack in ${join(dir, 'stack.json')} runs no node xx (it runs kz-border, tj-border): pass --node\n`,
    );
  });
});

describe("the operator commands' NATS", () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'borderlink-nats-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("default to the local stack's NATS, CA and operator seed, unless given", () => {
    writeFileSync(
      join(dir, 'stack.json'),
      JSON.stringify({ nats: 'tls://127.0.0.1:14222', natsCa: '/s/ca.pem', nodes: [] }),
    );
    writeFileSync(join(dir, 'operator.nk'), 'SU…');
    expect(natsSourceOf({ stack: dir })).toEqual({
      nats: 'tls://127.0.0.1:14222',
      ca: '/s/ca.pem',
      seed: join(dir, 'operator.nk'),
    });
    expect(natsSourceOf({ stack: dir, ca: '/mine.pem', creds: '/my.creds' })).toEqual({
      nats: 'tls://127.0.0.1:14222',
      ca: '/mine.pem',
      creds: '/my.creds',
    });
    expect(natsSourceOf({ stack: dir, nats: 'tls://hub:4222' })).toEqual({ nats: 'tls://hub:4222' });
  });
});
