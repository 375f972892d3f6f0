import type { NodeKey } from '../api/keys.js';

/** Where a key stands: what the keys screen sorts and marks it by. */
export type KeyStanding = 'expired' | 'expiring' | 'valid' | 'unlimited' | 'revoked';

/** Keys expiring within this many days come first. */
export const EXPIRY_SOON_DAYS = 30;

const DAY_MS = 86_400_000;

/** Whole days left before the key's `notAfter` (negative once past), undefined when it has none. */
export function daysLeft(key: NodeKey, now: number): number | undefined {
  if (typeof key.expiresInDays === 'number') return key.expiresInDays;
  if (key.notAfter === undefined || key.notAfter === null) return undefined;
  const end = Date.parse(key.notAfter);
  return Number.isNaN(end) ? undefined : Math.floor((end - now) / DAY_MS);
}

export function keyStanding(key: NodeKey, now: number, soonDays = EXPIRY_SOON_DAYS): KeyStanding {
  if (key.revoked) return 'revoked';
  const days = daysLeft(key, now);
  if (days === undefined) return 'unlimited';
  if (days < 0) return 'expired';
  return days <= soonDays ? 'expiring' : 'valid';
}

const STANDING_ORDER: Record<KeyStanding, number> = {
  expired: 0,
  expiring: 1,
  valid: 2,
  unlimited: 3,
  revoked: 4,
};

/**
 * Keys in the order an operator acts on them: expired, then expiring soon, then the others, each
 * soonest first; keys without an end after them; revoked ones last, most recently revoked first.
 */
export function sortKeysForReview(
  keys: readonly NodeKey[],
  now: number,
  soonDays = EXPIRY_SOON_DAYS,
): NodeKey[] {
  const rank = (key: NodeKey) => STANDING_ORDER[keyStanding(key, now, soonDays)];
  return [...keys].sort(
    (a, b) =>
      rank(a) - rank(b) ||
      (daysLeft(a, now) ?? Infinity) - (daysLeft(b, now) ?? Infinity) ||
      (b.revokedAt ?? '').localeCompare(a.revokedAt ?? '') ||
      a.node.localeCompare(b.node) ||
      a.publicKey.localeCompare(b.publicKey),
  );
}
