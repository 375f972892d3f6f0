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
}

export const NODE_KINDS = ['border', 'customs', 'partner', 'service', 'hub'] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

/** What a node receives: every region × category pair of the lists; `'*'` in a list means all. */
export interface Subscription {
  regions: string[];
  categories: string[];
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
  subscriptions: Subscription[];
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
