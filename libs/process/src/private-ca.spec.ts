import { X509Certificate } from 'node:crypto';
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateTls } from './private-ca.js';

describe('privateTls', () => {
  let dir: string;
  beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'bl-private-ca-'))));
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('issues a certificate for the hosts, signed by a new CA, with owner-only keys', async () => {
    const files = await privateTls({ dir, hosts: ['localhost', '127.0.0.1', 'nats'] });
    const ca = new X509Certificate(await readFile(files.caFile));
    const cert = new X509Certificate(await readFile(files.certFile));
    expect(ca.ca).toBe(true);
    expect(cert.ca).toBe(false);
    expect(cert.verify(ca.publicKey)).toBe(true);
    expect(cert.checkHost('nats')).toBe('nats');
    expect(cert.checkIP('127.0.0.1')).toBe('127.0.0.1');
    expect(cert.checkHost('hub')).toBeUndefined();
    for (const key of [files.keyFile, join(dir, 'ca-key.pem')])
      expect((await stat(key)).mode & 0o777).toBe(0o600);
  });

  it('keeps what exists, and issues a missing certificate with the same CA', async () => {
    const first = await privateTls({ dir });
    const ca = await readFile(first.caFile, 'utf8');
    const cert = await readFile(first.certFile, 'utf8');
    expect(await readFile((await privateTls({ dir })).certFile, 'utf8')).toBe(cert);
    await rm(first.certFile);
    const again = await privateTls({ dir });
    expect(await readFile(again.caFile, 'utf8')).toBe(ca);
    expect(await readFile(again.certFile, 'utf8')).not.toBe(cert);
    const client = await privateTls({ dir, name: 'client', hosts: [] });
    expect(
      new X509Certificate(await readFile(client.certFile)).verify(new X509Certificate(ca).publicKey),
    ).toBe(true);
  });
});
