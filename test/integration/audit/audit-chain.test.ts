// The audit chain against a real NATS server running the configuration `borderlink nats-config`
// generates: two hub instances (with the hub's own nkey) append at once, `borderlink audit verify`
// (with an operator key) accepts the chain, and names the entry when one is altered or deleted.
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { Logger } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { AuditEntrySchema, AuditEvent, RejectionReason, STREAM_AUDIT, STREAM_DEFINITIONS } from '#contracts';
import { NatsConnectionService, inboxPrefixOf, seedFileAuthenticator } from '#messaging';
import { stringifyRegistry } from '#registry';
import { createLogger } from '#runtime';
import { testTls, type NatsServerHandle } from '#testing';
import { SignatureVerifier, auditLinkHash, checkpointSignedFields } from '#trust';
import { runCli } from '#cli';
import { AuditChainRepository, AuditPolicy, ChainedAuditTrailService, HubConfig } from '#hub';
import { createTestParties } from '#hub/testing';
import { connectAs, generateOperatorKey, startSecuredNats } from '../../support/secured-nats.js';

const parties = createTestParties();
const operator = generateOperatorKey();
const EVENTS = 60;

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

function hubInstance(connection: NatsConnectionService): ChainedAuditTrailService {
  return new ChainedAuditTrailService(
    new AuditChainRepository(connection),
    parties.signer('hub'),
    Object.assign(new HubConfig(), { HUB_ID: 'hub', HUB_SEED_FILE: 'unused' }),
    Object.assign(new AuditPolicy(), { checkpointEvery: 10 }),
    createLogger({ service: 'hub' }, 'silent'),
    new EventEmitter2(),
  );
}

/** Every message of a stream, oldest first. */
async function storedEntries(jsm: JetStreamManager, stream: string) {
  const { state } = await jsm.streams.info(stream);
  const stored = [];
  for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
    const message = await jsm.streams.getMessage(stream, { seq });
    if (message) stored.push({ seq, subject: message.subject, data: message.data });
  }
  return stored;
}

describe('audit chain on NATS', () => {
  let nats: NatsServerHandle;
  let dir: string;
  let registry: string;
  let operatorSeed: string;
  let nc: NatsConnection;
  let jsm: JetStreamManager;
  const connections: NatsConnectionService[] = [];
  let copies = 0;

  /** Copies the audit stream into a new stream, letting `edit` change or drop entries on the way. */
  async function tamperedCopy(edit: (entry: { seq: number; data: Uint8Array }) => Uint8Array | undefined) {
    const name = `AUDIT_COPY_${++copies}`;
    await jsm.streams.add({ name, subjects: [`copy${copies}.>`] });
    const js = jetstream(nc);
    for (const stored of await storedEntries(jsm, STREAM_AUDIT)) {
      const data = edit(stored);
      if (data !== undefined) await js.publish(`copy${copies}.${stored.subject}`, data);
    }
    return name;
  }

  /** `borderlink audit <command>` as the operator, on this server and registry. */
  const audit = async (command: string, ...extra: string[]) =>
    cli(
      'audit',
      command,
      ...['--nats', nats.url, '--ca', (await testTls()).caFile],
      ...['--seed', operatorSeed, '--registry', registry],
      ...extra,
    );
  const verify = (...extra: string[]) => audit('verify', ...extra);

  beforeAll(async () => {
    Logger.overrideLogger(['error']);
    nats = await startSecuredNats(parties.registry, { operatorKeys: [operator.publicKey] });
    dir = await mkdtemp(join(tmpdir(), 'bl-audit-'));
    registry = join(dir, 'registry.yaml');
    await writeFile(registry, stringifyRegistry(parties.registry));
    const hubSeed = join(dir, 'hub.nk');
    await writeFile(hubSeed, `${parties.seeds.get('hub')}\n`, { mode: 0o600 });
    operatorSeed = join(dir, 'operator.nk');
    await writeFile(operatorSeed, `${operator.seed}\n`, { mode: 0o600 });
    // The operator inspects and copies the stream; the hubs connect as the hub.
    nc = await connectAs(nats.url, 'operator', operator.seed);
    jsm = await jetstreamManager(nc);
    for (const name of ['hub-a', 'hub-b']) {
      const connection = new NatsConnectionService({
        servers: nats.url,
        name,
        authenticator: seedFileAuthenticator(hubSeed),
        inboxPrefix: inboxPrefixOf('hub'),
        tls: { caFile: (await testTls()).caFile },
        streams: STREAM_DEFINITIONS.filter((spec) => spec.name === STREAM_AUDIT).map((spec) => ({ ...spec })),
      });
      await connection.ready();
      connections.push(connection);
    }
    const hubs = connections.map(hubInstance);
    // Two instances record at once, as two hubs pulling from the shared ingress consumer do.
    await Promise.all(
      Array.from({ length: EVENTS }, (_, i) =>
        hubs[i % 2]!.record(
          i % 5 === 4
            ? {
                event: AuditEvent.REJECTED,
                ref: `m${i}`,
                message: `m${i}`,
                kind: 'alert',
                origin: 'kz-border',
                reason: RejectionReason.INVALID,
              }
            : {
                event: AuditEvent.ACCEPTED,
                ref: `m${i}`,
                message: `m${i}`,
                kind: 'alert',
                origin: 'kz-border',
                recipients: [i % 3 === 0 ? 'tj-border' : 'uz-customs'],
              },
        ),
      ),
    );
    await hubs[0]!.checkpoint();
  });

  afterAll(async () => {
    for (const connection of connections) await connection.onApplicationShutdown();
    await nc?.close();
    await nats?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('verifies the chain two hub instances wrote at once', async () => {
    const result = await verify();
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toMatch(
      /^audit chain OK: \d+ entries \(1 to \d+\) in BL_AUDIT, \d+ signed checkpoints, signed up to entry \d+/,
    );
    expect(result.out).toContain(`ACCEPTED ${EVENTS - EVENTS / 5}, REJECTED ${EVENTS / 5}`);
  });

  it('names the entry when one byte of it changes: the first, a checkpoint, one in between, the last', async () => {
    const stored = await storedEntries(jsm, STREAM_AUDIT);
    const checkpoint = stored.find(
      ({ data }) => fromBinary(AuditEntrySchema, data).event === AuditEvent.CHECKPOINT,
    );
    for (const target of [1, checkpoint!.seq, 17, stored.at(-1)!.seq]) {
      const stream = await tamperedCopy(({ seq, data }) => {
        if (seq !== target) return data;
        const altered = new Uint8Array(data);
        altered[Math.floor(altered.length / 2)]! ^= 0x20;
        return altered;
      });
      const result = await verify('--stream', stream);
      expect({ target, code: result.code }).toEqual({ target, code: 1 });
      expect(result.err).toMatch(
        new RegExp(`^borderlink: audit chain broken at stream sequence ${target} \\(`),
      );
    }
  });

  it('names the entry when a field is rewritten and its hash recomputed', async () => {
    const stream = await tamperedCopy(({ seq, data }) => {
      if (seq !== 23) return data;
      const entry = fromBinary(AuditEntrySchema, data);
      entry.recipients = ['ru-border'];
      entry.hash = auditLinkHash(entry.previousHash, createHash('sha256').update('forged').digest());
      return toBinary(AuditEntrySchema, entry);
    });
    const result = await verify('--stream', stream);
    expect(result.code).toBe(1);
    expect(result.err).toContain('stream sequence 23 (entry 23, ');
    expect(result.err).toContain('hash-mismatch');
  });

  it('names the first entry out of place when one is left out of a copy, which renumbers the rest', async () => {
    const stream = await tamperedCopy(({ seq, data }) => (seq === 31 ? undefined : data));
    const result = await verify('--stream', stream);
    expect(result.code).toBe(1);
    expect(result.err).toContain('position-mismatch: entry 32 is stored at stream sequence 31');
  });

  it('exports what concerns one node with proofs that fold into a signed checkpoint', async () => {
    const out = join(dir, 'tj-border.jsonl');
    const result = await audit(
      'export',
      '--node',
      'tj-border',
      '--from',
      '2000-01-01T00:00:00Z',
      '--to',
      '2100-01-01T00:00:00Z',
      '--out',
      out,
    );
    expect(result).toMatchObject({ code: 0, out: '' });
    const lines = (await readFile(out, 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    const entries = lines.filter((line) => line.type === 'entry');
    expect(entries).toHaveLength(
      Array.from({ length: EVENTS }, (_, i) => i).filter((i) => i % 5 !== 4 && i % 3 === 0).length,
    );
    const verifier = new SignatureVerifier((node) => parties.index.publicKeys(node));
    for (const line of entries) {
      expect(line.entry.recipients).toEqual(['tj-border']);
      const entry = fromBinary(AuditEntrySchema, Buffer.from(line.bytes, 'base64'));
      let hash = entry.hash;
      for (const digest of line.proof.digests as string[])
        hash = auditLinkHash(hash, Buffer.from(digest, 'hex'));
      const anchor = lines.find((l) => l.type === 'checkpoint' && l.entry.sequence === line.proof.checkpoint);
      expect(anchor).toBeDefined();
      const checkpoint = fromBinary(AuditEntrySchema, Buffer.from(anchor.bytes, 'base64'));
      expect(Buffer.from(hash).equals(Buffer.from(checkpoint.previousHash))).toBe(true);
      expect(
        verifier.verify(
          checkpointSignedFields(checkpoint),
          checkpoint.previousHash,
          checkpoint.signature,
          checkpoint.key,
        ).ok,
      ).toBe(true);
    }
  });

  it('refuses to delete an entry from the audit stream, even to an operator, and names one deleted from a copy', async () => {
    await expect(jsm.streams.deleteMessage(STREAM_AUDIT, 12)).rejects.toThrow(/not permitted/);
    const stream = await tamperedCopy((stored) => stored.data);
    await jsm.streams.deleteMessage(stream, 12);
    const result = await verify('--stream', stream);
    expect(result.code).toBe(1);
    expect(result.err).toContain('audit chain broken at stream sequence 13 (entry 13, ');
    expect(result.err).toContain('entry 12 is missing');
  });
});
