import { siteMembers, siteOf, type Registry, type RegistryNode } from '#registry';
import { siteFilter } from '#contracts';
import {
  hubPermissions,
  leafPermissions,
  nodeCapabilities,
  nodePermissions,
  operatorPermissions,
  siteNodePermissions,
  type NatsPermissions,
} from './nats-permissions.js';

/** One nkey user: a node's, the hub's or an operator's key. */
export interface NatsUser {
  /** The nkey user public key (`U…`). */
  nkey: string;
  /** Whom the key belongs to (a registry node id, or `operator`), written as a comment. */
  owner: string;
  permissions: NatsPermissions;
}

/** The password user a site's leaf server logs one node account's leaf connection in with. */
export interface LeafUser {
  /** `leaf-<node>`. */
  user: string;
  password: string;
  /** The site whose leaf server holds the password. */
  site: string;
  permissions: NatsPermissions;
}

/** A subject this account serves to one other account. */
export interface ServiceExport {
  subject: string;
  /** The only account that may import it. */
  account: string;
  /** Answers with a stream of messages (pull deliveries) rather than one reply. */
  streamed?: boolean;
}

/** A service this account takes from another: publishing on `as` (or `subject`) reaches it. */
export interface ServiceImport {
  account: string;
  subject: string;
  /** Where the importing account's clients publish it, when not on `subject`. */
  as?: string;
}

/** One account of a generated configuration. Accounts share nothing but what they export and import. */
export interface NatsAccount {
  name: string;
  /** What the account is for, written as a comment. */
  about: string;
  jetstream: boolean;
  users: NatsUser[];
  leafUsers: LeafUser[];
  exports: ServiceExport[];
  imports: ServiceImport[];
}

/**
 * The account of the hub's streams, the hub's own user and the operators'. Upper case, so no node
 * id (lower case, a subject token) can ever name it.
 */
export const HUB_ACCOUNT = 'HUB';

/** The account of one agency node: its id. */
export function nodeAccount(node: string): string {
  return node;
}

/** The user name of a site node account's leaf credential at the hub. */
export function leafUserOf(node: string): string {
  return `leaf-${node}`;
}

/** Options of {@link hubAccounts}. */
export interface HubAccountsOptions {
  /** Public keys of operator users (the CLI's tooling, the console); default none. */
  operatorKeys?: readonly string[];
  /** Keys revoked at or before this time get no user; default now. */
  now?: Date;
  /** The leaf secret of each national site whose leaf server may connect. */
  leafSites?: ReadonlyMap<string, string>;
}

/**
 * The accounts of the hub's server. `HUB` holds every stream (JetStream on), the users of the hub's
 * keys and the operators, and exports to each node's account exactly that node's capabilities;
 * each agency node has an account of its own, without JetStream, that imports them and holds its
 * keys' users (and, for a node of a leaf site, the user its site's leaf connection logs in with).
 * A node's connection therefore reaches nothing in `HUB` but those subjects, and whatever answers
 * them (a JetStream ack, a pulled message, an error) comes back into the node's own account.
 */
export function hubAccounts(registry: Registry, options: HubAccountsOptions = {}): NatsAccount[] {
  const now = (options.now ?? new Date()).getTime();
  const hubs = registry.nodes.filter((node) => node.kind === 'hub');
  const nodes = registry.nodes.filter((node) => node.kind !== 'hub');
  const hub: NatsAccount = {
    name: HUB_ACCOUNT,
    about: "the hub's streams, the hub and the operators",
    jetstream: true,
    users: [
      ...hubs.flatMap((node) => usersOf(node, now, hubPermissions(node.id))),
      ...(options.operatorKeys ?? []).map((nkey) => ({
        nkey,
        owner: 'operator',
        permissions: operatorPermissions(),
      })),
    ],
    leafUsers: [],
    exports: nodes.flatMap((node) =>
      nodeCapabilities(node.id).map(({ subject, streamed }) => ({
        subject,
        account: nodeAccount(node.id),
        ...(streamed === true ? { streamed } : {}),
      })),
    ),
    imports: [],
  };
  return [
    hub,
    ...nodes.map((node): NatsAccount => {
      const site = siteOf(node);
      const secret = site === undefined ? undefined : options.leafSites?.get(site);
      return {
        name: nodeAccount(node.id),
        about: `node ${node.id}`,
        jetstream: false,
        users: usersOf(node, now, nodePermissions(node.id)),
        leafUsers:
          site === undefined || secret === undefined
            ? []
            : [{ user: leafUserOf(node.id), password: secret, site, permissions: leafPermissions(node.id) }],
        exports: [],
        imports: nodeCapabilities(node.id).map(({ subject, as }) => ({
          account: HUB_ACCOUNT,
          subject,
          ...(as === undefined ? {} : { as }),
        })),
      };
    }),
  ];
}

/**
 * The accounts of national site `site`'s leaf server: one per node of the site, holding its keys'
 * users. Each exports its own fast path (`bl.site.<node>.>`) to the other nodes of the site and
 * imports theirs, so a node receives only what is sent to it. Its leaf connection to the hub is
 * bound to its account there, which carries its traffic with the hub.
 */
export function siteAccounts(registry: Registry, site: string, options: { now?: Date } = {}): NatsAccount[] {
  const now = (options.now ?? new Date()).getTime();
  const members = siteMembers(registry.nodes, site);
  return registry.nodes
    .filter((node) => siteOf(node) === site)
    .map((node): NatsAccount => {
      const peers = members.filter((peer) => peer !== node.id);
      return {
        name: nodeAccount(node.id),
        about: `node ${node.id} of site ${site}`,
        jetstream: false,
        users: usersOf(node, now, siteNodePermissions(node.id, members)),
        leafUsers: [],
        exports: peers.map((peer) => ({ subject: siteFilter(node.id), account: nodeAccount(peer) })),
        imports: peers.map((peer) => ({ account: nodeAccount(peer), subject: siteFilter(peer) })),
      };
    });
}

// One user per public key of the node (two while a key rotates); a key revoked by `now` gets none.
function usersOf(node: RegistryNode, now: number, permissions: NatsPermissions): NatsUser[] {
  const revoked = new Map((node.keyWindows ?? []).map((window) => [window.key, window.revokedAt]));
  return node.publicKeys
    .filter((key) => {
      const revokedAt = revoked.get(key);
      return revokedAt === undefined || Date.parse(revokedAt) > now;
    })
    .map((nkey) => ({ nkey, owner: node.id, permissions }));
}
