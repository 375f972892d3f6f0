import { readFileSync } from 'node:fs';
import type { RegistryIndex } from '#registry';
import { NodeSigner } from '#trust';
import { NodeIdentityError } from './identity.errors.js';

function readSeed(path: string): string {
  try {
    return readFileSync(path, 'utf8').trim();
  } catch (error) {
    throw new NodeIdentityError(`cannot read the node seed file ${path}`, { cause: error });
  }
}

/**
 * The signer of node `nodeId`, from the seed in `seedFile`. Refuses to start a node whose key the
 * registry does not list for it: every message it sent would be rejected by the hub and receivers.
 *
 * @throws NodeIdentityError when the seed cannot be read or parsed, or its key is not enrolled.
 */
export function loadNodeSigner(nodeId: string, seedFile: string, registry: RegistryIndex): NodeSigner {
  let signer: NodeSigner;
  try {
    signer = NodeSigner.fromSeed(readSeed(seedFile));
  } catch (error) {
    if (error instanceof NodeIdentityError) throw error;
    throw new NodeIdentityError(`${seedFile} does not hold a valid nkey user seed (SU…)`, { cause: error });
  }
  const node = registry.node(nodeId);
  if (node === undefined) {
    throw new NodeIdentityError(`node ${nodeId} is not in the registry`);
  }
  if (!node.publicKeys.includes(signer.publicKey)) {
    throw new NodeIdentityError(
      `the key of ${seedFile} (${signer.publicKey}) is not among the registry's public keys of node ${nodeId}; ` +
        'enrol it (borderlink keys init) or point NODE_SEED_FILE at the enrolled seed',
    );
  }
  return signer;
}
