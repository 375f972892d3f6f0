import type { KeyWindow, ProtocolVersion, Registry, RegistryNode } from './registry-model.js';
import { DEFAULT_PROTOCOL, PROTOCOL_VERSIONS, WILDCARD } from './registry-model.js';
import { SUBSCRIBABLE_CATEGORIES } from './registry-rules.js';

const NONE: readonly string[] = Object.freeze([]);

const topic = (region: string, category: string) => `${region}\u0000${category}`;
const keyOf = (node: string, key: string) => `${node}\u0000${key}`;

function subscribe(topics: Map<string, string[]>, region: string, category: string, node: string): void {
  const key = topic(region, category);
  const list = topics.get(key);
  if (!list) topics.set(key, [node]);
  else if (!list.includes(node)) list.push(node);
}

/**
 * Lookups over one validated registry, built once: nodes by id, their keys, and the subscribers of every
 * region × category topic with wildcards already expanded, so routing a message is one map lookup.
 */
export class RegistryIndex {
  private registry!: Registry;
  private byId!: Map<string, RegistryNode>;
  private windows!: Map<string, KeyWindow>;
  private regions!: ReadonlySet<string>;
  private sections!: ReadonlySet<string>;
  private crossingPoints!: ReadonlySet<string>;
  private pointSections!: ReadonlyMap<string, string>;
  private topics!: Map<string, string[]>;

  constructor(registry: Registry) {
    this.replace(registry);
  }

  /**
   * Swaps in another validated registry (a reloaded file). Every lookup after the call sees the new one,
   * so holders of this index never need rebuilding; the swap is synchronous, so no lookup sees a mix.
   */
  replace(registry: Registry): void {
    const byId = new Map<string, RegistryNode>();
    const windows = new Map<string, KeyWindow>();
    for (const node of registry.nodes) {
      byId.set(node.id, node);
      for (const window of node.keyWindows ?? []) windows.set(keyOf(node.id, window.key), window);
    }
    const regions = new Set(registry.regions.map((region) => region.id));
    const topics = new Map<string, string[]>();
    for (const node of registry.nodes) {
      for (const subscription of node.subscriptions) {
        const subscribed = subscription.regions.includes(WILDCARD) ? regions : subscription.regions;
        const categories = subscription.categories.includes(WILDCARD)
          ? SUBSCRIBABLE_CATEGORIES
          : subscription.categories;
        for (const region of subscribed)
          for (const category of categories) subscribe(topics, region, category, node.id);
      }
    }
    this.registry = registry;
    this.byId = byId;
    this.windows = windows;
    this.regions = regions;
    this.sections = new Set(registry.sections.map((section) => section.id));
    this.crossingPoints = new Set(registry.crossingPoints.map((point) => point.id));
    this.pointSections = new Map(registry.crossingPoints.map((point) => [point.id, point.section]));
    this.topics = topics;
  }

  /** The registry as last loaded, whole: for those who show it (the operations console). */
  current(): Readonly<Registry> {
    return this.registry;
  }

  /** The node with this id, if registered. */
  node(id: string): RegistryNode | undefined {
    return this.byId.get(id);
  }

  /** Whether node `id` reads protocol `version` or newer (an unknown node reads nothing). */
  reads(id: string, version: ProtocolVersion): boolean {
    const node = this.byId.get(id);
    if (node === undefined) return false;
    const read = node.protocol ?? DEFAULT_PROTOCOL;
    return PROTOCOL_VERSIONS.indexOf(read) >= PROTOCOL_VERSIONS.indexOf(version);
  }

  /** The public nkeys that may sign for this node; empty for an unknown node. */
  publicKeys(id: string): readonly string[] {
    return this.byId.get(id)?.publicKeys ?? NONE;
  }

  /** The validity window of one of the node's keys; undefined when the key is valid at any time. */
  keyWindow(id: string, key: string): KeyWindow | undefined {
    return this.windows.get(keyOf(id, key));
  }

  /** Ids of the nodes subscribed to `region` × `category` (a category token such as `salw`), in registry order. */
  subscribers(region: string, category: string): string[] {
    return [...(this.topics.get(topic(region, category)) ?? NONE)];
  }

  /** The organisation running node `id`, or undefined for an unknown node. */
  organisationOf(id: string): string | undefined {
    return this.byId.get(id)?.organisation;
  }

  /** The organisations `organisation` declares within its need to know (not including itself). */
  needToKnow(organisation: string): readonly string[] {
    return this.registry.organisations.find((o) => o.id === organisation)?.needToKnow ?? NONE;
  }

  /** The escalation contact of node `id`'s organisation, if it names one. */
  escalationOf(id: string): string | undefined {
    const organisation = this.organisationOf(id);
    return this.registry.organisations.find((o) => o.id === organisation)?.escalation;
  }

  /** Every node subscribed to region `region` in any category. */
  regionSubscribers(region: string): string[] {
    return [...new Set(SUBSCRIBABLE_CATEGORIES.flatMap((category) => this.subscribers(region, category)))];
  }

  /** The registry's regions, in registry order. */
  regionList(): Registry['regions'] {
    return this.registry.regions;
  }

  /** The registry's border sections, in registry order. */
  borderSections(): Registry['sections'] {
    return this.registry.sections;
  }

  /** The registry's crossing points and ports, in registry order. */
  crossingPointList(): Registry['crossingPoints'] {
    return this.registry.crossingPoints;
  }

  /** The border section crossing point `id` lies on, if the registry lists it. */
  sectionOfCrossingPoint(id: string): string | undefined {
    return this.pointSections.get(id);
  }

  hasRegion(id: string): boolean {
    return this.regions.has(id);
  }

  hasSection(id: string): boolean {
    return this.sections.has(id);
  }

  hasCrossingPoint(id: string): boolean {
    return this.crossingPoints.has(id);
  }

  hasNode(id: string): boolean {
    return this.byId.has(id);
  }

  /** Every registered node, in registry order. */
  nodes(): readonly RegistryNode[] {
    return this.registry.nodes;
  }
}
