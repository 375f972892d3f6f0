import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NodeConfig } from '../config/node.config.js';
import type { SealedEnvelope } from '../link/sealed-envelope.js';
import { OutboxRepository } from './outbox.repository.js';

const QUEUED_AT = new Date('2025-03-14T08:30:00.000Z');

function envelope(id: string): SealedEnvelope {
  return {
    msgId: id,
    kind: 'alert',
    subject: 'bl.in.kz-border.alert',
    body: new Uint8Array([1, 2, 3]),
    headers: { 'Bl-Signature': `sig-${id}` },
  };
}

describe('OutboxRepository', () => {
  let dir: string;
  let file: string;
  const open: OutboxRepository[] = [];
  const openStore = () => {
    const store = new OutboxRepository({ NODE_STORE_FILE: file } as NodeConfig);
    open.push(store);
    return store;
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bl-outbox-'));
    // A folder that does not exist yet: the store creates it.
    file = join(dir, 'outbox', 'kz-border.sqlite');
  });

  afterEach(() => {
    for (const store of open.splice(0)) store.onApplicationShutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives back what was queued, byte for byte, in queue order', () => {
    const store = openStore();
    expect(store.enqueue(envelope('a'), QUEUED_AT)).toBe(true);
    expect(store.enqueue(envelope('b'), QUEUED_AT)).toBe(true);
    const [first, second] = store.after(0, 10);
    expect(first).toMatchObject({ ...envelope('a'), queuedAt: QUEUED_AT });
    expect(second?.msgId).toBe('b');
    expect(store.after(first!.seq, 10).map((m) => m.msgId)).toEqual(['b']);
    expect(store.after(0, 1).map((m) => m.msgId)).toEqual(['a']);
  });

  it('keeps one row per id: a retry of a queued message changes nothing', () => {
    const store = openStore();
    store.enqueue(envelope('a'), QUEUED_AT);
    expect(store.enqueue({ ...envelope('a'), headers: { 'Bl-Signature': 'other' } }, new Date())).toBe(false);
    expect(store.after(0, 10)).toEqual([expect.objectContaining({ headers: { 'Bl-Signature': 'sig-a' } })]);
  });

  it('reports depth and the oldest queued time, and forgets what was removed', () => {
    const store = openStore();
    expect(store.depth()).toEqual({ depth: 0 });
    store.enqueue(envelope('a'), QUEUED_AT);
    store.enqueue(envelope('b'), new Date(QUEUED_AT.getTime() + 1_000));
    expect(store.depth()).toEqual({ depth: 2, oldestQueuedAt: QUEUED_AT });
    store.remove(store.after(0, 1)[0]!.seq);
    expect(store.depth()).toEqual({ depth: 1, oldestQueuedAt: new Date(QUEUED_AT.getTime() + 1_000) });
    expect(store.backlog(new Date(QUEUED_AT.getTime() + 4_000))).toEqual({ depth: 1, oldestAgeMs: 3_000 });
  });

  it('reports an empty backlog as no age', () => {
    expect(openStore().backlog(QUEUED_AT)).toEqual({ depth: 0, oldestAgeMs: 0 });
  });

  it('keeps the queue across a reopen, and never hands out a removed position again', () => {
    const store = openStore();
    store.enqueue(envelope('a'), QUEUED_AT);
    store.enqueue(envelope('b'), QUEUED_AT);
    const [a, b] = store.after(0, 10);
    store.remove(b!.seq);
    store.onApplicationShutdown();
    open.splice(open.indexOf(store), 1);

    const reopened = openStore();
    expect(reopened.after(0, 10).map((m) => m.msgId)).toEqual(['a']);
    reopened.enqueue(envelope('c'), QUEUED_AT);
    const c = reopened.after(a!.seq, 10)[0]!;
    expect(c.seq).toBeGreaterThan(b!.seq);
  });
});
