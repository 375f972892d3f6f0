import { CATEGORY_TOKEN_LIST, GENERAL_CATEGORY } from '#contracts';
import { WILDCARD, type Registry } from '#registry';
import { BENCH_CAST_NODES, everyCategoryOf, type CastExtension } from './bench-registry.js';

/** B6: the region whose subscribers are the first `fanOut` fan-out recipients. */
export const fanOutRegion = (fanOut: number): string => `bench-fan-out-${fanOut}`;

/** B6: the recipients of an alert to `fanOutRegion(fanOut)`, `bench-fan-1` to `bench-fan-<fanOut>`. */
export function fanOutRecipients(fanOut: number): string[] {
  return Array.from({ length: fanOut }, (_, index) => `bench-fan-${index + 1}`);
}

/**
 * B6's cast: a region per fan-out N, to which the first N fan-out recipients subscribe (every
 * category). Recipient k subscribes to every region of a fan-out of k or more, so the steps can run in
 * ascending order on one stack, each with exactly its recipients running.
 */
export function fanOutCast(fanOuts: readonly number[]): CastExtension {
  const recipients = fanOutRecipients(Math.max(0, ...fanOuts));
  return {
    regions: fanOuts.map((fanOut) => ({ id: fanOutRegion(fanOut), name: `Benchmark fan-out ${fanOut}` })),
    nodes: recipients.map((id, index) => ({
      id,
      subscriptions: everyCategoryOf(fanOuts.filter((fanOut) => fanOut > index).map(fanOutRegion)),
    })),
  };
}

// B7's filler nodes share a region ten at a time, each subscribed to every real category of it (not
// `general`): ten region × category entries per node, on topics no benchmark alert names.
const FILLERS_PER_REGION = 10;

/**
 * B7's cast: filler nodes that bring the registry to `total` nodes, each with ten subscription
 * entries on regions of their own, so an alert to `bench-load` still reaches the same five recipients
 * while the registry, its topics and the hub's per-node delivery consumers grow.
 */
export function registryGrowthCast(total: number): CastExtension {
  const fillers = Math.max(0, total - BENCH_CAST_NODES);
  const regions = Math.ceil(fillers / FILLERS_PER_REGION);
  const region = (index: number): string => `bench-growth-${index + 1}`;
  return {
    regions: Array.from({ length: regions }, (_, index) => ({
      id: region(index),
      name: `Benchmark growth region ${index + 1}`,
    })),
    nodes: Array.from({ length: fillers }, (_, index) => ({
      id: `bench-filler-${index + 1}`,
      subscriptions: [
        { regions: [region(Math.floor(index / FILLERS_PER_REGION))], categories: [...CATEGORY_TOKEN_LIST] },
      ],
    })),
  };
}

/**
 * The node × region × category entries a registry's subscriptions deliver, wildcards expanded and
 * each counted once, as the hub's index holds them.
 */
export function subscriptionEntries(registry: Registry): number {
  const allRegions = registry.regions.map((region) => region.id);
  const allCategories = [...CATEGORY_TOKEN_LIST, GENERAL_CATEGORY];
  const entries = new Set<string>();
  for (const node of registry.nodes) {
    for (const { regions, categories } of node.subscriptions) {
      for (const region of regions.includes(WILDCARD) ? allRegions : regions)
        for (const category of categories.includes(WILDCARD) ? allCategories : categories)
          entries.add(`${node.id} ${region} ${category}`);
    }
  }
  return entries.size;
}
