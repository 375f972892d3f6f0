import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccessChainVerifier, type AccessLogExport } from '#trust';
import Database from 'better-sqlite3';
import { fixtureAccessLog, fixtureReader } from '../../test/access.fixtures.js';
import type { Clock } from '../common/clock.js';
import { serveRequest } from '../common/request-id.js';
import { AccessLogUnavailableError } from './access-log.errors.js';
import type { AccessLogRepository } from './access-log.repository.js';
import type { AccessLogService, AccessRecorder } from './access-log.service.js';

const reader = fixtureReader('red', 'aigerim');
const desk = { ...fixtureReader('amber'), id: 'service:k7', kind: 'service' as const, name: 'duty desk' };

/** The break of an export under `publicKey`, or undefined when it verifies. */
function verify(exported: AccessLogExport, publicKey: string) {
  const verifier = new AccessChainVerifier({ keys: [publicKey] });
  for (const entry of exported.entries) {
    const broken = verifier.check(entry);
    if (broken) return broken;
  }
  return verifier.finish(exported.head);
}

describe('AccessLogService', () => {
  let dir: string;
  let file: string;
  let now: Date;
  const clock = { now: () => now } as Clock;
  let opened: AccessLogRepository[];
  let accessLog: AccessLogService;
  let publicKey: string;

  const open = () => {
    const log = fixtureAccessLog(file, clock);
    opened.push(log.repository);
    ({ accessLog, publicKey } = log);
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bl-access-log-'));
    file = join(dir, 'store.sqlite');
    now = new Date('2026-03-01T08:00:00.000Z');
    opened = [];
    open();
  });

  afterEach(() => {
    for (const repository of opened) repository.onApplicationShutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records who was handed which message, how, when and in which request, in a chain that verifies', () => {
    serveRequest('desk-4711', () => accessLog.record(reader, 'read', ['m1']));
    now = new Date('2026-03-01T08:05:00.000Z');
    serveRequest('desk-4712', () => accessLog.record(desk, 'list', ['m2', 'm1']));
    accessLog.record(reader, 'list', []);

    const exported = accessLog.export(reader, 0, 100);
    expect(exported.entries).toEqual([
      {
        sequence: 1,
        at: '2026-03-01T08:00:00.000Z',
        principal: 'person:aigerim',
        name: 'aigerim',
        action: 'read',
        message: 'm1',
        request: 'desk-4711',
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      },
      expect.objectContaining({ sequence: 2, principal: 'service:k7', name: 'duty desk', message: 'm2' }),
      expect.objectContaining({ sequence: 3, action: 'list', message: 'm1', request: 'desk-4712' }),
    ]);
    expect(exported.head).toMatchObject({
      node: 'kz-border',
      at: '2026-03-01T08:05:00.000Z',
      sequence: 3,
      hash: exported.entries[2]!.hash,
      key: publicKey,
    });
    expect(exported.next).toBeUndefined();
    expect(verify(exported, publicKey)).toBeUndefined();
  });

  it('keeps the request id a recorder was made in, for items handed out later (a live stream)', () => {
    let recorder: AccessRecorder | undefined;
    serveRequest('stream-1', () => {
      recorder = accessLog.recorder(reader, 'stream');
    });
    recorder!(['m9']);
    expect(accessLog.export(reader, 0, 10).entries).toEqual([
      expect.objectContaining({ action: 'stream', message: 'm9', request: 'stream-1' }),
    ]);
  });

  it('goes on with the same chain after a restart', () => {
    accessLog.record(reader, 'read', ['m1', 'm2']);
    opened.pop()!.onApplicationShutdown();
    open();
    accessLog.record(reader, 'read', ['m3']);
    const exported = accessLog.export(reader, 0, 10);
    expect(exported.entries.map((entry) => entry.sequence)).toEqual([1, 2, 3]);
    expect(verify(exported, publicKey)).toBeUndefined();
  });

  it('pages the export, each page with the head of the whole log', () => {
    accessLog.record(reader, 'list', ['m1', 'm2', 'm3', 'm4', 'm5']);
    const first = accessLog.export(reader, 0, 2);
    expect(first.entries.map((entry) => entry.message)).toEqual(['m1', 'm2']);
    expect(first).toMatchObject({ next: 2, head: { sequence: 5 } });
    const last = accessLog.export(reader, 4, 2);
    expect(last.entries.map((entry) => entry.message)).toEqual(['m5']);
    expect(last.next).toBeUndefined();
    expect(accessLog.export(reader, 0, 5).next).toBeUndefined();
  });

  it('signs the head of an empty log', () => {
    const exported = accessLog.export(reader, 0, 10);
    expect(exported).toMatchObject({ entries: [], head: { sequence: 0, hash: '' } });
    expect(verify(exported, publicKey)).toBeUndefined();
  });

  it('refuses to update or delete an entry, through any connection to the store', () => {
    accessLog.record(reader, 'read', ['m1', 'm2']);
    const db = new Database(file);
    try {
      expect(() => db.prepare("UPDATE access_log SET principal = 'person:nobody'").run()).toThrow(
        'the access log is append-only',
      );
      expect(() => db.prepare('DELETE FROM access_log WHERE sequence = 2').run()).toThrow(
        'the access log is append-only',
      );
    } finally {
      db.close();
    }
    expect(accessLog.export(reader, 0, 10).entries).toHaveLength(2);
  });

  it('refuses with a typed error when the log cannot be written', () => {
    opened.pop()!.onApplicationShutdown();
    expect(() => accessLog.record(reader, 'read', ['m1'])).toThrow(AccessLogUnavailableError);
  });
});
