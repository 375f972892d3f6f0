import {
  ADVISORY_MAX_DELIVERIES_WILDCARD,
  ADVISORY_TERMINATED_WILDCARD,
  AUDIT_WILDCARD,
  DEAD_LETTER_WILDCARD,
  DELIVERY_WILDCARD,
  INGRESS_WILDCARD,
  deliveryFilter,
} from './subjects.js';

// Stream and consumer names. Changing one needs a migration (streams are the log of record).

export const STREAM_INGRESS = 'BL_INGRESS';
export const STREAM_DELIVERY = 'BL_DELIVERY';
export const STREAM_AUDIT = 'BL_AUDIT';
export const STREAM_DEAD_LETTER = 'BL_DLQ';
/**
 * The server's advisories of messages a consumer gave up on (max deliveries, terminated), captured
 * so that the hub dead-letters them even when the consuming app died before writing a record.
 */
export const STREAM_ADVISORIES = 'BL_ADVISORIES';
/**
 * Closed user group membership, one message per group (the latest state), kept forever. Only the hub
 * writes it and provisions it: its per-subject limit is not part of StreamDefinition.
 */
export const STREAM_GROUPS = 'BL_GROUPS';
/**
 * Each node's narrowing of its subscriptions (protocol 1.4), one message per node (the accepted
 * SubscriptionChange in force), kept forever; written and provisioned by the hub alone, like BL_GROUPS.
 * Renaming it needs a migration.
 */
export const STREAM_SUBSCRIPTIONS = 'BL_SUBSCRIPTIONS';

/** The hub's shared durable consumer on the ingress stream: every hub instance pulls from it. */
export const CONSUMER_HUB_INGRESS = 'hub-ingress';

/** The hub's shared durable consumer on the advisories stream: turns advisories into dead letters. */
export const CONSUMER_HUB_DEAD_LETTERS = 'hub-dead-letters';

/** The durable consumer through which one node reads its own deliveries. */
export function nodeDeliveryConsumer(node: string): string {
  return `node-${node}`;
}

/** Where a durable consumer reads: its stream, its name and the subjects it selects. */
export interface ConsumerAddress {
  stream: string;
  durable: string;
  filterSubject: string;
}

/**
 * The consumer `node-<id>` on BL_DELIVERY, reading `bl.out.<id>.>` only: provisioned by the hub (the
 * node's permissions allow it only to bind, pull and ack) and bound by the node.
 */
export function nodeDeliveryConsumerAddress(node: string): ConsumerAddress {
  return {
    stream: STREAM_DELIVERY,
    durable: nodeDeliveryConsumer(node),
    filterSubject: deliveryFilter(node),
  };
}

/**
 * The consumer the hub creates on request for one node to read all its deliveries again (deliver
 * all, filter `bl.out.<node>.>`), when the node's Redis state was lost. It expires when unused.
 * Named `rebuild-<node>`, not after `node-`: a node id may end in `-rebuild`, so `node-<id>-rebuild`
 * could be another node's live consumer (`kg-customs` and `kg-customs-rebuild`). The two prefixes
 * differ, and each name carries its node id whole, so no two derived names are ever equal.
 */
export function nodeRebuildConsumer(node: string): string {
  return `rebuild-${node}`;
}

/**
 * The JetStream domain under which an agency node reaches the hub's streams: API prefix
 * `$JS.hub.API`, on the hub's servers and through a national site's leaf server alike. It is not a
 * server's domain (the hub's servers set none, and must not set this one): each node's account
 * has no JetStream and imports the few API subjects it may use from the hub's account under it.
 */
export const HUB_JETSTREAM_DOMAIN = 'hub';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Declared topology of the hub's streams, provisioned idempotently by every app at start. */
export interface StreamDefinition {
  name: string;
  subjects: string[];
  maxAgeMs: number;
  duplicateWindowMs: number;
  /**
   * Messages can be neither deleted nor purged (the server refuses it, and refuses to lift the
   * refusal), and the apps only ever create the stream, never change its configuration: a smaller
   * limit would delete messages too. Changing it is an operator's migration.
   */
  appendOnly?: boolean;
}

// Ingress and delivery are the log of record that Redis state is rebuilt from, so they
// keep 30 days. The duplicate window bounds how late a retried publish is still recognised.
export const STREAM_DEFINITIONS: readonly StreamDefinition[] = [
  { name: STREAM_INGRESS, subjects: [INGRESS_WILDCARD], maxAgeMs: 30 * DAY_MS, duplicateWindowMs: DAY_MS },
  { name: STREAM_DELIVERY, subjects: [DELIVERY_WILDCARD], maxAgeMs: 30 * DAY_MS, duplicateWindowMs: DAY_MS },
  // The audit must outlive whoever runs the hub: not even the hub's own user may shorten it.
  {
    name: STREAM_AUDIT,
    subjects: [AUDIT_WILDCARD],
    maxAgeMs: 365 * DAY_MS,
    duplicateWindowMs: DAY_MS,
    appendOnly: true,
  },
  {
    name: STREAM_DEAD_LETTER,
    subjects: [DEAD_LETTER_WILDCARD],
    maxAgeMs: 90 * DAY_MS,
    duplicateWindowMs: DAY_MS,
  },
  // Advisories carry no message id; a week covers any hub outage while they wait to be handled.
  {
    name: STREAM_ADVISORIES,
    subjects: [ADVISORY_MAX_DELIVERIES_WILDCARD, ADVISORY_TERMINATED_WILDCARD],
    maxAgeMs: 7 * DAY_MS,
    duplicateWindowMs: DAY_MS,
  },
];
