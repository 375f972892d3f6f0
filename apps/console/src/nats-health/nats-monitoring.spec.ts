import { addUsage, jetStreamOf, leafLinksOf, routeRemotesOf, serverOf } from './nats-monitoring.js';

describe('NATS monitoring endpoints', () => {
  it('reads a server from /varz', () => {
    expect(
      serverOf({
        server_id: 'NAB',
        server_name: 'hub-nats-1',
        version: '2.9.10',
        start: '2026-12-04T10:00:00Z',
        now: '2026-12-04T11:00:30Z',
        connections: 7,
      }),
    ).toEqual({ id: 'NAB', name: 'hub-nats-1', version: '2.9.10', uptimeS: 3630, connections: 7 });
  });

  it('names routes and leaf links by name on 2.10+, by id and address on 2.9', () => {
    expect(
      routeRemotesOf({ routes: [{ remote_id: 'NCD' }, { remote_id: 'NEF', remote_name: 'hub-nats-3' }] }),
    ).toEqual(['NCD', 'hub-nats-3']);
    expect(
      leafLinksOf({
        leafs: [
          { account: 'KZ_BORDER', ip: '10.1.2.3' },
          { name: 'kz-site', account: 'KZ_CUSTOMS', ip: 'x' },
        ],
      }),
    ).toEqual([
      { name: '10.1.2.3', account: 'KZ_BORDER' },
      { name: 'kz-site', account: 'KZ_CUSTOMS' },
    ]);
  });

  it('reads JetStream usage from /jsz and adds up several servers; a missing limit is none', () => {
    const one = jetStreamOf({
      streams: 6,
      consumers: 9,
      messages: 120,
      bytes: 4096,
      memory: 0,
      storage: 4096,
      config: { max_memory: 1024, max_storage: 8192 },
    });
    expect(one).toEqual({
      streams: 6,
      consumers: 9,
      messages: 120,
      bytes: 4096,
      memory: { used: 0, limit: 1024 },
      storage: { used: 4096, limit: 8192 },
    });
    expect(addUsage(one, jetStreamOf({ streams: 1, storage: 10 }))).toMatchObject({
      streams: 7,
      storage: { used: 4106, limit: null },
    });
  });
});
