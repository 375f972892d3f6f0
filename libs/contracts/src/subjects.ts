import { Category } from './gen/borderlink/v1/common_pb.js';
import type { MessageKind } from './message-kinds.js';

// Subjects are part of the wire contract and of the NATS permissions generated from the
// registry: changing one needs a migration of streams, consumers and server configuration.
export const SUBJECT_ROOT = 'bl';

/** Region token used on delivery subjects when a message reached the recipient by explicit address. */
export const DIRECT_REGION = 'direct';
/** Category token used on delivery subjects for messages without a category. */
export const GENERAL_CATEGORY = 'general';

const TOKEN = /^[a-z][a-z0-9-]{0,62}$/;

/** A subject token: lowercase, no dots or wildcards, so it can never widen a permission. */
export function isSubjectToken(value: string): boolean {
  return TOKEN.test(value);
}

function token(value: string, what: string): string {
  if (!isSubjectToken(value))
    throw new RangeError(`invalid ${what} for a subject token: ${JSON.stringify(value)}`);
  return value;
}

/** Where a node publishes what it sends: `bl.in.<node>.<kind>`. */
export function ingressSubject(node: string, kind: MessageKind): string {
  return `${SUBJECT_ROOT}.in.${token(node, 'node')}.${kind}`;
}

/** Where the hub delivers to one recipient: `bl.out.<node>.<kind>.<region>.<category>`. */
export function deliverySubject(node: string, kind: MessageKind, region: string, category: string): string {
  return `${SUBJECT_ROOT}.out.${token(node, 'node')}.${kind}.${token(region, 'region')}.${token(category, 'category')}`;
}

/** Every delivery of one node: the filter of its durable consumer. */
export function deliveryFilter(node: string): string {
  return `${SUBJECT_ROOT}.out.${token(node, 'node')}.>`;
}

export const INGRESS_WILDCARD = `${SUBJECT_ROOT}.in.>`;
export const DELIVERY_WILDCARD = `${SUBJECT_ROOT}.out.>`;
export const AUDIT_WILDCARD = `${SUBJECT_ROOT}.audit.>`;
export const DEAD_LETTER_WILDCARD = `${SUBJECT_ROOT}.dlq.>`;
export const GROUPS_WILDCARD = `${SUBJECT_ROOT}.groups.>`;

/** The hub's record of one closed user group's membership: `bl.groups.<group>` (last message wins). */
export function groupStateSubject(group: string): string {
  return `${SUBJECT_ROOT}.groups.${token(group, 'group')}`;
}

export const SUBSCRIPTIONS_WILDCARD = `${SUBJECT_ROOT}.subscriptions.>`;

/**
 * The narrowing in force for node `node`: `bl.subscriptions.<node>` (last message wins). Changing it
 * needs a migration of BL_SUBSCRIPTIONS.
 */
export function subscriptionStateSubject(node: string): string {
  return `${SUBJECT_ROOT}.subscriptions.${token(node, 'node')}`;
}

/** Audit record of one hub decision: `bl.audit.<event>`. */
export function auditSubject(event: string): string {
  return `${SUBJECT_ROOT}.audit.${token(event, 'audit event')}`;
}

/** Dead letter from one consumer: `bl.dlq.<stream>.<consumer>`. */
export function deadLetterSubject(stream: string, consumer: string): string {
  return `${SUBJECT_ROOT}.dlq.${stream.toLowerCase()}.${consumer.toLowerCase()}`;
}

/** The stream and consumer tokens of `bl.dlq.<stream>.<consumer>` (lowercase); undefined for anything else. */
export function parseDeadLetterSubject(subject: string): { stream: string; consumer: string } | undefined {
  const parts = subject.split('.');
  if (parts.length !== 4 || parts[0] !== SUBJECT_ROOT || parts[1] !== 'dlq') return undefined;
  return { stream: parts[2]!, consumer: parts[3]! };
}

// The server's consumer advisories (nats-server ADR-1, stable since 2.2; MSG_TERMINATED since 2.9),
// `$JS.EVENT.ADVISORY.CONSUMER.<event>.<stream>.<consumer>`, published in the consumer's account.
/** A message a consumer gave up on after its max deliveries without an ack. */
export const ADVISORY_MAX_DELIVERIES_WILDCARD = '$JS.EVENT.ADVISORY.CONSUMER.MAX_DELIVERIES.>';
/** A message a consumer's client terminated (`+TERM`). */
export const ADVISORY_TERMINATED_WILDCARD = '$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.>';
/** Every consumer advisory: the filter of the consumer reading the captured ones. */
export const ADVISORY_CONSUMER_WILDCARD = '$JS.EVENT.ADVISORY.CONSUMER.>';

/**
 * Site fast path: the signed original of a message sent over core NATS straight to one recipient of
 * the sender's own national site (leaf server), `bl.site.<node>.<kind>`; never leaves the site.
 */
export function siteSubject(node: string, kind: MessageKind): string {
  return `${SUBJECT_ROOT}.site.${token(node, 'node')}.${kind}`;
}

/** Everything one node receives on the site fast path: `bl.site.<node>.>`. */
export function siteFilter(node: string): string {
  return `${SUBJECT_ROOT}.site.${token(node, 'node')}.>`;
}

export interface SiteAddress {
  node: string;
  kind: string;
}

/** Reads `bl.site.<node>.<kind>`; undefined for anything else. */
export function parseSiteSubject(subject: string): SiteAddress | undefined {
  const parts = subject.split('.');
  if (parts.length !== 4 || parts[0] !== SUBJECT_ROOT || parts[1] !== 'site') return undefined;
  return { node: parts[2]!, kind: parts[3]! };
}

/**
 * Presence heartbeat of a node or hub (protocol 1.3): `bl.hb.<sender>`, core NATS, never stored. Only
 * `<sender>` may publish it; operators read every one.
 */
export function heartbeatSubject(node: string): string {
  return `${SUBJECT_ROOT}.hb.${token(node, 'node')}`;
}

/** Every heartbeat: what operators subscribe to. */
export const HEARTBEAT_WILDCARD = `${SUBJECT_ROOT}.hb.>`;

/** The sender of `bl.hb.<sender>`; undefined for anything else. */
export function parseHeartbeatSubject(subject: string): string | undefined {
  const parts = subject.split('.');
  if (parts.length !== 3 || parts[0] !== SUBJECT_ROOT || parts[1] !== 'hb') return undefined;
  return isSubjectToken(parts[2]!) ? parts[2] : undefined;
}

/** Control request: `bl.ctl.<verb>`. */
export function controlSubject(verb: string): string {
  return `${SUBJECT_ROOT}.ctl.${token(verb, 'verb')}`;
}

/**
 * A node's request to the hub to (re)create its rebuild consumer: `bl.ctl.rebuild.<node>`. Only that
 * node (and the hub) may publish it.
 */
export function rebuildRequestSubject(node: string): string {
  return `${controlSubject('rebuild')}.${token(node, 'node')}`;
}

/** Every node's rebuild request: what the hub listens to. */
export const REBUILD_REQUEST_WILDCARD = `${SUBJECT_ROOT}.ctl.rebuild.*`;

/** The node of `bl.ctl.rebuild.<node>`; undefined for anything else. */
export function parseRebuildRequestSubject(subject: string): string | undefined {
  const parts = subject.split('.');
  if (parts.length !== 4 || parts[0] !== SUBJECT_ROOT || parts[1] !== 'ctl' || parts[2] !== 'rebuild')
    return undefined;
  return isSubjectToken(parts[3]!) ? parts[3] : undefined;
}

export interface IngressAddress {
  node: string;
  kind: string;
}

/** Reads `bl.in.<node>.<kind>`; undefined for anything else. */
export function parseIngressSubject(subject: string): IngressAddress | undefined {
  const parts = subject.split('.');
  if (parts.length !== 4 || parts[0] !== SUBJECT_ROOT || parts[1] !== 'in') return undefined;
  return { node: parts[2]!, kind: parts[3]! };
}

export interface DeliveryAddress {
  node: string;
  kind: string;
  region: string;
  category: string;
}

/** Reads `bl.out.<node>.<kind>.<region>.<category>`; undefined for anything else. */
export function parseDeliverySubject(subject: string): DeliveryAddress | undefined {
  const parts = subject.split('.');
  if (parts.length !== 6 || parts[0] !== SUBJECT_ROOT || parts[1] !== 'out') return undefined;
  return { node: parts[2]!, kind: parts[3]!, region: parts[4]!, category: parts[5]! };
}

const CATEGORY_TOKENS: Record<Category, string> = {
  [Category.UNSPECIFIED]: GENERAL_CATEGORY,
  [Category.SMALL_ARMS_LIGHT_WEAPONS]: 'salw',
  [Category.AMMUNITION]: 'ammunition',
  [Category.EXPLOSIVES]: 'explosives',
  [Category.TERRORISM]: 'terrorism',
  [Category.DRUG_TRAFFICKING]: 'drugs',
  [Category.HUMAN_TRAFFICKING]: 'human-trafficking',
  [Category.MIGRANT_SMUGGLING]: 'migrant-smuggling',
  [Category.DOCUMENT_FRAUD]: 'document-fraud',
  [Category.WANTED_PERSON]: 'wanted-person',
  [Category.OTHER]: 'other',
};

const TOKEN_CATEGORIES = new Map(Object.entries(CATEGORY_TOKENS).map(([k, v]) => [v, Number(k) as Category]));

/** The category's token on subjects and in registry subscriptions, e.g. `salw`, `explosives`. */
export function categoryToken(category: Category): string {
  return CATEGORY_TOKENS[category] ?? GENERAL_CATEGORY;
}

/** The category a token names, or undefined. */
export function categoryFromToken(value: string): Category | undefined {
  return TOKEN_CATEGORIES.get(value);
}

/** All category tokens that name a real category (for validating registry subscriptions). */
export const CATEGORY_TOKEN_LIST: readonly string[] = Object.values(CATEGORY_TOKENS).filter(
  (t) => t !== GENERAL_CATEGORY,
);
