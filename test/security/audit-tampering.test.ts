// Attacks on the audit chain by whoever runs the hub: the server's operator rights over BL_AUDIT and the
// hub's own key. A hub and three nodes run in-process on a secured nats-server; the nodes keep the
// hub's statements and checkpoints. After each attack on the real stream, `borderlink audit verify`
// with the nodes as witnesses must fail and say why; on the honest chain it passes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { Logger, type INestApplication } from '@nestjs/common';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { AuditEntrySchema, AuditEvent } from '#contracts';
import { runCli } from '#cli';
import { ChainedAuditTrailService } from '#hub';
import { alertRequest, type FixtureNode } from '#node/testing';
import { addNodeKey, loadRegistry, revokeNodeKey, stringifyRegistry } from '#registry';
import { testTls, waitFor } from '#testing';
import { NodeSigner, generateNodeKey, signCheckpoint, type AuditChainHead } from '#trust';
import { startInProcessNetwork, type InProcessNetwork } from '../support/in-process-network.js';
import { ingressProcessed } from '../support/secured-nats.js';
import { AuditStreamOperator, rewriteChain, type StoredEntry } from './audit-stream-operator.js';

const SENDER: FixtureNode = 'kz-border';
const RECIPIENTS: readonly FixtureNode[] = ['tj-border', 'uz-customs'];
const NODES: readonly FixtureNode[] = [SENDER, ...RECIPIENTS];

let network: InProcessNetwork;
let scratch: string;
let operatorNc: NatsConnection;
let audit: AuditStreamOperator;
let hubSigner: NodeSigner;
/** The chain the honest hub wrote: checkpointed, then a tail of later decisions. */
let honest: StoredEntry[];
/** Stream sequence of the last checkpoint the hub sent the nodes. */
let lastCheckpoint: number;

async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

/** `borderlink audit verify` as an auditor runs it, with every node as a witness unless told otherwise. */
async function verify(options: { witnesses?: boolean; registry?: string } = {}) {
  const witnesses =
    options.witnesses === false
      ? []
      : NODES.flatMap((node) => ['--witness', `${network.url(node)},${witnessKeyFile(node)}`]);
  return cli(
    'audit',
    'verify',
    '--nats',
    network.nats.url,
    '--ca',
    (await testTls()).caFile,
    '--seed',
    network.operatorSeedFile,
    '--registry',
    options.registry ?? network.registryFile,
    ...witnesses,
  );
}

async function call(
  node: FixtureNode,
  path: string,
  body?: unknown,
): Promise<{ id?: string; items?: { id: string }[] }> {
  const response = await fetch(`${network.url(node)}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: {
      ...network.auth(node),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await response.json()) as { id?: string; items?: { id: string }[] };
}

/** Sends alerts from the sender and waits until every recipient has taken them in. */
async function sendAlerts(count: number): Promise<void> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await call(SENDER, '/v1/alerts', alertRequest())).id!);
  for (const node of RECIPIENTS) {
    await waitFor(
      async () => {
        const held = new Set(((await call(node, '/v1/inbox?limit=200')).items ?? []).map((item) => item.id));
        return ids.every((id) => held.has(id));
      },
      { what: `the alerts in the inbox of ${node}` },
    );
  }
}

/** Resolves once every node holds the checkpoint at `position` as a witness. */
async function witnessedEverywhere(position: number): Promise<void> {
  for (const node of NODES) {
    await waitFor(
      async () => {
        const { checkpoints } = (await (
          await fetch(`${network.url(node)}/v1/audit/witness`, { headers: network.auth(node) })
        ).json()) as {
          checkpoints: { position: string }[];
        };
        return checkpoints.some((checkpoint) => checkpoint.position === String(position));
      },
      { what: `checkpoint ${position} at ${node}` },
    );
  }
}

const headOf = (stored: readonly StoredEntry[]): AuditChainHead => {
  const { entry } = stored.at(-1)!;
  return { sequence: entry.sequence, hash: entry.hash };
};

/** The file of the test's API key at `node`, which opens its witness, as an auditor keeps one. */
const witnessKeyFile = (node: FixtureNode): string => join(scratch, `${node}.api-key`);

beforeAll(async () => {
  Logger.overrideLogger(['error']);
  scratch = await mkdtemp(join(tmpdir(), 'bl-audit-attacks-'));
  network = await startInProcessNetwork();
  const hub: INestApplication = await network.startHub();
  for (const node of NODES) {
    await network.startNode(node);
    const key = network.auth(node).authorization.replace(/^Bearer /, '');
    await writeFile(witnessKeyFile(node), `${key}\n`, { mode: 0o600 });
  }
  hubSigner = NodeSigner.fromSeed(network.keys.hub.seed);

  await sendAlerts(3);
  const checkpoint = await hub.get(ChainedAuditTrailService).checkpoint();
  lastCheckpoint = checkpoint!.streamSequence;
  await witnessedEverywhere(lastCheckpoint);
  // Decisions after the last checkpoint: the nodes hold only the hub's statements of them.
  await sendAlerts(2);
  operatorNc = await network.operator();
  const jsm = await jetstreamManager(operatorNc);
  await ingressProcessed(jsm, (await jsm.streams.info('BL_INGRESS')).state.last_seq);
  // From here the chain stands still: only the attacks below write to it.
  await network.stopHub(hub);
  audit = await AuditStreamOperator.of(operatorNc);
  honest = await audit.stored();
});

afterAll(async () => {
  await operatorNc?.close();
  await network?.stop();
  await rm(scratch, { recursive: true, force: true });
});

/** Each attack starts from the honest chain, as the stream held it. */
beforeEach(async () => {
  await audit.replace(honest);
});

describe('the audit chain against a malicious hub operator', () => {
  it('passes on the honest chain, proved against every node’s witness', async () => {
    expect(honest.at(-1)!.seq).toBeGreaterThan(lastCheckpoint);
    const result = await verify();
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toMatch(/witnessed by kz-border, tj-border, uz-customs: \d+ hub-signed records match/);
  });

  it('fails on a checkpoint signed by an ordinary node’s key', async () => {
    const node = NodeSigner.fromSeed(network.keys[SENDER].seed);
    const forged = signCheckpoint(
      create(AuditEntrySchema, {
        at: timestampFromDate(new Date()),
        actor: SENDER,
        event: AuditEvent.CHECKPOINT,
      }),
      headOf(honest),
      node,
    );
    await audit.append([forged]);
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.err).toContain(`checkpoint-not-hub: checkpoint signed as ${SENDER}, which is not a hub`);
  });

  it('fails on a checkpoint signed with a revoked hub key after its revocation, or backdated before it', async () => {
    const old = generateNodeKey();
    const revokedAt = new Date(Date.now() - 60 * 60_000);
    const registry = revokeNodeKey(
      addNodeKey(loadRegistry(network.registryFile), 'hub', old.publicKey),
      'hub',
      old.publicKey,
      revokedAt.toISOString(),
    );
    const registryFile = join(scratch, 'registry-with-revoked-hub-key.yaml');
    await writeFile(registryFile, stringifyRegistry(registry));
    const signedAt = (at: Date) =>
      signCheckpoint(
        create(AuditEntrySchema, { at: timestampFromDate(at), actor: 'hub', event: AuditEvent.CHECKPOINT }),
        headOf(honest),
        NodeSigner.fromSeed(old.seed),
      );

    await audit.append([signedAt(new Date())]);
    const after = await verify({ registry: registryFile });
    expect(after.code).toBe(1);
    expect(after.err).toContain(`checkpoint-key-revoked: checkpoint signed at`);
    expect(after.err).toContain(`with ${old.publicKey}, revoked by then`);

    await audit.replace(honest);
    await audit.append([signedAt(new Date(revokedAt.getTime() - 60 * 60_000))]);
    const backdated = await verify({ registry: registryFile });
    expect(backdated.code).toBe(1);
    expect(backdated.err).toContain('checkpoint-backdated');
  });

  it('fails on a chain purged and written again from entry 1, the stream’s sequence having moved on', async () => {
    const { nextSequence } = await audit.purge();
    const entries = honest.map(({ entry }) => entry);
    await audit.append(rewriteChain(entries, hubSigner, { edit: (entry) => (entry.recipients = []) }));
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.err).toContain(`stream sequence ${nextSequence} (entry 1, `);
    expect(result.err).toContain(`position-mismatch: entry 1 is stored at stream sequence ${nextSequence}`);
  });

  it('fails on a purge followed by a rollover the hub’s key signed, by the nodes’ witness alone', async () => {
    const { nextSequence } = await audit.purge();
    await audit.append(rewriteChain([], hubSigner, { start: BigInt(nextSequence), rollover: true }));
    // Without witnesses, a purge the hub announced reads as a new start.
    const alone = await verify({ witnesses: false });
    expect(alone).toMatchObject({ code: 0 });
    expect(alone.out).toContain(`the chain starts with the hub's signed rollover at entry ${nextSequence}`);
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.err).toContain('entries-erased');
    expect(result.err).toContain(`but the chain starts anew with a rollover at entry ${nextSequence}`);
  });

  it('fails on history rewritten in a stream made anew and signed again with the hub’s key', async () => {
    // Erase that the first alert went to uz-customs; every hash and checkpoint after it is made again.
    const first = honest.find(({ entry }) => entry.event === AuditEvent.ACCEPTED)!;
    const rewritten = rewriteChain(
      honest.map(({ entry }) => entry),
      hubSigner,
      {
        edit: (entry) => {
          if (entry.message === first.entry.message && entry.event === AuditEvent.ACCEPTED) {
            entry.recipients = entry.recipients.filter((node) => node !== 'uz-customs');
          }
        },
      },
    );
    await audit.rewrite(rewritten);
    expect(await verify({ witnesses: false })).toMatchObject({ code: 0 });
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.err).toContain('witness-mismatch');
    expect(result.err).toMatch(/(kz-border|tj-border|uz-customs) holds the hub's (statement|checkpoint)/);
  });

  it('fails on the tail cut after the last checkpoint, in a stream made anew, by the nodes’ witness', async () => {
    await audit.replace(honest.filter(({ seq }) => seq <= lastCheckpoint));
    // Up to its last checkpoint the chain is intact and signed: alone, it verifies.
    expect(await verify({ witnesses: false })).toMatchObject({ code: 0 });
    const result = await verify();
    expect(result.code).toBe(1);
    expect(result.err).toContain('tail-cut');
    expect(result.err).toContain(`but the chain ends at entry ${lastCheckpoint}`);
  });

  it('fails on the last entries deleted from the stream, which still counts them', async () => {
    await audit.deleteLast(2);
    const result = await verify({ witnesses: false });
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      `tail-cut: the stream's last sequence is ${honest.at(-1)!.seq} but the chain ends at entry ${honest.at(-3)!.seq}`,
    );
  });
});
