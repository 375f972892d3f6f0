import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  loadRegistry,
  stringifyRegistry,
  type Region,
  type Registry,
  type RegistryNode,
  type Subscription,
} from '#registry';

/** The region the load scenarios publish to; the five recipients subscribe to all of its categories. */
export const LOAD_REGION = 'bench-load';
/** The region only the catch-up recipient subscribes to. */
export const CATCHUP_REGION = 'bench-catchup';
export const PUBLISHERS = ['bench-pub-1', 'bench-pub-2', 'bench-pub-3', 'bench-pub-4', 'bench-pub-5'];
export const RECIPIENTS = ['bench-sub-1', 'bench-sub-2', 'bench-sub-3', 'bench-sub-4', 'bench-sub-5'];
export const CATCHUP_RECIPIENT = 'bench-late';
/** Nodes of the benchmark's own cast: the hub, the publishers, the recipients and the late recipient. */
export const BENCH_CAST_NODES = 1 + PUBLISHERS.length + RECIPIENTS.length + 1;

/** Regions and nodes a scenario adds to the cast: B6's fan-out recipients, B7's filler nodes. */
export interface CastExtension {
  regions: Region[];
  nodes: { id: string; subscriptions: Subscription[] }[];
}

const NO_EXTENSION: CastExtension = { regions: [], nodes: [] };

/** Every category of `regions`; no subscription at all for no region. */
export function everyCategoryOf(regions: string[]): Subscription[] {
  return regions.length === 0 ? [] : [{ regions, categories: ['*'] }];
}

function benchNode(template: RegistryNode, id: string, subscriptions: Subscription[]): RegistryNode {
  return { ...template, id, name: `Benchmark node ${id}`, publicKeys: [], subscriptions };
}

/**
 * The committed registry (its sections and crossing points, which the alerts name, and its hub) with
 * the benchmark's cast instead of the agencies: five publishers, five recipients of `bench-load`, and
 * one recipient of `bench-catchup`, then the scenario's `extension`. Written to
 * `<dir>/bench-registry.yaml` for `keys init` to enrol.
 */
export async function writeBenchRegistry(
  deployRegistry: string,
  dir: string,
  extension: CastExtension = NO_EXTENSION,
): Promise<string> {
  const source = loadRegistry(deployRegistry);
  const hub = source.nodes.find((node) => node.kind === 'hub');
  const template = source.nodes.find((node) => node.kind === 'border');
  if (hub === undefined || template === undefined)
    throw new Error(`${deployRegistry} lacks a hub or a border node`);
  const registry: Registry = {
    ...source,
    // The agencies' escalation contacts are not in the cast.
    organisations: source.organisations.map(({ escalation: _contact, ...organisation }) => organisation),
    regions: [
      ...source.regions,
      { id: LOAD_REGION, name: 'Benchmark load region' },
      { id: CATCHUP_REGION, name: 'Benchmark catch-up region' },
      ...extension.regions,
    ],
    nodes: [
      hub,
      ...PUBLISHERS.map((id) => benchNode(template, id, [])),
      ...RECIPIENTS.map((id) => benchNode(template, id, everyCategoryOf([LOAD_REGION]))),
      benchNode(template, CATCHUP_RECIPIENT, everyCategoryOf([CATCHUP_REGION])),
      ...extension.nodes.map(({ id, subscriptions }) => benchNode(template, id, subscriptions)),
    ],
  };
  const file = join(dir, 'bench-registry.yaml');
  await writeFile(file, stringifyRegistry(registry));
  return file;
}
