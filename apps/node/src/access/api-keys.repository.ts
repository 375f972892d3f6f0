import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { createHash, timingSafeEqual } from 'node:crypto';
import { parseApiKey, readApiKeysFile, verifyApiKeySecret, type ApiKeyRecord } from '#access';
import { FileWatch, LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { Clock } from '../common/clock.js';
import { NodeConfig } from '../config/node.config.js';
import { TooManyRequestsError, UnauthenticatedError } from './access.errors.js';
import { API_KEY_ISSUER, type Principal } from './principal.js';

// The file is polled this often: a revocation takes effect on every instance within about 1.5 s.
const POLL_MS = 1_000;
const DEBOUNCE_MS = 200;

const digest = (secret: string): Buffer => createHash('sha256').update(secret).digest();

const servicePrincipal = (record: ApiKeyRecord): Principal => ({
  id: `service:${record.id}`,
  kind: 'service',
  issuer: API_KEY_ISSUER,
  subject: record.id,
  name: record.name,
  roles: record.roles,
  clearance: record.clearance,
});

/**
 * The node's API keys, from its keys file (NODE_API_KEYS_FILE), reread whenever the file changes
 * (or on SIGHUP); a changed file that does not parse, or names another node, is refused and the
 * keys read before stay. The id in a presented key finds its record; its secret is checked against
 * the record's scrypt hash once, after which a SHA-256 of it is remembered until the file changes,
 * so the slow hash is paid once per key and process rather than per request.
 */
@Injectable()
export class ApiKeysRepository implements OnModuleInit, OnApplicationShutdown {
  private records = new Map<string, ApiKeyRecord>();
  private verified = new Map<string, Buffer>();
  private watch?: FileWatch;

  constructor(
    private readonly config: NodeConfig,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    const path = this.config.NODE_API_KEYS_FILE;
    if (path === undefined) return;
    // At start an invalid file is fatal: the operator sees it at once.
    this.swap((await readApiKeysFile(path, this.config.NODE_ID)).keys);
    this.watch = new FileWatch(path, () => void this.reload(path), {
      pollMs: POLL_MS,
      debounceMs: DEBOUNCE_MS,
    });
    this.watch.start();
  }

  onApplicationShutdown(): void {
    this.watch?.stop();
  }

  /** The keys as listed to an administrator: no hashes. */
  list(): Omit<ApiKeyRecord, 'hash'>[] {
    return [...this.records.values()].map(({ hash: _hash, ...record }) => record);
  }

  /**
   * The service a presented API key stands for. With `slow` false, only a key whose secret this
   * process has checked already is taken: the caller's address has failed too often to be granted
   * another scrypt computation.
   * @throws UnauthenticatedError for an unknown, revoked or expired key or a wrong secret;
   *   TooManyRequestsError for a secret not checked yet when `slow` is false.
   */
  async verify(key: string, slow = true): Promise<Principal> {
    const parts = parseApiKey(key);
    const record = parts === undefined ? undefined : this.records.get(parts.id);
    if (parts === undefined || record === undefined) throw new UnauthenticatedError('unknown API key');
    if (record.revokedAt !== undefined) throw new UnauthenticatedError('the API key is revoked');
    if (Date.parse(record.expiresAt) <= this.clock.now().getTime()) {
      throw new UnauthenticatedError('the API key has expired');
    }
    const known = this.verified.get(record.id);
    const presented = digest(parts.secret);
    if (known === undefined || !timingSafeEqual(known, presented)) {
      if (!slow) throw new TooManyRequestsError('too many failed authentications from this address');
      if (!(await verifyApiKeySecret(parts.secret, record.hash)))
        throw new UnauthenticatedError('unknown API key');
      // The file may have changed while scrypt ran: remember only what is still current.
      if (this.records.get(record.id) === record) this.verified.set(record.id, presented);
    }
    return servicePrincipal(record);
  }

  /**
   * The service of key `id` as its record stands now, without its secret: undefined when the file
   * holds no such key, or it is revoked or expired. For work a key set up earlier (its webhooks).
   */
  current(id: string): Principal | undefined {
    const record = this.records.get(id);
    if (record === undefined || record.revokedAt !== undefined) return undefined;
    if (Date.parse(record.expiresAt) <= this.clock.now().getTime()) return undefined;
    return servicePrincipal(record);
  }

  private async reload(path: string): Promise<void> {
    try {
      this.swap((await readApiKeysFile(path, this.config.NODE_ID)).keys);
      this.logger.info({ file: path, keys: this.records.size }, 'API keys reloaded');
    } catch (error) {
      // A watcher's failure must not end the process: the keys read before stay in force.
      this.logger.error({ err: error, file: path }, 'API keys file refused; the keys read before stay');
    }
  }

  private swap(records: readonly ApiKeyRecord[]): void {
    this.records = new Map(records.map((record) => [record.id, record]));
    this.verified = new Map();
  }
}
