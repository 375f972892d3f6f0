import type { RegistryNode } from './registry-model.js';

const SITE_ID = /^[a-z]{2}$/;

/** A national site id: the lowercase ISO 3166-1 alpha-2 code of its country (`kz`). */
export function isSiteId(value: string): boolean {
  return SITE_ID.test(value);
}

/**
 * The national site a node belongs to: its country in lowercase. The hub and nodes without a
 * country belong to none: they connect to the hub's servers.
 */
export function siteOf(node: RegistryNode): string | undefined {
  return node.kind === 'hub' ? undefined : node.country?.toLowerCase();
}

/** The ids of the nodes of one site, in registry order. */
export function siteMembers(nodes: readonly RegistryNode[], site: string): string[] {
  return nodes.filter((node) => siteOf(node) === site).map((node) => node.id);
}
