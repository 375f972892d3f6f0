import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { findBinary } from './binaries.js';
import { CertificateError, MissingBinaryError } from './process.errors.js';

const run = promisify(execFile);

/** The files a TLS server or client needs from a private CA: the CA's certificate, its own and its key. */
export interface TlsFiles {
  /** The CA certificate (PEM) that peers verify this party's certificate against. */
  caFile: string;
  /** This party's certificate (PEM), issued by the CA. */
  certFile: string;
  /** Its private key (PEM, owner-only). */
  keyFile: string;
}

/** Where {@link privateTls} writes, and for which names its certificate is valid. */
export interface PrivateTlsOptions {
  /** Folder of the CA and the certificates (created owner-only when missing). */
  dir: string;
  /** DNS names and IP addresses the certificate is valid for; default `localhost` and `127.0.0.1`. */
  hosts?: readonly string[];
  /** The certificate's file name stem: `<name>.pem` and `<name>-key.pem`; default `nats`. */
  name?: string;
}

const CA_DAYS = 3650;
const CERT_DAYS = 825;
// A certificate expiring within this many seconds is issued afresh.
const RENEW_WITHIN_S = 30 * 24 * 3600;
const DEFAULT_HOSTS = ['localhost', '127.0.0.1'];
const CURVE = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
const INSTALL_HINT = 'Install it (Debian/Ubuntu: apt-get install openssl).';

/**
 * A private certificate authority in `dir` (`ca.pem`, `ca-key.pem`) and a certificate it issued
 * (`<name>.pem`, `<name>-key.pem`) for the `hosts`, made with the openssl binary: EC P-256 keys,
 * the certificate good for serving TLS and for presenting itself as a client (NATS cluster routes
 * dial each other with it). What exists is kept; a missing or nearly expired certificate is issued
 * again by the existing CA, so clients that trust `ca.pem` keep working.
 * @throws MissingBinaryError when openssl is not installed; CertificateError when it fails.
 */
export async function privateTls(options: PrivateTlsOptions): Promise<TlsFiles> {
  const openssl = findOpenssl();
  const { dir } = options;
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const caFile = join(dir, 'ca.pem');
  const caKeyFile = join(dir, 'ca-key.pem');
  if (!existsSync(caFile) || !existsSync(caKeyFile)) await createCa(openssl, caFile, caKeyFile);
  const name = options.name ?? 'nats';
  const certFile = join(dir, `${name}.pem`);
  const keyFile = join(dir, `${name}-key.pem`);
  if (!existsSync(keyFile) || !(await validFor(openssl, certFile, RENEW_WITHIN_S))) {
    await issue(openssl, {
      caFile,
      caKeyFile,
      certFile,
      keyFile,
      name,
      hosts: options.hosts ?? DEFAULT_HOSTS,
    });
  }
  return { caFile, certFile, keyFile };
}

function findOpenssl(): string {
  try {
    return findBinary('openssl');
  } catch (error) {
    if (error instanceof MissingBinaryError) throw new MissingBinaryError('openssl', ['PATH'], INSTALL_HINT);
    throw error;
  }
}

async function openssl(binary: string, args: readonly string[]): Promise<void> {
  try {
    await run(binary, [...args], { timeout: 30_000 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr ?? '';
    throw new CertificateError(`openssl ${args[0]} failed: ${stderr.trim() || String(error)}`, {
      cause: error,
    });
  }
}

// Written under temporary names and renamed, so an interrupted run never leaves half a CA behind.
async function createCa(binary: string, caFile: string, caKeyFile: string): Promise<void> {
  const [cert, key] = [`${caFile}.tmp`, `${caKeyFile}.tmp`];
  await openssl(binary, [
    'req',
    '-x509',
    ...CURVE,
    '-keyout',
    key,
    '-out',
    cert,
    '-days',
    String(CA_DAYS),
    '-sha256',
    '-subj',
    '/CN=Borderlink private CA',
    '-addext',
    'basicConstraints=critical,CA:true',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  ]);
  await chmod(key, 0o600);
  await rename(key, caKeyFile);
  await rename(cert, caFile);
}

interface IssueInput {
  caFile: string;
  caKeyFile: string;
  certFile: string;
  keyFile: string;
  name: string;
  hosts: readonly string[];
}

async function issue(binary: string, input: IssueInput): Promise<void> {
  const base = `${input.certFile}.${process.pid}`;
  const [csr, extensions, cert, key] = [`${base}.csr`, `${base}.ext`, `${base}.tmp`, `${base}.key`];
  const names = input.hosts.map((host) => (isIP(host) === 0 ? `DNS:${host}` : `IP:${host}`));
  await writeFile(
    extensions,
    [
      'basicConstraints=critical,CA:false',
      'keyUsage=critical,digitalSignature,keyEncipherment',
      'extendedKeyUsage=serverAuth,clientAuth',
      ...(names.length === 0 ? [] : [`subjectAltName=${names.join(',')}`]),
      '',
    ].join('\n'),
  );
  try {
    await openssl(binary, [
      'req',
      '-new',
      ...CURVE,
      '-keyout',
      key,
      '-out',
      csr,
      '-subj',
      `/CN=${input.name}`,
    ]);
    await openssl(binary, [
      'x509',
      '-req',
      '-in',
      csr,
      '-CA',
      input.caFile,
      '-CAkey',
      input.caKeyFile,
      '-set_serial',
      `0x${randomBytes(16).toString('hex')}`,
      '-days',
      String(CERT_DAYS),
      '-sha256',
      '-extfile',
      extensions,
      '-out',
      cert,
    ]);
    await chmod(key, 0o600);
    await rename(key, input.keyFile);
    await rename(cert, input.certFile);
  } finally {
    await Promise.all([csr, extensions, cert, key].map((file) => rm(file, { force: true })));
  }
}

// Whether `certFile` exists and stays valid for `seconds` more.
async function validFor(binary: string, certFile: string, seconds: number): Promise<boolean> {
  if (!existsSync(certFile)) return false;
  try {
    await run(binary, ['x509', '-in', certFile, '-noout', '-checkend', String(seconds)], { timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}
