// Server responses written where the node may not publish: a node's connection asks the server to
// answer on a subject of the hub's (the audit, a group's state, another node's ingress) by naming it
// as the reply subject of what it may publish. NATS checks the subject of a publish, not its reply;
// the node's own account is what stops it: whatever answers (a JetStream ack, consumer info, pulled
// messages, an ack's confirmation) comes back into that account, where those subjects lead nowhere.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { jetstream, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { v7 as uuidv7 } from 'uuid';
import {
  GroupChangeSchema,
  HUB_JETSTREAM_DOMAIN,
  STREAM_AUDIT,
  STREAM_DELIVERY,
  STREAM_GROUPS,
  STREAM_INGRESS,
  deliverySubject,
  groupStateSubject,
  ingressSubject,
  nodeDeliveryConsumer,
} from '#contracts';
import { sealNodeMessage } from '#hub/testing';
import { startHubTestEnv, type HubTestEnv } from '../support/hub-test-env.js';
import { permissionViolation } from '../support/secured-nats.js';
import { alertStillDelivered, markOf, verifyAudit } from './support/harm.js';

const ATTACKER = 'kz-border';
const VICTIM = 'uz-customs';
const GROUP = 'op-panj';
const ROUNDS = 50;
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

let env: HubTestEnv;
let dir: string;
let attacker: NatsConnection;

// What the attacker may ask of JetStream: its own consumer, under the domain its account imports.
const api = `$JS.${HUB_JETSTREAM_DOMAIN}.API`;
const consumerInfo = `${api}.CONSUMER.INFO.${STREAM_DELIVERY}.${nodeDeliveryConsumer(ATTACKER)}`;
const pullNext = `${api}.CONSUMER.MSG.NEXT.${STREAM_DELIVERY}.${nodeDeliveryConsumer(ATTACKER)}`;

/**
 * Publishes on `subject` with `reply` as the reply subject, `times` times, then makes a proper request
 * on the same import and waits for its answer: the server answers one import's requests in order.
 */
async function answeredOnto(subject: string, reply: string, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) attacker.publish(subject, encode(''), { reply });
  await attacker.flush();
  await attacker.request(consumerInfo, encode(''), { timeout: 5_000 });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'bl-reply-attack-'));
  env = await startHubTestEnv();
  await env.startHub();
  attacker = await env.nodes.of(ATTACKER);
  // The closed user group whose state the attack aims at.
  const opening = create(GroupChangeSchema, {
    id: uuidv7(),
    sender: ATTACKER,
    sent: timestampFromDate(new Date()),
    group: GROUP,
    change: { case: 'create', value: { name: 'Operation Panj', members: ['tj-border', VICTIM] } },
  });
  await env.send(sealNodeMessage('group', opening, env.parties.signer(ATTACKER)));
});

afterAll(async () => {
  await env?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("a node's reply subjects", () => {
  it('store nothing in the audit when a publish on its own ingress names bl.audit.accepted as the reply', async () => {
    const before = await markOf(env, STREAM_AUDIT);
    // The message is the attacker's own to send; its JetStream ack is the answer aimed at the audit.
    attacker.publish(ingressSubject(ATTACKER, 'alert'), encode('{}'), { reply: 'bl.audit.accepted' });
    attacker.publish(ingressSubject(ATTACKER, 'alert'), encode('{}'), { reply: 'bl.audit.rejected' });
    await attacker.flush();
    await env.processed((await markOf(env, STREAM_INGRESS)).lastSeq);

    // Whatever the audit gained are the hub's own entries about those messages, never an ack: every
    // stored message is an entry of the chain, which reads and verifies to its end.
    const after = await markOf(env, STREAM_AUDIT);
    for (let seq = before.lastSeq + 1; seq <= after.lastSeq; seq++) {
      const stored = await env.jsm.streams.getMessage(STREAM_AUDIT, { seq });
      expect(stored?.string()).not.toMatch(/"stream"\s*:\s*"BL_INGRESS"/);
    }
    expect(await verifyAudit(env, dir)).toMatchObject({ code: 0, err: '' });
    await alertStillDelivered(env, ATTACKER);
  });

  it("leave a group's state alone when JetStream answers or confirms an ack onto bl.groups.<id>", async () => {
    const subject = groupStateSubject(GROUP);
    const group = await markOf(env, STREAM_GROUPS, subject);
    const state = await env.jsm.streams.getMessage(STREAM_GROUPS, { last_by_subj: subject });
    expect(group.onSubject).toBe(1);

    // Consumer information and a pull request, answered onto the group's subject.
    await answeredOnto(consumerInfo, subject);
    await answeredOnto(pullNext, subject);
    // An ack whose confirmation is asked for on the group's subject: a delivery for the attacker,
    // pulled, then acked by hand with that reply.
    await env.inject({
      subject: deliverySubject(ATTACKER, 'alert', 'direct', 'general'),
      headers: [],
      body: encode('for the attacker'),
    });
    const consumer = await jetstream(attacker, { domain: HUB_JETSTREAM_DOMAIN }).consumers.get(
      STREAM_DELIVERY,
      nodeDeliveryConsumer(ATTACKER),
    );
    let pulled: JsMsg | null = null;
    while (pulled?.string() !== 'for the attacker') {
      pulled?.ack();
      pulled = await consumer.next({ expires: 2_000 });
      if (pulled === null) throw new Error('the delivery for the attacker never came');
    }
    // The pulled message's reply subject is its ack subject ($JS.ACK.…), which nats.js keeps on it.
    const ackSubject = (pulled as unknown as { reply: string }).reply;
    attacker.publish(ackSubject, encode('+ACK'), { reply: subject });
    await answeredOnto(consumerInfo, subject);

    expect(await markOf(env, STREAM_GROUPS, subject)).toEqual(group);
    expect((await env.jsm.streams.getMessage(STREAM_GROUPS, { last_by_subj: subject }))?.seq).toBe(
      state?.seq,
    );
    // The acked delivery is acked: the confirmation went nowhere, the ack itself counted.
    expect((await consumer.info(true)).num_ack_pending).toBe(0);
    await alertStillDelivered(env, ATTACKER);
  });

  it("put nothing on another node's ingress, so nothing is charged to it or audited against it", async () => {
    const victim = `bl.in.${VICTIM}.>`;
    const ingress = await markOf(env, STREAM_INGRESS, victim);
    const audit = await markOf(env, STREAM_AUDIT);
    await answeredOnto(consumerInfo, ingressSubject(VICTIM, 'alert'), ROUNDS);
    await answeredOnto(pullNext, ingressSubject(VICTIM, 'alert'), ROUNDS);
    // The account information request it once used for this is refused outright.
    const info = await attacker
      .request(`${api}.INFO`, encode(''), { timeout: 2_000 })
      .catch((e: unknown) => e);
    expect(permissionViolation(info)).toBeDefined();

    expect(await markOf(env, STREAM_INGRESS, victim)).toMatchObject({ onSubject: ingress.onSubject });
    expect(await markOf(env, STREAM_AUDIT)).toEqual(audit);
    // The victim's own alert goes through at once, and the attacker's still does.
    await alertStillDelivered(env, VICTIM, ['tj-border', 'unodc']);
    await alertStillDelivered(env, ATTACKER);
  });
});
