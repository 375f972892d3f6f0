import type { Registry } from '#registry';
import { registryKeys } from './registry-keys.js';

const registry = (keyWindows: NonNullable<Registry['nodes'][number]['keyWindows']>): Registry => ({
  version: 1,
  regions: [],
  sections: [],
  crossingPoints: [],
  organisations: [],
  nodes: [
    {
      id: 'kz-border',
      name: 'KZ',
      kind: 'border',
      organisation: 'kz',
      publicKeys: ['UOLD', 'UNEW', 'UPLAIN'],
      keyWindows,
      subscriptions: [],
    },
  ],
});

describe('registryKeys', () => {
  const now = new Date('2026-12-04T12:00:00Z');

  it('gives a rotated-out key its days until it stops signing, a revoked one its time, a plain one neither', () => {
    const keys = registryKeys(
      registry([
        { key: 'UOLD', revokedAt: '2026-12-14T12:00:00Z' },
        { key: 'UNEW', from: '2026-11-01T00:00:00Z' },
      ]),
      now,
    );
    expect(keys).toEqual([
      {
        node: 'kz-border',
        publicKey: 'UOLD',
        notBefore: null,
        notAfter: '2026-12-14T12:00:00.000Z',
        expiresInDays: 10,
        revoked: false,
        revokedAt: null,
      },
      {
        node: 'kz-border',
        publicKey: 'UNEW',
        notBefore: '2026-11-01T00:00:00.000Z',
        notAfter: null,
        expiresInDays: null,
        revoked: false,
        revokedAt: null,
      },
      {
        node: 'kz-border',
        publicKey: 'UPLAIN',
        notBefore: null,
        notAfter: null,
        expiresInDays: null,
        revoked: false,
        revokedAt: null,
      },
    ]);
  });

  it('calls a key revoked once its end has passed, with negative days', () => {
    const [old] = registryKeys(registry([{ key: 'UOLD', revokedAt: '2026-12-01T00:00:00Z' }]), now);
    expect(old).toMatchObject({ revoked: true, revokedAt: '2026-12-01T00:00:00.000Z', expiresInDays: -4 });
  });
});
