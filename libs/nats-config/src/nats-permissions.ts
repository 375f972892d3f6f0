import {
  AUDIT_WILDCARD,
  DEAD_LETTER_WILDCARD,
  DELIVERY_WILDCARD,
  GROUPS_WILDCARD,
  HUB_JETSTREAM_DOMAIN,
  STREAM_DEFINITIONS,
  STREAM_DELIVERY,
  STREAM_GROUPS,
  STREAM_SUBSCRIPTIONS,
  SUBSCRIPTIONS_WILDCARD,
  deadLetterSubject,
  heartbeatSubject,
  nodeDeliveryConsumer,
  nodeRebuildConsumer,
  rebuildRequestSubject,
  siteFilter,
} from '#contracts';
import { inboxPrefixOf } from '#messaging';

// Subjects are derived from #contracts so that the permissions follow the wire contract; the
// JetStream API subjects are the server's (nats-server ADR-1), stable since 2.2.

/** Allow-lists of one NATS user; everything not listed is refused by the server. */
export interface NatsPermissions {
  publish: string[];
  subscribe: string[];
}

/**
 * One thing a node may do at the hub. Everything the server enforces for a node is derived from
 * this list: the hub account's service export to the node's account, the node account's import of
 * it, and the node user's publish permission. A new capability is one more entry here.
 */
export interface NodeCapability {
  /** The subject in the hub's account: where the stream or the hub listens, or the JetStream API. */
  subject: string;
  /**
   * The subject the node publishes, when it differs: the JetStream API under domain `hub`
   * (`$JS.hub.API.…`), which its account's import maps to the hub account's `$JS.API.…`. Its own
   * account has no JetStream, and would answer the plain `$JS.API` with "not enabled".
   */
  as?: string;
  /** The service answers with a stream of messages (a pull request's deliveries), not one reply. */
  streamed?: boolean;
}

/** The JetStream API prefix a client uses for `domain` (nats-server ADR-8): `$JS.<domain>.API`. */
export function jetStreamApiPrefix(domain?: string): string {
  return domain === undefined ? '$JS.API' : `$JS.${domain}.API`;
}

// Look up, pull and ack one consumer of the node's on BL_DELIVERY. Acks go to the reply subject of
// the pulled message, which carries no domain.
function consumerCapabilities(consumer: string): NodeCapability[] {
  const api = (verb: string): NodeCapability => {
    const call = `${verb}.${STREAM_DELIVERY}.${consumer}`;
    return {
      subject: `${jetStreamApiPrefix()}.${call}`,
      as: `${jetStreamApiPrefix(HUB_JETSTREAM_DOMAIN)}.${call}`,
    };
  };
  return [
    api('CONSUMER.INFO'),
    { ...api('CONSUMER.MSG.NEXT'), streamed: true },
    { subject: `$JS.ACK.${STREAM_DELIVERY}.${consumer}.>` },
  ];
}

/**
 * What an agency node (or partner, or service) may do at the hub, and nothing more: publish on its
 * own ingress subjects (the JetStream ack is the service's answer) and heartbeat; read its own
 * deliveries through its own durable consumer (consumer info, pull, acks) and dead-letter what it
 * cannot handle; ask for a rebuild consumer and read it the same way. It cannot create, change or
 * delete streams or consumers, read account information, or reach any delivery subject directly.
 */
export function nodeCapabilities(node: string): NodeCapability[] {
  const consumer = nodeDeliveryConsumer(node);
  return [
    { subject: `bl.in.${node}.>` },
    { subject: heartbeatSubject(node) },
    ...consumerCapabilities(consumer),
    { subject: deadLetterSubject(STREAM_DELIVERY, consumer) },
    // Rebuilding lost Redis state: ask the hub for a rebuild consumer, then read it like the live one.
    { subject: rebuildRequestSubject(node) },
    ...consumerCapabilities(nodeRebuildConsumer(node)),
  ];
}

/**
 * What a node's user may do inside its own account: publish what it may send to the hub, as it
 * names it, and receive replies only under its own inbox prefix. Its account imports nothing else,
 * so this list restates the imports; it stays as a second line of defence.
 */
export function nodePermissions(node: string): NatsPermissions {
  return {
    publish: nodeCapabilities(node).map((capability) => capability.as ?? capability.subject),
    subscribe: [`${inboxPrefixOf(node)}.>`],
  };
}

/**
 * What a node of a national site may do on its site's leaf server: everything it may do at the hub
 * (its account's leaf connection carries it there), plus the site fast path: send to each other node
 * of its site (`bl.site.<peer>.>`) and receive only its own (`bl.site.<node>.>`).
 */
export function siteNodePermissions(node: string, site: readonly string[]): NatsPermissions {
  const own = nodePermissions(node);
  const peers = site.filter((peer) => peer !== node).map((peer) => siteFilter(peer));
  return {
    publish: [...own.publish, ...peers],
    subscribe: [...own.subscribe, siteFilter(node)],
  };
}

/**
 * What the leaf connection of a site node's account may carry into the hub (publish) and take from
 * it (subscribe), as the hub's server enforces it: exactly what that node may at the hub. The fast
 * path is not among it, so site traffic never leaves the site.
 */
export function leafPermissions(node: string): NatsPermissions {
  return nodePermissions(node);
}

// The streams whose configuration the hub may change: all but the append-only ones (BL_AUDIT),
// which it may only create.
const UPDATABLE_STREAMS = [
  ...STREAM_DEFINITIONS.filter((stream) => stream.appendOnly !== true).map((stream) => stream.name),
  STREAM_GROUPS,
  STREAM_SUBSCRIPTIONS,
];

/**
 * The hub provisions the Borderlink streams and consumers, reads all ingress and writes all
 * deliveries. Its JetStream API is what it uses: account and stream information, creating streams
 * (an existing one is left as it is), updating all but the append-only ones, reading stored
 * messages, and the whole consumer API (consumers never remove messages). It can delete, purge or
 * restore no stream and delete no message, so the audit it writes outlives it. It publishes the
 * subjects it writes and its own heartbeat, and receives replies under its own inbox prefix, the
 * nodes' control requests and heartbeats.
 */
export function hubPermissions(hub: string): NatsPermissions {
  const api = jetStreamApiPrefix();
  return {
    publish: [
      `${api}.INFO`,
      `${api}.STREAM.NAMES`,
      `${api}.STREAM.LIST`,
      `${api}.STREAM.INFO.*`,
      `${api}.STREAM.CREATE.*`,
      ...UPDATABLE_STREAMS.map((stream) => `${api}.STREAM.UPDATE.${stream}`),
      `${api}.STREAM.MSG.GET.*`,
      `${api}.CONSUMER.>`,
      '$JS.ACK.>',
      DELIVERY_WILDCARD,
      AUDIT_WILDCARD,
      DEAD_LETTER_WILDCARD,
      // Closed user group membership (BL_GROUPS), which only the hub writes.
      GROUPS_WILDCARD,
      // Each node's narrowing of its subscriptions in force (BL_SUBSCRIPTIONS), likewise the hub's alone.
      SUBSCRIPTIONS_WILDCARD,
      'bl.ctl.>',
      // Its own heartbeat only: an instance speaks for its own hub id.
      heartbeatSubject(hub),
    ],
    subscribe: [`${inboxPrefixOf(hub)}.>`, 'bl.ctl.>', 'bl.hb.>'],
  };
}

/** Operators' tools see and may do everything in the hub's account; their seeds are kept like the hub's. */
export function operatorPermissions(): NatsPermissions {
  return { publish: ['>'], subscribe: ['>'] };
}
