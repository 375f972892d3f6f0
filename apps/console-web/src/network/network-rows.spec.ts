import type { Network, NetworkNode, NodeInstance } from '../api/network.js';
import { countByStatus, lagOf, networkRows } from './network-rows.js';

function instance(overrides: Partial<NodeInstance> = {}): NodeInstance {
  return {
    instance: 'i-1',
    version: '0.1.0',
    startedAt: '2026-12-04T10:00:00Z',
    uptimeS: 3600,
    heartbeatAt: '2026-12-04T11:00:00Z',
    heartbeatAgeS: 1,
    status: 'live',
    lag: [],
    ...overrides,
  };
}

function node(id: string, overrides: Partial<NetworkNode> = {}): NetworkNode {
  return {
    id,
    kind: 'node',
    name: id,
    organisation: 'org',
    country: 'TJ',
    status: 'live',
    instances: [instance()],
    ...overrides,
  };
}

const lag = (consumer: string, forNode: string, pending: number) => ({
  consumer,
  node: forNode,
  pending,
  ackPending: 1,
  redelivered: 0,
});

describe('networkRows', () => {
  it('lists hubs first, then nodes by id, one row per instance, oldest first', () => {
    const network: Network = {
      heartbeatIntervalMs: 1000,
      nodes: [
        node('uz-customs'),
        node('kz-border', {
          instances: [
            instance({ instance: 'b', startedAt: '2026-12-04T10:05:00Z' }),
            instance({ instance: 'a', startedAt: '2026-12-04T10:00:00Z' }),
          ],
        }),
        node('hub', { kind: 'hub' }),
      ],
    };
    expect(networkRows(network).map((row) => row.key)).toEqual([
      'hub/i-1',
      'kz-border/a',
      'kz-border/b',
      'uz-customs/i-1',
    ]);
  });

  it('gives a node never heard from one row with its status', () => {
    const network: Network = {
      heartbeatIntervalMs: 1000,
      nodes: [node('unodc', { status: 'never', instances: [] })],
    };
    const [row] = networkRows(network);
    expect(row).toMatchObject({ key: 'unodc', status: 'never' });
    expect(row?.instance).toBeUndefined();
  });

  it('takes each row’s status from its instance', () => {
    const network: Network = {
      heartbeatIntervalMs: 1000,
      nodes: [node('tj-border', { status: 'silent', instances: [instance({ status: 'silent' })] })],
    };
    expect(networkRows(network)[0]?.status).toBe('silent');
  });
});

describe('lagOf', () => {
  it('shows a stopped node’s backlog growing as the live hub reports it', () => {
    const network: Network = {
      heartbeatIntervalMs: 1000,
      nodes: [
        node('hub', {
          kind: 'hub',
          instances: [instance({ heartbeatAgeS: 1, lag: [lag('node-tj-border', 'tj-border', 40)] })],
        }),
        node('tj-border', {
          status: 'silent',
          instances: [
            instance({ status: 'silent', heartbeatAgeS: 30, lag: [lag('node-tj-border', 'tj-border', 2)] }),
          ],
        }),
      ],
    };
    expect(lagOf('tj-border', network)).toEqual({
      pending: 40,
      ackPending: 1,
      redelivered: 0,
      consumers: ['node-tj-border'],
    });
  });

  it('sums a node’s consumers and is absent when nobody reports one', () => {
    const network: Network = {
      heartbeatIntervalMs: 1000,
      nodes: [
        node('hub', { kind: 'hub', instances: [instance({ lag: [lag('b', 'kz', 3), lag('a', 'kz', 4)] })] }),
      ],
    };
    expect(lagOf('kz', network)).toEqual({
      pending: 7,
      ackPending: 2,
      redelivered: 0,
      consumers: ['a', 'b'],
    });
    expect(lagOf('uz', network)).toBeUndefined();
  });
});

describe('countByStatus', () => {
  it('counts nodes by their status', () => {
    const network: Network = {
      heartbeatIntervalMs: 1000,
      nodes: [node('a'), node('b', { status: 'silent' }), node('c', { status: 'silent' })],
    };
    expect(countByStatus(network)).toEqual({ live: 1, late: 0, silent: 2, never: 0 });
  });
});
