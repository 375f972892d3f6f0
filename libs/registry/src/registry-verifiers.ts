import { SignatureVerifier, type HubKeys } from '#trust';
import type { RegistryIndex } from './registry-index.js';

/** Checks signatures against the keys the registry lists for each node, within their validity windows. */
export function signatureVerifierOf(registry: RegistryIndex): SignatureVerifier {
  return new SignatureVerifier(
    (node) => registry.publicKeys(node),
    (node, key) => registry.keyWindow(node, key),
  );
}

/**
 * The registry's hubs and their keys: what checkpoints, rollovers and delivery statements are verified
 * against. `signatures` is the app's verifier over the same registry when it has one.
 */
export function hubKeysOf(registry: RegistryIndex, signatures = signatureVerifierOf(registry)): HubKeys {
  return { signatures, isHub: (node) => registry.node(node)?.kind === 'hub' };
}
