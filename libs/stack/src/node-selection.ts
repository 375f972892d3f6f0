import type { Registry } from '#registry';
import { StackConfigError } from './stack.errors.js';

/** The nodes `borderlink up` starts unless told otherwise: the README's walkthrough cast. */
export const DEFAULT_STACK_NODES: readonly string[] = [
  'kz-border',
  'tj-border',
  'uz-customs',
  'unodc',
  'kg-customs',
];

/** The `--nodes` value that selects every agency node of the registry. */
export const ALL_NODES = 'all';

/** The registry's hub identity: the node of kind `hub`. */
export function hubId(registry: Registry): string {
  const hub = registry.nodes.find((node) => node.kind === 'hub');
  if (hub === undefined)
    throw new StackConfigError('the registry has no node of kind "hub" for the hub to sign as');
  return hub.id;
}

/**
 * The agency nodes to start, in the order given: `all` (every node but the hub), a comma-separated
 * list of ids, or the default cast when `spec` is undefined.
 * @throws StackConfigError for an empty list, an unknown id, the hub's id, or a repeated id.
 */
export function selectNodes(registry: Registry, spec: string | undefined): string[] {
  const agencies = registry.nodes.filter((node) => node.kind !== 'hub').map((node) => node.id);
  if (spec?.trim() === ALL_NODES) return agencies;
  const ids = spec === undefined ? [...DEFAULT_STACK_NODES] : spec.split(',').map((id) => id.trim());
  if (ids.length === 0 || ids.some((id) => id === '')) {
    throw new StackConfigError(`--nodes takes "${ALL_NODES}" or a comma-separated list of node ids`);
  }
  const known = new Set(agencies);
  const unknown = ids.filter((id) => !known.has(id));
  if (unknown.length > 0) {
    throw new StackConfigError(`unknown agency node(s) ${unknown.join(', ')}; known: ${agencies.join(', ')}`);
  }
  const repeated = ids.filter((id, index) => ids.indexOf(id) !== index);
  if (repeated.length > 0)
    throw new StackConfigError(`node(s) listed twice: ${[...new Set(repeated)].join(', ')}`);
  return ids;
}
