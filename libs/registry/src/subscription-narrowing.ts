import { Severity, type SubscriptionChange, type SubscriptionFilter, type Violation } from '#contracts';
import type { RegistryIndex } from './registry-index.js';
import { WILDCARD } from './registry-model.js';
import { SUBSCRIBABLE_CATEGORIES } from './registry-rules.js';

/** What a narrowing judges of a message that reaches a node through its subscriptions. */
export interface NarrowedTopic {
  /** The registry region whose subscription selected the node. */
  region: string;
  /** The message's category token; undefined where the route ignores categories (an impact change). */
  category?: string;
  /** An alert's severity; UNSPECIFIED for a message without one, which no minimum holds back. */
  severity: Severity;
  /** The border sections the message concerns; empty when it names none. */
  sections: readonly string[];
}

interface CompiledFilter {
  regions?: ReadonlySet<string>;
  categories?: ReadonlySet<string>;
  /** The largest Severity number admitted (EXTREME is 1, MINOR 4); undefined: any. */
  leastSevere?: number;
  sections?: ReadonlySet<string>;
}

const setOf = (list: readonly string[]) => (list.length === 0 ? undefined : new Set(list));

function compile(filter: SubscriptionFilter): CompiledFilter {
  const { minSeverity } = filter;
  const bounded = minSeverity !== Severity.UNSPECIFIED && minSeverity !== Severity.UNKNOWN;
  return {
    regions: setOf(filter.regions),
    categories: setOf(filter.categories),
    leastSevere: bounded ? minSeverity : undefined,
    sections: setOf(filter.sections),
  };
}

// CAP's UNKNOWN is not known to be below any minimum, and a message without severity has none to hold.
function severe(severity: Severity, leastSevere: number | undefined): boolean {
  if (leastSevere === undefined) return true;
  if (severity === Severity.UNSPECIFIED || severity === Severity.UNKNOWN) return true;
  return severity <= leastSevere;
}

function admits(filter: CompiledFilter, topic: NarrowedTopic): boolean {
  if (filter.regions !== undefined && !filter.regions.has(topic.region)) return false;
  if (
    filter.categories !== undefined &&
    topic.category !== undefined &&
    !filter.categories.has(topic.category)
  )
    return false;
  if (!severe(topic.severity, filter.leastSevere)) return false;
  const { sections } = filter;
  return sections === undefined || topic.sections.length === 0 || topic.sections.some((s) => sections.has(s));
}

/**
 * A node's narrowing of what it receives through its registry subscriptions, compiled once for the
 * routing hot path: a message passes when any filter admits it. It only ever narrows: the registry
 * decides first who subscribes at all, and addressees are never judged by it.
 */
export class SubscriptionNarrowing {
  private constructor(private readonly filters: readonly CompiledFilter[]) {}

  /** The narrowing `change` states, or undefined when it states none (no filters: all the registry gives). */
  static of(change: SubscriptionChange): SubscriptionNarrowing | undefined {
    return change.filters.length === 0 ? undefined : new SubscriptionNarrowing(change.filters.map(compile));
  }

  admits(topic: NarrowedTopic): boolean {
    return this.filters.some((filter) => admits(filter, topic));
  }
}

/**
 * The border sections an alert's area concerns: those it names, and those of the crossing points it
 * names (the registry places each on one section). Unknown ids are left out.
 */
export function sectionsOfArea(
  area: { borderSections: readonly string[]; crossingPoints: readonly string[] } | undefined,
  registry: RegistryIndex,
): string[] {
  if (area === undefined) return [];
  const sections = new Set(area.borderSections);
  for (const point of area.crossingPoints) {
    const section = registry.sectionOfCrossingPoint(point);
    if (section !== undefined) sections.add(section);
  }
  return [...sections];
}

/** Every region × category pair the registry subscribes `node` to, wildcards expanded. */
function entitlement(node: string, registry: RegistryIndex): Map<string, Set<string>> {
  const pairs = new Map<string, Set<string>>();
  const allRegions = registry.regionList().map((region) => region.id);
  for (const subscription of registry.node(node)?.subscriptions ?? []) {
    const regions = subscription.regions.includes(WILDCARD) ? allRegions : subscription.regions;
    const categories = subscription.categories.includes(WILDCARD)
      ? SUBSCRIBABLE_CATEGORIES
      : subscription.categories;
    for (const region of regions) {
      const held = pairs.get(region) ?? new Set<string>();
      for (const category of categories) held.add(category);
      pairs.set(region, held);
    }
  }
  return pairs;
}

/**
 * Where `change` reaches beyond its sender's registry subscriptions (the ceiling), one violation per
 * entry: a region the node receives in none of the filter's categories, a category it receives in none
 * of the filter's regions, a section on none of the regions the filter reaches. The node checks this
 * before sending and the hub again before applying, against the registry each holds. Ids the registry
 * does not know are left to validateMessage, which refuses them.
 */
export function subscriptionCeilingViolations(
  change: SubscriptionChange,
  registry: RegistryIndex,
): Violation[] {
  const held = entitlement(change.sender, registry);
  const out: Violation[] = [];
  const node = change.sender;
  change.filters.forEach((filter, f) => {
    const path = `filters[${f}]`;
    const regions = filter.regions.length > 0 ? filter.regions : [...held.keys()];
    const categories = filter.categories.length > 0 ? filter.categories : SUBSCRIBABLE_CATEGORIES;
    filter.regions.forEach((region, i) => {
      if (!registry.hasRegion(region)) return;
      if (!categories.some((category) => held.get(region)?.has(category)))
        out.push({
          field: `${path}.regions[${i}]`,
          reason: `beyond the registry: ${node} does not receive ${region} in these categories`,
        });
    });
    filter.categories.forEach((category, i) => {
      if (!SUBSCRIBABLE_CATEGORIES.includes(category)) return;
      if (!regions.some((region) => held.get(region)?.has(category)))
        out.push({
          field: `${path}.categories[${i}]`,
          reason: `beyond the registry: ${node} does not receive ${category} in these regions`,
        });
    });
    const reached = new Set(regions.filter((region) => held.has(region)));
    filter.sections.forEach((id, i) => {
      const section = registry.borderSections().find((known) => known.id === id);
      if (section === undefined) return;
      if (!section.regions.some((region) => reached.has(region)))
        out.push({
          field: `${path}.sections[${i}]`,
          reason: `beyond the registry: ${id} lies in no region ${node} receives here`,
        });
    });
  });
  return out;
}
