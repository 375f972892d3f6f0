import type { Registry } from '#registry';

/** One registered public key and where it stands. */
export interface KeyView {
  node: string;
  publicKey: string;
  /** When it may start signing; null when always. */
  notBefore: string | null;
  /** When it stops signing (a revocation, planned or past); null when never. */
  notAfter: string | null;
  /** Whole days until `notAfter` (negative once past); null without one. */
  expiresInDays: number | null;
  /** True once `notAfter` is past: the key is revoked. */
  revoked: boolean;
  revokedAt: string | null;
}

const DAY_MS = 86_400_000;

/**
 * Every key of every registry node with its validity window. The registry gives a key a start
 * (`from`) and an end (`revokedAt`, which may lie ahead for a rotation's grace period): its expiry.
 */
export function registryKeys(registry: Readonly<Registry>, now: Date): KeyView[] {
  return registry.nodes.flatMap((node) =>
    node.publicKeys.map((publicKey): KeyView => {
      const window = node.keyWindows?.find((candidate) => candidate.key === publicKey);
      const end = window?.revokedAt === undefined ? undefined : new Date(window.revokedAt);
      const revoked = end !== undefined && end <= now;
      return {
        node: node.id,
        publicKey,
        notBefore: window?.from === undefined ? null : new Date(window.from).toISOString(),
        notAfter: end?.toISOString() ?? null,
        expiresInDays: end === undefined ? null : Math.floor((end.getTime() - now.getTime()) / DAY_MS),
        revoked,
        revokedAt: revoked ? end.toISOString() : null,
      };
    }),
  );
}
