// The registry file's data model (deploy/registry/registry.yaml): who takes part, where, and what each receives.

/** A regional topic, the first axis of subscriptions (e.g. `afghan-border`). */
export interface Region {
  id: string;
  name: string;
}

/** A stretch of border between countries (ISO 3166-1 alpha-2), part of one or more regions. */
export interface BorderSection {
  id: string;
  name: string;
  countries: string[];
  regions: string[];
}

/** A border crossing point or port on a section, with WGS 84 coordinates. */
export interface CrossingPoint {
  id: string;
  name: string;
  section: string;
  location: { lat: number; lon: number };
}

/** An agency or partner organisation that runs one or more nodes. */
export interface Organisation {
  id: string;
  name: string;
  /**
   * Organisations within this one's need to know (TLP:AMBER "its clients"): a TLP:AMBER message
   * addressed to a node of this organisation also reaches their subscribed nodes. Not transitive.
   */
  needToKnow?: string[];
  /**
   * The node that hears of requests this organisation's nodes leave unanswered past one and a half
   * times their deadline: its national coordination centre or duty desk. None: no escalation.
   */
  escalation?: string;
}

export const NODE_KINDS = ['border', 'customs', 'partner', 'service', 'hub'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/**
 * Wire protocol versions (docs/protocol.md): 1.1 adds the `delivered` batch of receipts. A node's
 * entry says the newest its software reads; the others send it nothing newer.
 */
export const PROTOCOL_VERSIONS = ['1.0', '1.1'] as const;
export type ProtocolVersion = (typeof PROTOCOL_VERSIONS)[number];

/** A node's protocol version when its entry names none: what every node read before 1.1. */
export const DEFAULT_PROTOCOL: ProtocolVersion = '1.0';

/** What a node receives: every region × category pair of the lists; `'*'` in a list means all. */
export interface Subscription {
  regions: string[];
  categories: string[];
}

/**
 * When one of a node's public keys may sign: messages sent at or after `from` and before `revokedAt`
 * (RFC 3339 UTC times; either bound may be absent). Keys without a window are valid at any time.
 */
export interface KeyWindow {
  key: string;
  from?: string;
  revokedAt?: string;
}

/** A registered identity: an agency node, a partner, a service or the hub. */
export interface RegistryNode {
  id: string;
  name: string;
  kind: NodeKind;
  organisation: string;
  country?: string;
  /** Public nkeys (`U…`) that may sign for this node; more than one while a key is rotated. */
  publicKeys: string[];
  /**
   * Validity windows of some of `publicKeys` (rotation grace periods, revocations). In the YAML file a
   * `publicKeys` entry is either the key text or a mapping `{ key, from?, revokedAt? }`.
   */
  keyWindows?: KeyWindow[];
  subscriptions: Subscription[];
  /** The newest wire protocol the node reads; DEFAULT_PROTOCOL when absent. */
  protocol?: ProtocolVersion;
}

export interface Registry {
  version: 1;
  regions: Region[];
  sections: BorderSection[];
  crossingPoints: CrossingPoint[];
  organisations: Organisation[];
  nodes: RegistryNode[];
}

/** In a subscription list: every region, or every category. */
export const WILDCARD = '*';
