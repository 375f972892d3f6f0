import {
  AUDIT_WILDCARD,
  DEAD_LETTER_WILDCARD,
  GROUPS_WILDCARD,
  DELIVERY_WILDCARD,
  STREAM_DELIVERY,
  deadLetterSubject,
  heartbeatSubject,
  nodeDeliveryConsumer,
} from '#contracts';
import { inboxPrefixOf } from '#messaging';
import type { Registry, RegistryNode } from '#registry';

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
}

/**
 * What an agency node (or partner, or service) may do, and nothing more: publish on its own ingress
 * subjects and heartbeat; read its own deliveries through its own durable consumer (consumer info,
 * pull, acks) and dead-letter what it cannot handle; ask JetStream for account info (health check);
 * and receive replies only under its own inbox prefix. It cannot create, change or delete streams or
 * consumers, and cannot subscribe to any delivery subject directly.
 */
export function nodePermissions(node: string): NatsPermissions {
  const consumer = nodeDeliveryConsumer(node);
  return {
    publish: [
      `bl.in.${node}.>`,
      heartbeatSubject(node),
      '$JS.API.INFO',
      `$JS.API.CONSUMER.INFO.${STREAM_DELIVERY}.${consumer}`,
      `$JS.API.CONSUMER.MSG.NEXT.${STREAM_DELIVERY}.${consumer}`,
      `$JS.ACK.${STREAM_DELIVERY}.${consumer}.>`,
      deadLetterSubject(STREAM_DELIVERY, consumer),
    ],
    subscribe: [`${inboxPrefixOf(node)}.>`],
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
 * Keys revoked at `now` get no user: a revoked key can no longer connect.
 */
export function natsUsers(registry: Registry, options: NatsUsersOptions = {}): NatsUser[] {
  const now = (options.now ?? new Date()).getTime();
  const users = registry.nodes.flatMap((node) =>
    usableKeys(node, now).map((nkey) => ({
      nkey,
      owner: node.id,
      permissions: node.kind === 'hub' ? hubPermissions(node.id) : nodePermissions(node.id),
    })),
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
