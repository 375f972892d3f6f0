import type { SignatureVerifier } from './signature-verifier.js';

/**
 * Who may speak for the hub, in the audit chain and in delivery statements: the registry's nodes of
 * kind `hub`, each with its keys and their validity windows. Only a hub's key, valid at the signed
 * time, makes a checkpoint, a rollover or a statement count.
 */
export interface HubKeys {
  /** Verifies signatures against the registry's keys and their windows. */
  signatures: SignatureVerifier;
  /** Whether `node` is a hub in the registry. */
  isHub(node: string): boolean;
}
