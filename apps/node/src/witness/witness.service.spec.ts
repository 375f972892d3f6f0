import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AuditCheckpointSchema, AuditEntrySchema, AuditEvent, type AuditEntry } from '#contracts';
import { RegistryIndex, signatureVerifierOf } from '#registry';
import {
  NodeSigner,
  checkpointEntryOf,
  signCheckpoint,
  signStatement,
  signedStatementOf,
  type SignedStatement,
} from '#trust';
import { pino } from 'pino';
import { fixtureKeys, fixtureRegistry, type FixtureNode } from '../../test/node.fixtures.js';
import type { Clock } from '../common/clock.js';
import type { NodeConfig } from '../config/node.config.js';
import { CheckpointRefused } from './witness.errors.js';
import { WitnessRepository } from './witness.repository.js';
import { WitnessService } from './witness.service.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const keys = fixtureKeys();
const registry = new RegistryIndex(fixtureRegistry(keys));

function statementAt(position: number, at: Date, signer: FixtureNode = 'hub'): SignedStatement {
  return signStatement(NodeSigner.fromSeed(keys[signer].seed), {
    hub: 'hub',
    at: at.toISOString(),
    id: `m${position}`,
    origin: 'tj-border',
    digest: 'a'.repeat(64),
    auditPosition: BigInt(position),
    auditHash: 'b'.repeat(64),
    recipients: ['kz-border'],
  });
}

function checkpointAt(position: number, at: Date, signer: FixtureNode = 'hub') {
  const entry: AuditEntry = signCheckpoint(
    create(AuditEntrySchema, { at: timestampFromDate(at), actor: 'hub', event: AuditEvent.CHECKPOINT }),
    { sequence: BigInt(position - 1), hash: new Uint8Array(32).fill(position % 256) },
    NodeSigner.fromSeed(keys[signer].seed),
  );
  return create(AuditCheckpointSchema, {
    id: `audit-checkpoint-${position}`,
    sender: 'hub',
    sent: entry.at,
    entry,
  });
}

describe('WitnessService', () => {
  let dir: string;
  let now: Date;
  let repository: WitnessRepository;
  let witness: WitnessService;

  const open = () => {
    repository = new WitnessRepository(
      { NODE_STORE_FILE: join(dir, 'store.sqlite') } as NodeConfig,
      { now: () => now } as Clock,
      pino({ level: 'silent' }),
    );
    witness = new WitnessService(
      repository,
      { NODE_ID: 'kz-border' } as NodeConfig,
      registry,
      signatureVerifierOf(registry),
    );
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bl-witness-'));
    now = new Date('2026-03-01T00:00:00Z');
    open();
  });

  afterEach(() => {
    repository.onApplicationShutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps statements and checkpoints across a restart, shown so anyone can check them again', () => {
    const statement = statementAt(12, now);
    witness.keepStatement(statement);
    witness.keepStatement(statement);
    const checkpoint = checkpointAt(10, now);
    witness.keepCheckpoint(checkpoint);
    repository.onApplicationShutdown();
    open();
    const records = witness.records(0n, 100);
    expect(records.node).toBe('kz-border');
    expect(records.statements.map(signedStatementOf)).toEqual([statement]);
    expect(records.checkpoints.map(checkpointEntryOf)).toEqual([checkpoint.entry]);
    expect(records.next).toBeUndefined();
  });

  it('writes the statements of one turn of the event loop together, once the turn ends', async () => {
    for (const position of [5, 6, 7]) witness.keepStatement(statementAt(position, now));
    await new Promise((resolve) => setImmediate(resolve));
    // Another connection to the store sees them without this one being read or closed.
    const other = new WitnessRepository(
      { NODE_STORE_FILE: join(dir, 'store.sqlite') } as NodeConfig,
      { now: () => now } as Clock,
      pino({ level: 'silent' }),
    );
    expect(other.statements(0, 10).map((s) => s.position)).toEqual(['5', '6', '7']);
    other.onApplicationShutdown();
  });

  it('refuses a checkpoint no hub key signed', () => {
    expect(() => witness.keepCheckpoint(checkpointAt(10, now, 'tj-border'))).toThrow(CheckpointRefused);
    expect(witness.records(0n, 100).checkpoints).toEqual([]);
  });

  it('shows by default the statements from its newest checkpoint on, and pages the rest', () => {
    for (const position of [3, 8, 9, 11, 12]) witness.keepStatement(statementAt(position, now));
    witness.keepCheckpoint(checkpointAt(9, now));
    expect(witness.records(undefined, 100).statements.map((s) => s.position)).toEqual(['9', '11', '12']);
    const first = witness.records(0n, 2);
    expect(first.statements.map((s) => s.position)).toEqual(['3', '8']);
    expect(first.next).toBe('8');
    expect(witness.records(BigInt(first.next!), 2).statements.map((s) => s.position)).toEqual(['9', '11']);
  });

  it('forgets statements after a week, and thins checkpoints older than a week to one a day', () => {
    const start = now.getTime();
    witness.keepStatement(statementAt(1, new Date(start)));
    // Three checkpoints a day for ten days.
    for (let day = 0; day < 10; day++) {
      for (let i = 0; i < 3; i++) {
        witness.keepCheckpoint(checkpointAt(2 + day * 3 + i, new Date(start + day * DAY_MS + i * 3_600_000)));
      }
    }
    now = new Date(start + 10 * DAY_MS);
    repository.onApplicationBootstrap();
    const records = witness.records(0n, 100);
    expect(records.statements).toEqual([]);
    const days = records.checkpoints.map((c) => Math.floor((Date.parse(c.at) - start) / DAY_MS));
    // Days 0 to 2 are over a week old: one each (the last of the day); days 3 to 9 keep all three.
    expect(days).toEqual([0, 1, 2, ...[3, 4, 5, 6, 7, 8, 9].flatMap((day) => [day, day, day])]);
    expect(records.checkpoints[0]?.position).toBe('4');
  });
});
