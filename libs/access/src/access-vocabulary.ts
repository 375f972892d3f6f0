// The words of a node's access policy, shared by the node, the CLI that issues API keys and the
// local stack's demo identity provider. docs/policy.md ("Who may do what at a node") explains them.
// Renaming one is a breaking change for every identity provider mapping and keys file.

/**
 * What a person or service may do at its node, each independent of the others (a person holds
 * as many as the identity provider grants):
 * - `reader`: the inbox, the stream, sent messages' state, the groups and the docs;
 * - `author`: alerts, notices, receipts and release requests;
 * - `supervisor`: release decisions (four eyes for TLP:RED and AMBER+STRICT), group changes,
 *   updating or cancelling the agency's alerts;
 * - `administrator`: API keys and the node's settings, metrics and health details;
 * - `monitor`: metrics and health details only (a Prometheus scraper's key).
 */
export const ROLES = ['reader', 'author', 'supervisor', 'administrator', 'monitor'] as const;
export type Role = (typeof ROLES)[number];

/**
 * The most restricted TLP label a principal may see, in increasing order: `amber` sees TLP:CLEAR,
 * GREEN and AMBER; `amber-strict` also AMBER+STRICT; `red` everything. A message without a TLP label
 * counts as TLP:RED, as it does for routing.
 */
export const CLEARANCES = ['amber', 'amber-strict', 'red'] as const;
export type Clearance = (typeof CLEARANCES)[number];

/** The clearance of a principal whose identity says none. */
export const DEFAULT_CLEARANCE: Clearance = 'amber';

export function isRole(value: unknown): value is Role {
  return (ROLES as readonly unknown[]).includes(value);
}

export function isClearance(value: unknown): value is Clearance {
  return (CLEARANCES as readonly unknown[]).includes(value);
}

/** True when `held` is at least `needed`. */
export function clearanceCovers(held: Clearance, needed: Clearance): boolean {
  return CLEARANCES.indexOf(held) >= CLEARANCES.indexOf(needed);
}
