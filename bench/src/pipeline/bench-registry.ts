import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { loadRegistry, stringifyRegistry, type Registry, type RegistryNode } from '#registry';

/** The region the load scenarios publish to; the five recipients subscribe to all of its categories. */
export const LOAD_REGION = 'bench-load';
/** The region only the catch-up recipient subscribes to. */
export const CATCHUP_REGION = 'bench-catchup';
export const PUBLISHERS = ['bench-pub-1', 'bench-pub-2', 'bench-pub-3', 'bench-pub-4', 'bench-pub-5'];
export const RECIPIENTS = ['bench-sub-1', 'bench-sub-2', 'bench-sub-3', 'bench-sub-4', 'bench-sub-5'];
export const CATCHUP_RECIPIENT = 'bench-late';

function benchNode(template: RegistryNode, id: string, regions: string[]): RegistryNode {
  return {
    ...template,
    id,
    name: `Benchmark node ${id}`,
    publicKeys: [],
    subscriptions: regions.length === 0 ? [] : [{ regions, categories: ['*'] }],
  };
}

/**
 * The committed registry (its sections and crossing points, which the alerts name, and its hub) with
 * the benchmark's cast instead of the agencies: five publishers, five recipients of `bench-load`, and
 * one recipient of `bench-catchup`. Written to `<dir>/bench-registry.yaml` for `keys init` to enrol.
 */
export async function writeBenchRegistry(deployRegistry: string, dir: string): Promise<string> {
  const source = loadRegistry(deployRegistry);
  const hub = source.nodes.find((node) => node.kind === 'hub');
  const template = source.nodes.find((node) => node.kind === 'border');
  if (hub === undefined || template === undefined)
    throw new Error(`${deployRegistry} lacks a hub or a border node`);
  const registry: Registry = {
    ...source,
    regions: [
      ...source.regions,
      { id: LOAD_REGION, name: 'Benchmark load region' },
      { id: CATCHUP_REGION, name: 'Benchmark catch-up region' },
    ],
    nodes: [
      hub,
      ...PUBLISHERS.map((id) => benchNode(template, id, [])),
      ...RECIPIENTS.map((id) => benchNode(template, id, [LOAD_REGION])),
      benchNode(template, CATCHUP_RECIPIENT, [CATCHUP_REGION]),
    ],
  };
  const file = join(dir, 'bench-registry.yaml');
  await writeFile(file, stringifyRegistry(registry));
  return file;
}
