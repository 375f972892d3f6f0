// A node's narrowing in force is the hub's alone to write: another node can neither publish onto
// bl.subscriptions.<victim> (its account has no such subject) nor have the server answer onto it
// (the reply to what it may publish comes back into its own account), nor send a narrowing in the
// victim's name. The victim's narrowing stays as it set it, and the hub keeps applying it. A hub on a
// spawned NATS running the generated configuration, and a spawned Redis.
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  HUB_JETSTREAM_DOMAIN,
  RejectionReason,
  STREAM_DELIVERY,
  STREAM_SUBSCRIPTIONS,
  Severity,
  SubscriptionChangeSchema,
  nodeDeliveryConsumer,
  subscriptionStateSubject,
  type SubscriptionChange,
} from '#contracts';
import { sealNodeMessage, testAlert } from '#hub/testing';
import type { NatsConnection } from '@nats-io/transport-node';
import { v7 as uuidv7 } from 'uuid';
import { receiversOf, startHubTestEnv, type HubTestEnv } from '../support/hub-test-env.js';
import { markOf } from './support/harm.js';

const ATTACKER = 'kz-border';
const VICTIM = 'uz-customs';
const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const consumerInfo = `$JS.${HUB_JETSTREAM_DOMAIN}.API.CONSUMER.INFO.${STREAM_DELIVERY}.${nodeDeliveryConsumer(ATTACKER)}`;

let env: HubTestEnv;
let attacker: NatsConnection;

const narrowing = (sender: string, minSeverity: Severity): SubscriptionChange =>
  create(SubscriptionChangeSchema, {
    id: uuidv7(),
    sender,
    actor: 'person:admin',
    sent: timestampFromDate(new Date()),
    filters: [{ minSeverity }],
  });

beforeAll(async () => {
  env = await startHubTestEnv();
  await env.startHub();
  attacker = await env.nodes.of(ATTACKER);
  // The victim narrows itself to extreme alerts only.
  await env.send(
    sealNodeMessage('subscription', narrowing(VICTIM, Severity.EXTREME), env.parties.signer(VICTIM)),
  );
});

afterAll(() => env?.stop());

/** Whether the victim still receives a severe alert by subscription: it should not, narrowed as it is. */
async function victimReceivesSevere(): Promise<boolean> {
  const alert = testAlert('tj-border', { severity: Severity.SEVERE });
  await env.send(sealNodeMessage('alert', alert, env.parties.signer('tj-border')));
  const receivers = receiversOf(await env.deliveries(), alert.id, 'alert');
  expect(receivers).toContain('unodc');
  return receivers.includes(VICTIM);
}

describe("a node's narrowing in force", () => {
  it('is applied by the hub', async () => {
    expect(await victimReceivesSevere()).toBe(false);
  });

  it('cannot be written, or answered onto, by another node', async () => {
    const subject = subscriptionStateSubject(VICTIM);
    const before = await markOf(env, STREAM_SUBSCRIPTIONS, subject);
    expect(before.onSubject).toBe(1);
    // Directly: the attacker's account has no such subject (the server refuses it, asynchronously).
    attacker.publish(subject, encode('{}'));
    // As the reply subject of a request it may make: the answer comes back into its own account.
    attacker.publish(consumerInfo, encode(''), { reply: subject });
    await attacker.flush();
    await attacker.request(consumerInfo, encode(''), { timeout: 5_000 });
    expect(await markOf(env, STREAM_SUBSCRIPTIONS, subject)).toEqual(before);
    expect(await victimReceivesSevere()).toBe(false);
  });

  it("cannot be changed by a narrowing signed in the victim's name by another node", async () => {
    const forged = narrowing(VICTIM, Severity.UNSPECIFIED);
    // The attacker may publish only on its own ingress, so that is where the forgery must go.
    await env.send(
      sealNodeMessage('subscription', forged, env.parties.signer(ATTACKER), { subjectNode: ATTACKER }),
    );
    expect((await env.rejectionFor(ATTACKER, forged.id)).reason).toBe(RejectionReason.SENDER_MISMATCH);
    expect(await victimReceivesSevere()).toBe(false);
  });
});
