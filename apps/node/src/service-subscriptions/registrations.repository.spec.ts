import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeConfig } from '../config/node.config.js';
import { RegistrationsRepository } from './registrations.repository.js';
import type { StoredSubscription } from './service-subscription.js';

const subscription = (id: string, endpoint?: string): StoredSubscription => ({
  id,
  owner: 'service:00000000000000aa',
  ownerName: 'case-system',
  filter: { regions: ['afghan-border'], maxHandling: 'TLP:AMBER' },
  ...(endpoint === undefined ? {} : { endpoint }),
  createdAt: '2026-12-04T10:00:00.000Z',
  updatedAt: '2026-12-04T10:00:00.000Z',
  secret: 'whsec_c2VjcmV0',
});

describe('RegistrationsRepository', () => {
  let dir: string;
  let config: NodeConfig;
  const opened: RegistrationsRepository[] = [];
  const open = () => {
    const repository = new RegistrationsRepository(config);
    opened.push(repository);
    return repository;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bl-registrations-'));
    config = { NODE_STORE_FILE: join(dir, 'store.sqlite') } as NodeConfig;
  });

  afterEach(() => {
    for (const repository of opened.splice(0)) repository.onApplicationShutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps registrations, their secrets and their webhooks standing across a reopening', () => {
    const first = open();
    first.put(subscription('a', 'https://cases.border.tj/hook'));
    first.put(subscription('b'));
    first.saveStanding('a', { cursor: '1-0', failures: 4, epoch: 2, disabledAt: '2026-12-04T11:00:00.000Z' });
    first.delete('b');

    expect(open().all()).toEqual([
      {
        subscription: subscription('a', 'https://cases.border.tj/hook'),
        standing: { failures: 4, epoch: 2, disabledAt: '2026-12-04T11:00:00.000Z' },
      },
    ]);
  });

  it('follows the registrations another instance changed, dropping the removed with their standing', () => {
    const store = open();
    store.put(subscription('a', 'https://cases.border.tj/hook'));
    store.saveStanding('a', { cursor: '0', failures: 1, epoch: 0 });
    store.put(subscription('b'));

    store.mirror([subscription('b', 'https://other.border.tj/hook'), subscription('c')]);

    expect(open().all()).toEqual([
      { subscription: subscription('b', 'https://other.border.tj/hook') },
      { subscription: subscription('c') },
    ]);
  });

  it('knows the registrations only once it followed them, even when there were none', () => {
    expect(open().knowsRegistrations()).toBe(false);
    open().mirror([]);
    expect(open().knowsRegistrations()).toBe(true);
  });

  it('records a standing that was enabled again, without its disabling', () => {
    const store = open();
    store.put(subscription('a', 'https://cases.border.tj/hook'));
    store.saveStanding('a', {
      cursor: '5-0',
      failures: 10,
      epoch: 0,
      disabledAt: '2026-12-04T11:00:00.000Z',
    });
    store.saveStanding('a', { cursor: '5-0', failures: 0, epoch: 1 });

    expect(open().all()[0]?.standing).toEqual({ failures: 0, epoch: 1 });
  });
});
