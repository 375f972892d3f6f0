import type { Registry, RegistryNode } from './registry.model.js';
import { WILDCARD } from './registry.model.js';
import { SUBSCRIBABLE_CATEGORIES } from './registry-rules.js';

const NONE: readonly string[] = Object.freeze([]);

const topic = (region: string, category: string) => `${region}\u0000${category}`;

/**
 * Lookups over one validated registry, built once: nodes by id, their keys, and the subscribers of every
 * region × category topic with wildcards already expanded, so routing a message is one map lookup.
 */
export class RegistryIndex {
  private readonly byId = new Map<string, RegistryNode>();
  private readonly regions: ReadonlySet<string>;
  private readonly sections: ReadonlySet<string>;
  private readonly crossingPoints: ReadonlySet<string>;
  private readonly topics = new Map<string, string[]>();

  constructor(private readonly registry: Registry) {
    for (const node of registry.nodes) this.byId.set(node.id, node);
    this.regions = new Set(registry.regions.map((region) => region.id));
    this.sections = new Set(registry.sections.map((section) => section.id));
    this.crossingPoints = new Set(registry.crossingPoints.map((point) => point.id));
    for (const node of registry.nodes) {
      for (const subscription of node.subscriptions) {
        const regions = subscription.regions.includes(WILDCARD) ? this.regions : subscription.regions;
        const categories = subscription.categories.includes(WILDCARD)
          ? SUBSCRIBABLE_CATEGORIES
          : subscription.categories;
        for (const region of regions)
          for (const category of categories) this.subscribe(region, category, node.id);
      }
    }
  }

  /** The node with this id, if registered. */
  node(id: string): RegistryNode | undefined {
    return this.byId.get(id);
  }

  /** The public nkeys that may sign for this node; empty for an unknown node. */
  publicKeys(id: string): readonly string[] {
    return this.byId.get(id)?.publicKeys ?? NONE;
  }

  /** Ids of the nodes subscribed to `region` × `category` (a category token such as `salw`), in registry order. */
  subscribers(region: string, category: string): string[] {
    return [...(this.topics.get(topic(region, category)) ?? NONE)];
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

  private subscribe(region: string, category: string, node: string): void {
    const key = topic(region, category);
    const list = this.topics.get(key);
    if (!list) this.topics.set(key, [node]);
    else if (!list.includes(node)) list.push(node);
  }
}
