// Hostile input at the hub's ingress on a real NATS and Redis, interleaved with legitimate alerts.
import { writeFile } from 'node:fs/promises';
import type { INestApplication } from '@nestjs/common';
import { AuthorizationError, connect, nkeyAuthenticator } from '@nats-io/transport-node';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { RejectionReason } from '#contracts';
import { addNodeKey, revokeNodeKey, stringifyRegistry } from '#registry';
import { MetricsService } from '#runtime';
import { testTls } from '#testing';
import { NodeSigner, canonicalSentTime, generateNodeKey } from '#trust';
import { IngressService, outcomeOf, type IngressDecision } from '#hub';
import { sealNodeMessage, testAlert } from '#hub/testing';
import { copiesOf, startHubTestEnv, type HubTestEnv } from '../../support/hub-test-env.js';
import { permissionViolation } from '../../support/secured-nats.js';
import { NATS_REFUSED, hostileCases, type Expected, type WireMessage } from './hostile-cases.js';

const HOUR_MS = 60 * 60 * 1000;
const SUBSCRIBERS = ['tj-border', 'unodc', 'uz-customs'];
const LEGIT_SENDERS = ['kz-border', 'kg-border'];

let env: HubTestEnv;
let hub: INestApplication;
let revoked: NodeSigner;
const decisions = new Map<number, IngressDecision>();

function label(outcome: Expected | string): string {
  return typeof outcome === 'number' ? (RejectionReason[outcome] ?? String(outcome)) : outcome;
}

const OPERATOR = Symbol('operator');

/**
 * Publishes with the credentials of node `as` (by default the node the ingress subject names), or
 * through the operator connection, which the server lets publish anywhere.
 */
async function publish(
  message: WireMessage,
  as?: string | typeof OPERATOR,
): Promise<{ seq: number; duplicate: boolean }> {
  const ack = as === OPERATOR ? await env.inject(message) : await env.nodes.publish(message, as);
  return { seq: ack.seq, duplicate: ack.duplicate };
}

/** `refused by NATS server` when the attempt fails with the server's refusal; other failures throw. */
async function serverOutcome(attempt: () => Promise<unknown>): Promise<string> {
  try {
    await attempt();
    return 'accepted by NATS server';
  } catch (error) {
    if (permissionViolation(error) !== undefined || error instanceof AuthorizationError) return NATS_REFUSED;
    throw error;
  }
}

beforeAll(async () => {
  env = await startHubTestEnv();
  // kz-border has a second key, revoked an hour ago: it still verifies what it signed before then.
  const revokedKey = generateNodeKey();
  revoked = NodeSigner.fromSeed(revokedKey.seed);
  const at = canonicalSentTime(new Date(Date.now() - HOUR_MS));
  const registry = revokeNodeKey(
    addNodeKey(env.parties.registry, 'kz-border', revokedKey.publicKey),
    'kz-border',
    revokedKey.publicKey,
    at,
  );
  await writeFile(env.registryFile, stringifyRegistry(registry));
  hub = await env.startHub({ HUB_MAX_BODY_BYTES: String(256 * 1024) });
  // Observe each decision by its ingress sequence, as the handler makes it.
  const ingress = hub.get(IngressService);
  const handle = ingress.handle.bind(ingress);
  ingress.handle = async (envelope) => {
    const decision = await handle(envelope);
    decisions.set(envelope.sequence, decision);
    return decision;
  };
});

afterAll(async () => {
  await env?.stop();
});

describe('hostile input at the hub', () => {
  it('refuses every hostile kind with its typed reason while every legitimate alert is delivered in full', async () => {
    const legit: string[] = [];
    let legitIndex = 0;
    const sendLegit = async (message = testAlert(LEGIT_SENDERS[legitIndex++ % LEGIT_SENDERS.length]!)) => {
      const signer = env.parties.signer(message.sender);
      const sealed = sealNodeMessage('alert', message, signer);
      const { seq } = await publish({
        subject: sealed.subject,
        headers: Object.entries(sealed.headers),
        body: sealed.body,
        msgId: sealed.id,
      });
      legit.push(message.id);
      return { seq, wire: sealed };
    };

    // The alert replays will copy: accepted first, like any legitimate one.
    const first = await sendLegit();
    const replayed = (): WireMessage => ({
      subject: first.wire.subject,
      headers: Object.entries(first.wire.headers),
      body: first.wire.body,
      msgId: first.wire.id,
      id: first.wire.id,
    });
    await env.processed(first.seq);

    // Signed with the revoked key, but sent before its revocation: still valid.
    const beforeRevocation = testAlert('kz-border', {
      sent: timestampFromDate(new Date(Date.now() - 2 * HOUR_MS)),
    });
    const early = sealNodeMessage('alert', beforeRevocation, revoked);
    await publish({
      subject: early.subject,
      headers: Object.entries(early.headers),
      body: early.body,
      msgId: early.id,
    });
    legit.push(beforeRevocation.id);

    const cases = hostileCases(env.parties, revoked, replayed);
    const rows: {
      kind: string;
      expected: string;
      outcome: string;
      seq?: number;
      origin?: string;
      id?: string;
    }[] = [];
    let lastSeq = first.seq;

    // A key outside the registry cannot even connect.
    const stranger = generateNodeKey();
    rows.push({
      kind: 'connect with an unregistered nkey',
      expected: NATS_REFUSED,
      outcome: await serverOutcome(async () => {
        const nc = await connect({
          servers: env.natsUrl,
          authenticator: nkeyAuthenticator(new TextEncoder().encode(stranger.seed)),
          reconnect: false,
          tls: { caFile: (await testTls()).caFile },
        });
        await nc.close();
      }),
    });

    for (const hostile of cases) {
      const message = hostile.build();
      // On another node's subject: the server refuses the attacker's own credentials outright;
      // the hub's own check is still exercised by injecting the same message as the operator.
      const as = hostile.attacker === undefined ? undefined : OPERATOR;
      if (hostile.attacker !== undefined) {
        rows.push({
          kind: `${hostile.kind}, as ${hostile.attacker}`,
          expected: NATS_REFUSED,
          outcome: await serverOutcome(() => publish(message, hostile.attacker)),
        });
      }
      const kind = hostile.attacker === undefined ? hostile.kind : `${hostile.kind}, injected by operator`;
      try {
        const { seq, duplicate } = await publish(message, as);
        lastSeq = Math.max(lastSeq, seq);
        rows.push({
          kind,
          expected: label(hostile.expected),
          outcome: duplicate ? 'duplicate' : 'pending',
          ...(duplicate ? {} : { seq }),
          ...(hostile.origin === undefined ? {} : { origin: hostile.origin }),
          ...(message.id === undefined ? {} : { id: message.id }),
        });
      } catch (error) {
        rows.push({ kind, expected: label(hostile.expected), outcome: `publish-refused` });
        expect((error as Error).message).toMatch(/payload/i);
      }
      lastSeq = Math.max(lastSeq, (await sendLegit()).seq);
    }

    await env.processed(lastSeq);
    for (const row of rows) {
      if (row.seq === undefined) continue;
      const decision = decisions.get(row.seq);
      row.outcome = decision === undefined ? 'not handled' : outcomeOf(decision);
    }
    const width = Math.max(...rows.map((row) => row.kind.length));
    const expectedWidth = Math.max('expected'.length, ...rows.map((row) => row.expected.length));
    const table = [
      `${'kind'.padEnd(width)} | ${'expected'.padEnd(expectedWidth)} | outcome`,
      `${'-'.repeat(width)}-|-${'-'.repeat(expectedWidth)}-|-${'-'.repeat(expectedWidth)}`,
      ...rows.map(
        (row) => `${row.kind.padEnd(width)} | ${row.expected.padEnd(expectedWidth)} | ${row.outcome}`,
      ),
      `${rows.length} hostile kinds, ${legit.length} legitimate alerts alongside, on NATS running the ` +
        `generated configuration; each published with its subject's node's own credentials unless marked`,
    ].join('\n');
    process.stdout.write(`\n${table}\n\n`);

    expect(rows.length).toBeGreaterThanOrEqual(30);
    expect(rows.map((row) => [row.kind, row.outcome])).toEqual(rows.map((row) => [row.kind, row.expected]));

    // Each refusal with a usable id and a registered origin went back to that origin as a Rejection.
    for (const row of rows) {
      if (row.seq === undefined || row.origin === undefined || row.id === undefined) continue;
      const rejection = await env.rejectionFor(row.origin, row.id);
      expect([row.kind, label(rejection.reason)]).toEqual([row.kind, row.expected]);
    }
    // Every refusal, including those without an origin to tell, is counted.
    const metrics = hub.get(MetricsService);
    const counted = (await metrics.rejected.get()).values.reduce((sum, value) => sum + value.value, 0);
    expect(counted).toBe(rows.filter((row) => row.seq !== undefined && row.outcome !== 'dropped').length);
    // What proves no sender is dropped unanswered, and counted apart.
    const dropped = await metrics.registry.getSingleMetric('bl_ingress_dropped_total')?.get();
    const droppedCount = dropped?.values.reduce((sum, value) => sum + value.value, 0);
    expect(droppedCount).toBe(rows.filter((row) => row.outcome === 'dropped').length);

    // Nothing blocked the stream: every legitimate alert reached every subscriber exactly once.
    const deliveries = await env.deliveries();
    for (const id of legit) {
      const copies = copiesOf(deliveries, id, 'alert');
      expect([id, copies.map((copy) => copy.subject.split('.')[2]).sort()]).toEqual([id, SUBSCRIBERS]);
    }
  });
});
