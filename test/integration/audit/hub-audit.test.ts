// Two real hub instances record every decision in one audit chain that verifies.
import { fromBinary } from '@bufbuild/protobuf';
import type { JetStreamManager } from '@nats-io/jetstream';
import { AuditEntrySchema, AuditEvent, STREAM_AUDIT } from '#contracts';
import { hubKeysOf } from '#registry';
import { AuditChainVerifier } from '#trust';
import { sealNodeMessage, testAlert, testReceipt } from '#hub/testing';
import { startHubTestEnv, type HubTestEnv } from '../../support/hub-test-env.js';

let env: HubTestEnv;

beforeAll(async () => {
  env = await startHubTestEnv();
  await Promise.all([env.startHub(), env.startHub()]);
});

afterAll(async () => {
  await env?.stop();
});

async function auditEntries(jsm: JetStreamManager) {
  const { state } = await jsm.streams.info(STREAM_AUDIT);
  const stored = [];
  for (let seq = state.first_seq; seq <= state.last_seq && state.messages > 0; seq++) {
    const message = await jsm.streams.getMessage(STREAM_AUDIT, { seq });
    if (message) stored.push({ seq, data: message.data });
  }
  return stored;
}

it('records accepted, rejected and receipted messages from two hub instances in one verifiable chain', async () => {
  const alerts = Array.from({ length: 200 }, () => testAlert('kz-border'));
  const forged = sealNodeMessage('alert', testAlert('kz-border'), env.parties.signer('tj-border'));
  const acks = await Promise.all([
    ...alerts.map((alert) => env.publish(sealNodeMessage('alert', alert, env.parties.signer('kz-border')))),
    env.publish(forged),
  ]);
  await env.processed(Math.max(...acks.map((ack) => ack.seq)));
  const receipt = testReceipt('tj-border', alerts[0]!.id, 'kz-border');
  await env.processed(
    (await env.publish(sealNodeMessage('receipt', receipt, env.parties.signer('tj-border')))).seq,
  );

  // Each ingress message is acked only after its audit entry is stored.
  const stored = await auditEntries(env.jsm);
  expect(stored.length).toBeGreaterThanOrEqual(alerts.length + 2);
  const verifier = new AuditChainVerifier(hubKeysOf(env.parties.index));
  for (const { seq, data } of stored) expect(verifier.check(seq, data)).toBeUndefined();
  expect(verifier.summary().events).toMatchObject({ ACCEPTED: 200, REJECTED: 1 });

  const entries = stored.map(({ data }) => fromBinary(AuditEntrySchema, data));
  expect(entries.find((entry) => entry.event === AuditEvent.DELIVERED)).toMatchObject({
    message: alerts[0]!.id,
    origin: 'kz-border',
    recipients: ['tj-border'],
    kind: 'receipt',
  });
  expect(new Set(entries.map((entry) => entry.actor))).toEqual(new Set(['hub']));
});
