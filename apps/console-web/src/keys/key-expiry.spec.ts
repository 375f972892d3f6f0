import type { NodeKey } from '../api/keys.js';
import { daysLeft, keyStanding, sortKeysForReview } from './key-expiry.js';

const now = Date.parse('2026-12-04T12:00:00Z');
const key = (node: string, overrides: Partial<NodeKey> = {}): NodeKey => ({
  node,
  publicKey: `U${node.toUpperCase()}`,
  revoked: false,
  ...overrides,
});

describe('keyStanding', () => {
  it('marks revoked, expired, expiring within 30 days, valid and unlimited keys', () => {
    expect(keyStanding(key('a', { revoked: true, expiresInDays: 3 }), now)).toBe('revoked');
    expect(keyStanding(key('a', { expiresInDays: -1 }), now)).toBe('expired');
    expect(keyStanding(key('a', { expiresInDays: 30 }), now)).toBe('expiring');
    expect(keyStanding(key('a', { expiresInDays: 31 }), now)).toBe('valid');
    expect(keyStanding(key('a'), now)).toBe('unlimited');
  });

  it('counts the days from notAfter when the server gives no count', () => {
    expect(daysLeft(key('a', { notAfter: '2026-12-14T12:00:00Z' }), now)).toBe(10);
    expect(keyStanding(key('a', { notAfter: '2026-12-14T12:00:00Z' }), now)).toBe('expiring');
  });
});

describe('sortKeysForReview', () => {
  it('puts keys expiring soon first, soonest first, and revoked ones last', () => {
    const keys = [
      key('revoked-old', { revoked: true, revokedAt: '2026-01-01T00:00:00Z' }),
      key('unlimited'),
      key('valid', { expiresInDays: 200 }),
      key('soon', { expiresInDays: 12 }),
      key('sooner', { expiresInDays: 2 }),
      key('revoked-new', { revoked: true, revokedAt: '2026-11-01T00:00:00Z' }),
      key('expired', { expiresInDays: -4 }),
    ];
    expect(sortKeysForReview(keys, now).map((k) => k.node)).toEqual([
      'expired',
      'sooner',
      'soon',
      'valid',
      'unlimited',
      'revoked-new',
      'revoked-old',
    ]);
  });
});
