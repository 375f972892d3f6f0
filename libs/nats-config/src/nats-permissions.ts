import {
  AUDIT_WILDCARD,
  DEAD_LETTER_WILDCARD,
  GROUPS_WILDCARD,
  DELIVERY_WILDCARD,
  HUB_JETSTREAM_DOMAIN,
  STREAM_DELIVERY,
  deadLetterSubject,
  heartbeatSubject,
  nodeDeliveryConsumer,
  nodeRebuildConsumer,
  rebuildRequestSubject,
  siteFilter,
} from '#contracts';
import { inboxPrefixOf } from '#messaging';
import { siteMembers, siteOf, type Registry, type RegistryNode } from '#registry';

// Subjects are derived from #contracts so that the permissions follow the wire contract; the
// JetStream API subjects are the server's (nats-server ADR-1), stable since 2.2.

/** Allow-lists of one NATS user; everything not listed is refused by the server. */
export interface NatsPermissions {
  publish: string[];
  subscribe: string[];
}

/** One nkey user of the generated server configuration. */
export interface NatsUser {
  /** The nkey user public key (`U…`). */
  nkey: string;
  /** Whom the key belongs to (a registry node id, or `operator`), written as a comment. */
  owner: string;
  permissions: NatsPermissions;
}

/** Options of {@link natsUsers}. */
export interface NatsUsersOptions {
  /** Public keys of operator users (full access: the CLI's tooling, the console); default none. */
  operatorKeys?: readonly string[];
  /** Keys revoked at or before this time get no user; default now. */
  now?: Date;
  /** Render the users of this national site's leaf server (`kz`) instead of the hub's. */
  site?: string;
}

/** Options of {@link nodePermissions}. */
export interface NodePermissionsOptions {
  /**
   * JetStream domain of the hub's servers as the node reaches them: set for a node on a national
   * site's leaf server (`hub`), whose own JetStream domain answers the plain `$JS.API`; absent on
   * the hub's servers.
   */
  jsDomain?: string;
}

/** The JetStream API prefix a client uses for `domain` (nats-server ADR-8): `$JS.<domain>.API`. */
export function jetStreamApiPrefix(domain?: string): string {
  return domain === undefined ? '$JS.API' : `$JS.${domain}.API`;
}

/**
 * What an agency node (or partner, or service) may do, and nothing more: publish on its own ingress
 * subjects and heartbeat; read its own deliveries through its own durable consumer (consumer info,
 * pull, acks) and dead-letter what it cannot handle; ask JetStream for account info (health check);
 * and receive replies only under its own inbox prefix. It cannot create, change or delete streams or
 * consumers, and cannot subscribe to any delivery subject directly.
 */
export function nodePermissions(node: string, options: NodePermissionsOptions = {}): NatsPermissions {
  const consumer = nodeDeliveryConsumer(node);
  const rebuild = nodeRebuildConsumer(node);
  const api = jetStreamApiPrefix(options.jsDomain);
  return {
    publish: [
      `bl.in.${node}.>`,
      heartbeatSubject(node),
      `${api}.INFO`,
      `${api}.CONSUMER.INFO.${STREAM_DELIVERY}.${consumer}`,
      `${api}.CONSUMER.MSG.NEXT.${STREAM_DELIVERY}.${consumer}`,
      // Acks go to the reply subject of the pulled message, which carries no domain.
      `$JS.ACK.${STREAM_DELIVERY}.${consumer}.>`,
      deadLetterSubject(STREAM_DELIVERY, consumer),
      // Rebuilding lost Redis state: ask the hub for a rebuild consumer, then read it like the live one.
      rebuildRequestSubject(node),
      `${api}.CONSUMER.INFO.${STREAM_DELIVERY}.${rebuild}`,
      `${api}.CONSUMER.MSG.NEXT.${STREAM_DELIVERY}.${rebuild}`,
      `$JS.ACK.${STREAM_DELIVERY}.${rebuild}.>`,
    ],
    subscribe: [`${inboxPrefixOf(node)}.>`],
  };
}

/**
 * What a node of a national site may do on its site's leaf server: everything it may do at the hub,
 * reaching the hub's JetStream through its domain, plus the site fast path: send to each other node
 * of its site (`bl.site.<peer>.>`) and receive only its own (`bl.site.<node>.>`).
 */
export function siteNodePermissions(node: string, site: readonly string[]): NatsPermissions {
  const own = nodePermissions(node, { jsDomain: HUB_JETSTREAM_DOMAIN });
  const peers = site.filter((peer) => peer !== node).map((peer) => siteFilter(peer));
  return {
    publish: [...own.publish, ...peers],
    subscribe: [...own.subscribe, siteFilter(node)],
  };
}

/**
 * What a site's leaf connection may carry into the hub (publish) and take from it (subscribe), as the
 * hub's server enforces it on nats-server 2.9+: exactly what the site's nodes may, together, at the
 * hub. The fast path is not among it, so site traffic never leaves the site, and a site cannot speak
 * for a node of another site even if its leaf server's own configuration were changed.
 */
export function leafPermissions(site: readonly string[]): NatsPermissions {
  const each = site.map((node) => nodePermissions(node, { jsDomain: HUB_JETSTREAM_DOMAIN }));
  return {
    publish: each.flatMap((permissions) => permissions.publish),
    subscribe: each.flatMap((permissions) => permissions.subscribe),
  };
}

/**
 * The hub provisions and administers the Borderlink streams and consumers, reads all ingress and
 * writes all deliveries, so it gets the whole JetStream API (narrowing it would not narrow what the
 * hub can already see) and the subjects it writes; it receives replies under its own inbox prefix.
 */
export function hubPermissions(hub: string): NatsPermissions {
  return {
    publish: [
      '$JS.API.>',
      '$JS.ACK.>',
      DELIVERY_WILDCARD,
      AUDIT_WILDCARD,
      DEAD_LETTER_WILDCARD,
      // Closed user group membership (BL_GROUPS), which only the hub writes.
      GROUPS_WILDCARD,
      'bl.ctl.>',
    ],
    subscribe: [`${inboxPrefixOf(hub)}.>`, 'bl.ctl.>', 'bl.hb.>'],
  };
}

/** Operators' tools see and may do everything; their seeds are kept like the hub's. */
export function operatorPermissions(): NatsPermissions {
  return { publish: ['>'], subscribe: ['>'] };
}

/**
 * The NATS users of a registry: one per public key of every node (two while a key rotates), with
 * the hub's permissions for nodes of kind `hub` and a node's own otherwise, plus the operator keys.
 * With `site`, the users of that site's leaf server instead: its nodes only, with their site
 * permissions. Keys revoked at `now` get no user: a revoked key can no longer connect.
 */
export function natsUsers(registry: Registry, options: NatsUsersOptions = {}): NatsUser[] {
  const now = (options.now ?? new Date()).getTime();
  const { site } = options;
  const members = site === undefined ? [] : siteMembers(registry.nodes, site);
  const permissionsOf = (node: RegistryNode): NatsPermissions => {
    if (site !== undefined) return siteNodePermissions(node.id, members);
    return node.kind === 'hub' ? hubPermissions(node.id) : nodePermissions(node.id);
  };
  const users = registry.nodes
    .filter((node) => site === undefined || siteOf(node) === site)
    .flatMap((node) =>
      usableKeys(node, now).map((nkey) => ({ nkey, owner: node.id, permissions: permissionsOf(node) })),
    );
  const operators = (options.operatorKeys ?? []).map((nkey) => ({
    nkey,
    owner: 'operator',
    permissions: operatorPermissions(),
  }));
  return [...users, ...operators];
}

function usableKeys(node: RegistryNode, now: number): string[] {
  const revoked = new Map((node.keyWindows ?? []).map((window) => [window.key, window.revokedAt]));
  return node.publicKeys.filter((key) => {
    const revokedAt = revoked.get(key);
    return revokedAt === undefined || Date.parse(revokedAt) > now;
  });
}
