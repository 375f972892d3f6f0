// What every attack test checks once the attack is over: that it did no harm. The stream it aimed at
// holds what it held, the audit chain still verifies, and the hub still routes: a fresh alert reaches
// each recipient, which pulls it from its own consumer as its node does.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { jetstream, type JsMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { HEADER_ID, HUB_JETSTREAM_DOMAIN, STREAM_DELIVERY, nodeDeliveryConsumer } from '#contracts';
import { runCli } from '#cli';
import { sealNodeMessage, testAlert } from '#hub/testing';
import { testTls, waitFor } from '#testing';
import type { HubTestEnv } from '../../support/hub-test-env.js';

/** Who gets a TLP:GREEN afghan-border SALW alert in the hub's test parties. */
export const ALERT_RECIPIENTS = ['tj-border', 'unodc', 'uz-customs'];

/** A stream's counts and its last message, to compare before and after an attack. */
export interface StreamMark {
  messages: number;
  lastSeq: number;
  /** Stored messages on `subject`, when asked for. */
  onSubject?: number;
}

export async function markOf(env: HubTestEnv, stream: string, subject?: string): Promise<StreamMark> {
  const { state } = await env.jsm.streams.info(
    stream,
    subject === undefined ? {} : { subjects_filter: subject },
  );
  return {
    messages: state.messages,
    lastSeq: state.last_seq,
    ...(subject === undefined
      ? {}
      : { onSubject: Object.values(state.subjects ?? {}).reduce((a, b) => a + b, 0) }),
  };
}

/** `borderlink audit verify` as the operator, in this process: the chain reads, links and verifies. */
export async function verifyAudit(
  env: Pick<HubTestEnv, 'natsUrl' | 'operatorSeed' | 'registryFile'>,
  dir: string,
): Promise<{ code: number; out: string; err: string }> {
  const seed = join(dir, 'operator.nk');
  await writeFile(seed, `${env.operatorSeed}\n`, { mode: 0o600 });
  let [out, err] = ['', ''];
  const ca = (await testTls()).caFile;
  const args = [
    'audit',
    'verify',
    '--nats',
    env.natsUrl,
    '--ca',
    ca,
    '--seed',
    seed,
    '--registry',
    env.registryFile,
  ];
  const code = await runCli(args, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

/**
 * Sends a fresh alert from `sender` through the hub, and resolves once each of `recipients` has
 * pulled it from its own delivery consumer, with its own credentials, and acked it.
 */
export async function alertStillDelivered(
  env: HubTestEnv,
  sender: string,
  recipients: readonly string[] = ALERT_RECIPIENTS,
): Promise<void> {
  const alert = testAlert(sender);
  await env.send(sealNodeMessage('alert', alert, env.parties.signer(sender)));
  await Promise.all(
    recipients.map(async (recipient) => pulledBy(await env.nodes.of(recipient), recipient, alert.id)),
  );
}

/** Resolves once `node`, on its own connection `nc`, has pulled message `id` from its delivery consumer. */
export async function pulledBy(nc: NatsConnection, node: string, id: string): Promise<void> {
  const js = jetstream(nc, { domain: HUB_JETSTREAM_DOMAIN });
  const consumer = await js.consumers.get(STREAM_DELIVERY, nodeDeliveryConsumer(node));
  await waitFor(
    async () => {
      const batch = await consumer.fetch({ max_messages: 64, expires: 1_000 });
      let found = false;
      for await (const msg of batch as AsyncIterable<JsMsg>) {
        found ||= msg.headers?.get(HEADER_ID) === id;
        msg.ack();
      }
      return found || undefined;
    },
    { timeoutMs: 20_000, what: `${node} to pull alert ${id} from its consumer` },
  );
}
