import { loadRegistry, RegistryIndex } from '#registry';
import type { NodeSigner } from '#trust';
import type { NodeConfig } from '../config/node.config.js';
import { loadNodeSigner } from './node-signer.js';

/** Who this node is (its signer) and whom it knows (the registry). */
export interface NodeIdentity {
  registry: RegistryIndex;
  signer: NodeSigner;
}

/**
 * Loads the registry and the node's signer, checked against its registry entry. Runs before any
 * connection is opened, so a node with a wrong key or registry fails at once and leaves nothing behind.
 *
 * @throws RegistryError for an unreadable or invalid registry; NodeIdentityError for the seed.
 */
export function loadNodeIdentity(config: NodeConfig): NodeIdentity {
  const registry = new RegistryIndex(loadRegistry(config.REGISTRY_FILE));
  return { registry, signer: loadNodeSigner(config.NODE_ID, config.NODE_SEED_FILE, registry) };
}
