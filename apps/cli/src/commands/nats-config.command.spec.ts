import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringifyRegistry } from '#registry';
import { generateNodeKey } from '#trust';
import { hubKey, registry, sites } from '../../../../libs/nats-config/test/nats-config.fixtures.js';
import { runCli } from '../program.js';

const tls = ['--tls-cert', 'tls/nats.pem', '--tls-key', 'tls/nats-key.pem', '--tls-ca', 'tls/ca.pem'];

describe('borderlink nats-config', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'borderlink-nats-config-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the configuration of an enrolled registry and warns about nodes without keys', async () => {
    const file = join(dir, 'registry.yaml');
    const out = join(dir, 'nats.conf');
    writeFileSync(file, stringifyRegistry(registry));
    let stdout = '';
    let stderr = '';
    const code = await runCli(
      [
        'nats-config',
        '--registry',
        file,
        '--out',
        out,
        '--operator-key',
        generateNodeKey().publicKey,
        ...tls,
      ],
      {
        out: (text) => (stdout += text),
        err: (text) => (stderr += text),
      },
    );
    expect(code).toBe(0);
    expect(stdout).toBe(`Wrote ${out}: 3 nkey users from ${file}.\n`);
    expect(stderr).toMatch(/no usable public key, so no NATS user, for: unodc/);
    expect(readFileSync(out, 'utf8')).toContain(`nkey: "${hubKey.publicKey}"`);
  });

  it('refuses to write a configuration without TLS', async () => {
    const file = join(dir, 'registry.yaml');
    writeFileSync(file, stringifyRegistry(registry));
    let stderr = '';
    const io = { out: () => undefined, err: (text: string) => (stderr += text) };
    expect(await runCli(['nats-config', '--registry', file], io)).toBe(2);
    expect(stderr).toMatch(/--tls-cert and --tls-key are required/);
  });

  it("renders the hub's and a site's configuration with one shared leaf secret, kept owner-only", async () => {
    const file = join(dir, 'registry.yaml');
    const secrets = join(dir, 'leaf-secrets');
    writeFileSync(file, stringifyRegistry(sites));
    const io = { out: () => undefined, err: () => undefined };
    const common = ['--registry', file, '--leaf-secrets', secrets, ...tls];
    const hubOut = join(dir, 'hub.conf');
    const siteOut = join(dir, 'kz.conf');
    expect(
      await runCli(
        ['nats-config', ...common, '--leaf-listen', '0.0.0.0:7422', '--leaf-site', 'kz', '--out', hubOut],
        io,
      ),
    ).toBe(0);
    expect(
      await runCli(
        ['nats-config', ...common, '--site', 'kz', '--hub-url', 'tls://hub:7422', '--out', siteOut],
        io,
      ),
    ).toBe(0);
    const shared = readFileSync(join(secrets, 'kz.leaf'), 'utf8').trim();
    expect(shared).toMatch(/^[\w-]{43}$/);
    expect(readFileSync(hubOut, 'utf8')).toContain(`password: "${shared}"`);
    expect(readFileSync(siteOut, 'utf8')).toContain(`tls://leaf-kz-customs:${shared}@hub:7422`);
    for (const secretFile of [hubOut, siteOut, join(secrets, 'kz.leaf')])
      expect(statSync(secretFile).mode & 0o777).toBe(0o600);
  });
});
