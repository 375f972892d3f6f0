import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clock } from '../common/clock.js';
import type { NodeConfig } from '../config/node.config.js';
import { HandedOutRepository } from './handed-out.repository.js';

const DAY_MS = 24 * 60 * 60 * 1000;

describe('HandedOutRepository', () => {
  let dir: string;
  let now: Date;
  const open: HandedOutRepository[] = [];
  const openLog = () => {
    const log = new HandedOutRepository(
      { NODE_STORE_FILE: join(dir, 'store.sqlite') } as NodeConfig,
      {
        now: () => now,
      } as Clock,
    );
    open.push(log);
    return log;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bl-handed-out-'));
    now = new Date('2026-03-01T00:00:00Z');
  });

  afterEach(() => {
    for (const log of open.splice(0)) log.onApplicationShutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('says first only once per id, also across a restart of the node', () => {
    const log = openLog();
    expect(log.first(['a1'])).toEqual([true]);
    expect(log.first(['a1'])).toEqual([false]);
    log.onApplicationShutdown();
    open.splice(0);
    const reopened = openLog();
    expect(reopened.first(['a1'])).toEqual([false]);
    expect(reopened.first(['a2'])).toEqual([true]);
  });

  it('records a batch of ids in one call, an id given twice first only once', () => {
    const log = openLog();
    expect(log.first(['a1'])).toEqual([true]);
    expect(log.first(['a2', 'a1', 'a3', 'a2'])).toEqual([true, false, true, false]);
    expect(log.first([])).toEqual([]);
  });

  it('forgets ids older than the delivery stream keeps, at start', () => {
    const log = openLog();
    log.first(['old']);
    now = new Date(now.getTime() + 10 * DAY_MS);
    log.first(['recent']);
    now = new Date(now.getTime() + 25 * DAY_MS);
    log.onApplicationBootstrap();
    expect(log.first(['recent'])).toEqual([false]);
    expect(log.first(['old'])).toEqual([true]);
  });
});
