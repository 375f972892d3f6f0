import type { ApiClient } from './api-client.js';

/** A node's signing key as the registry holds it (its public half only). */
export interface NodeKey {
  node: string;
  publicKey: string;
  /** When it may start signing; absent or null when always. */
  notBefore?: string | null;
  /** When it stops signing (a revocation, planned or past). */
  notAfter?: string | null;
  /** Whole days until `notAfter`; negative once past it. */
  expiresInDays?: number | null;
  revoked: boolean;
  revokedAt?: string | null;
}

export const listKeys = (api: ApiClient): Promise<{ keys: NodeKey[] }> =>
  api.get<{ keys: NodeKey[] }>('/v1/keys');
