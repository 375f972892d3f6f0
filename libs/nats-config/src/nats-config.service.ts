import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { isSiteId, loadRegistry, siteMembers, type Registry } from '#registry';
import { isUserPublicKey } from '#trust';
import { leafSecrets } from './leaf-secrets.js';
import { hubAccounts, leafUserOf, nodeAccount, siteAccounts, type NatsAccount } from './nats-accounts.js';
import { renderNatsConfig, type LeafRemote, type ServerTls } from './nats-config-text.js';
import { NatsConfigError } from './nats-config.errors.js';

/** Options of {@link natsConfigOf} and {@link writeNatsConfig}. */
export interface NatsConfigOptions {
  /** The enrolled registry (with public keys), e.g. `.data/registry.yaml`. */
  registry: string;
  /**
   * The server's certificate and key, for every link it offers (clients, the leaf listener); its CA
   * file verifies the hub at a site, and client certificates with `verifyClients`. Required: no
   * configuration is generated without TLS.
   */
  tls: ServerTls;
  /** Client address `host:port` written as `listen`. */
  listen?: string;
  /** JetStream store folder. */
  storeDir?: string;
  /** Monitoring address `host:port`. */
  monitor?: string;
  /** fsync every JetStream write (nats-server 2.10+). */
  syncAlways?: boolean;
  /** Public keys (`U…`) of operator users with full access. */
  operatorKeys?: readonly string[];
  /** Hub: leaf node address `host:port` that national sites connect to (needs `leafSites`). */
  leafListen?: string;
  /** Hub: the national sites (`kz`) whose leaf servers may connect. */
  leafSites?: readonly string[];
  /** Render the leaf server configuration of this national site (`kz`) instead of the hub's. */
  site?: string;
  /** Site: the hub's leaf node address, `tls://host:port` (or `nats-leaf://host:port`, the same over TLS). */
  hubUrl?: string;
  /** Folder of the sites' leaf secrets (`<site>.leaf`, created when missing). */
  leafSecretsDir?: string;
}

/** What {@link natsConfigOf} needs besides the registry: the options, and the sites' leaf secrets. */
export type NatsConfigSettings = Omit<NatsConfigOptions, 'registry' | 'leafSecretsDir'> & {
  source?: string;
  /** Leaf secret of each site named by `leafSites` or `site`. */
  leafSecrets?: ReadonlyMap<string, string>;
};

/** A generated configuration and what the operator should know about it. */
export interface NatsConfig {
  text: string;
  /** How many nkey users it defines. */
  users: number;
  /** Registry nodes (of the site, for a site) without a usable key: they cannot connect until enrolled. */
  nodesWithoutKeys: string[];
  /** True when it holds a leaf secret, so it must be kept like a seed. */
  secret: boolean;
}

/** Default folder of the sites' leaf secrets. */
export const DEFAULT_LEAF_SECRETS_DIR = '.data/leaf-secrets';

const LISTEN = /^[^\s:]+:\d{1,5}$/;
const LEAF_URL = /^(?:tls|nats-leaf):\/\/([^\s:/@]+:\d{1,5})$/;

/**
 * The nats-server configuration of a registry (see `renderNatsConfig`): the hub's (with a leaf node
 * listener when `leafListen` is set), or with `site` that national site's leaf server (its nodes'
 * accounts, and one leaf connection to the hub per account with the site's credential).
 * @throws NatsConfigError for a malformed address, key or site, or options that do not go together;
 *   RegistryError for the registry.
 */
export function natsConfigOf(registry: Registry, options: NatsConfigSettings): NatsConfig {
  checkOptions(registry, options);
  const { site, hubUrl } = options;
  let accounts: NatsAccount[];
  let leafRemotes: LeafRemote[] | undefined;
  if (site === undefined) {
    const leafSites = new Map((options.leafSites ?? []).map((id) => [id, secretOf(options, id)]));
    accounts = hubAccounts(registry, { operatorKeys: options.operatorKeys, leafSites });
  } else {
    accounts = siteAccounts(registry, site);
    const secret = secretOf(options, site);
    leafRemotes = siteMembers(registry.nodes, site).map((node) => ({
      url: leafUrl(hubUrl ?? '', node, secret),
      account: nodeAccount(node),
    }));
  }
  const users = accounts.flatMap((account) => account.users);
  const withKeys = new Set(users.map((user) => user.owner));
  const expected =
    site === undefined ? registry.nodes.map((node) => node.id) : siteMembers(registry.nodes, site);
  return {
    text: renderNatsConfig({
      accounts,
      tls: options.tls,
      jetstream: site === undefined,
      listen: options.listen,
      storeDir: options.storeDir,
      monitor: options.monitor,
      syncAlways: options.syncAlways,
      source: options.source,
      leafListen: options.leafListen,
      leafRemotes,
    }),
    users: users.length,
    nodesWithoutKeys: expected.filter((id) => !withKeys.has(id)),
    secret: accounts.some((account) => account.leafUsers.length > 0) || leafRemotes !== undefined,
  };
}

/**
 * The configuration of the registry file in `options.registry`, with the sites' leaf secrets read
 * from (or created in) `options.leafSecretsDir` when it has leaf nodes.
 */
export async function loadNatsConfig(options: NatsConfigOptions): Promise<NatsConfig> {
  const registry = loadRegistry(options.registry);
  // Checked first, so that no secret is created for a site that turns out not to exist.
  checkOptions(registry, options);
  const sites = options.site === undefined ? (options.leafSites ?? []) : [options.site];
  const secrets =
    sites.length === 0
      ? undefined
      : await leafSecrets(options.leafSecretsDir ?? DEFAULT_LEAF_SECRETS_DIR, sites);
  return natsConfigOf(registry, { ...options, source: options.registry, leafSecrets: secrets });
}

/**
 * `borderlink nats-config`: reads the registry and writes its server configuration to `out`
 * (atomically, so a server reloading it never reads half a file; owner-only when it holds a secret).
 */
export async function writeNatsConfig(options: NatsConfigOptions, out: string): Promise<NatsConfig> {
  const config = await loadNatsConfig(options);
  await mkdir(dirname(out), { recursive: true });
  const temporary = `${out}.${process.pid}.tmp`;
  await writeFile(temporary, config.text, config.secret ? { mode: 0o600 } : {});
  await rename(temporary, out);
  return config;
}

function checkOptions(registry: Registry, options: Omit<NatsConfigOptions, 'registry'>): void {
  for (const [flag, value] of [
    ['--listen', options.listen],
    ['--monitor', options.monitor],
    ['--leaf-listen', options.leafListen],
  ] as const) {
    if (value !== undefined && !LISTEN.test(value)) {
      throw new NatsConfigError(`${flag} takes host:port, e.g. 127.0.0.1:4222 (got "${value}")`);
    }
  }
  const badKey = (options.operatorKeys ?? []).find((key) => !isUserPublicKey(key));
  if (badKey !== undefined) throw new NatsConfigError(`"${badKey}" is not an nkey user public key (U…)`);
  checkTls(options.tls, options.site !== undefined);
  if (options.site !== undefined && options.leafListen !== undefined)
    throw new NatsConfigError('--site renders a site leaf server; --leaf-listen belongs to the hub');
  if (options.site !== undefined) {
    const hubOnly = [
      ['--store-dir', options.storeDir !== undefined],
      ['--sync-always', options.syncAlways === true],
      ['--operator-key', (options.operatorKeys ?? []).length > 0],
    ] as const;
    const given = hubOnly.filter(([, set]) => set).map(([flag]) => flag);
    if (given.length > 0)
      throw new NatsConfigError(
        `${given.join(', ')} belong to the hub's servers: a site's leaf server stores nothing and has no operators`,
      );
  }
  if ((options.leafSites ?? []).length > 0 !== (options.leafListen !== undefined))
    throw new NatsConfigError('--leaf-listen and --leaf-site go together');
  if ((options.site === undefined) !== (options.hubUrl === undefined))
    throw new NatsConfigError('--site and --hub-url go together');
  if (options.hubUrl !== undefined && !LEAF_URL.test(options.hubUrl))
    throw new NatsConfigError(`--hub-url takes tls://host:port (got "${options.hubUrl}")`);
  for (const site of [...(options.leafSites ?? []), ...(options.site === undefined ? [] : [options.site])]) {
    if (!isSiteId(site) || siteMembers(registry.nodes, site).length === 0)
      throw new NatsConfigError(
        `"${site}" is not a site: a lowercase country code of registry nodes, e.g. kz`,
      );
  }
}

function secretOf(options: NatsConfigSettings, site: string): string {
  const secret = options.leafSecrets?.get(site);
  if (secret === undefined) throw new NatsConfigError(`no leaf secret for site ${site}`);
  return secret;
}

function checkTls(tls: ServerTls | undefined, site: boolean): void {
  if (tls === undefined || tls.certFile === '' || tls.keyFile === '')
    throw new NatsConfigError('--tls-cert and --tls-key are required: every link of the server is TLS');
  if (tls.verifyClients === true && tls.caFile === undefined)
    throw new NatsConfigError('--tls-verify needs --tls-ca, the CA that signs the client certificates');
  if (site && tls.caFile === undefined)
    throw new NatsConfigError("--site needs --tls-ca, the CA the site verifies the hub's certificate with");
}

// nats-server 2.9 authenticates a soliciting leaf node only by the user and password in its URL;
// the remote verifies the hub's certificate first, so they cross the link encrypted only.
function leafUrl(hubUrl: string, node: string, secret: string): string {
  const address = LEAF_URL.exec(hubUrl)?.[1] ?? '';
  return `tls://${leafUserOf(node)}:${secret}@${address}`;
}
