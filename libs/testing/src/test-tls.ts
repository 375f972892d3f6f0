import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { privateTls, type TlsFiles } from '#process';

/** A throwaway CA with a certificate for servers on loopback and one for a client. */
export interface TestTls extends TlsFiles {
  /** The folder holding them. */
  dir: string;
  /** A client certificate from the same CA, for servers that require one. */
  client: TlsFiles;
}

let made: Promise<TestTls> | undefined;

/**
 * The TLS files of this test file's servers and clients: a private CA and certificates for
 * `localhost` and `127.0.0.1`, made on first use and shared by every server of the test file (jest
 * loads modules once per test file), so that TLS costs a few milliseconds per suite.
 */
export function testTls(): Promise<TestTls> {
  made ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bl-tls-'));
    const server = await privateTls({ dir });
    const client = await privateTls({ dir, name: 'client', hosts: [] });
    return { ...server, dir, client };
  })();
  return made;
}

/** Removes the files of {@link testTls}, once the test file is done with its servers. */
export async function removeTestTls(): Promise<void> {
  const making = made;
  made = undefined;
  const tls = await making?.catch(() => undefined);
  if (tls !== undefined) await rm(tls.dir, { recursive: true, force: true });
}
