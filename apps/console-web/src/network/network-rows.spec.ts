import type { Network, NetworkNode, NodeInstance } from '../api/network.js';
import { countByStatus, lagOf, networkRows, shortInstance } from './network-rows.js';

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
  it('gives each node one row, hubs first, then nodes by id', () => {
    const network: Network = {
      heartbeatIntervalMs: 1000,
      nodes: [node('uz-customs'), node('kz-border'), node('hub', { kind: 'hub' })],
    };
    expect(networkRows(network).map((row) => row.key)).toEqual(['hub', 'kz-border', 'uz-customs']);
  });

  it('shows the freshest instance in the node’s row and the others beneath it', () => {
    const network: Network = {
      heartbeatIntervalMs: 1000,
      nodes: [
        node('tj-border', {
          status: 'live',
          instances: [
            instance({ instance: 'old', status: 'silent', heartbeatAgeS: 40 }),
            instance({ instance: 'new', status: 'live', heartbeatAgeS: 2 }),
          ],
        }),
      ],
    };
    const [row] = networkRows(network);
    expect(row).toMatchObject({ status: 'live', instance: { instance: 'new' } });
    expect(row?.others).toEqual([expect.objectContaining({ key: 'tj-border/old', status: 'silent' })]);
  });

  it('gives a node never heard from a row with its status and no instance', () => {
    const network: Network = {
      heartbeatIntervalMs: 1000,
      nodes: [node('unodc', { status: 'never', instances: [] })],
    };
    const [row] = networkRows(network);
    expect(row).toMatchObject({ key: 'unodc', status: 'never', others: [] });
    expect(row?.instance).toBeUndefined();
  });

  it('takes the node’s lag from the server when it gives one', () => {
    const network: Network = {
      heartbeatIntervalMs: 1000,
      nodes: [
        node('hub', { kind: 'hub', instances: [instance({ lag: [lag('node-tj-border', 'tj-border', 5)] })] }),
        node('tj-border', { status: 'silent', lag: [lag('node-tj-border', 'tj-border', 40)] }),
      ],
    };
    expect(networkRows(network)[1]?.lag?.pending).toBe(40);
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

describe('shortInstance', () => {
  it('keeps the random end of a UUIDv7, which two instances started together do not share', () => {
    expect(shortInstance('0190c0de-7a1b-7c2d-8e3f-a1b2c3d4e5f6')).toBe('…c3d4e5f6');
    expect(shortInstance('hub-1')).toBe('hub-1');
  });
});
