// Streams of alerts through a node's API, and exact accounting of what each recipient got.
import { DELIVERY_WILDCARD, STREAM_DELIVERY, deliveryFilter, parseDeliverySubject } from '#contracts';
import { inboxListKey } from '#node';
import { waitFor } from '#testing';
import type { E2eStack } from './e2e-stack.js';
import { metric, postJson } from './node-api.js';

/**
 * Posts `total` alerts (`bodyOf(serial)`) to the node at `base`, `concurrency` at a time, and
 * resolves with their ids. `accepted` fills up as the node answers, so a test can act mid-stream.
 */
export async function postAlerts(
  base: string,
  total: number,
  bodyOf: (serial: number) => unknown,
  options: { concurrency: number; accepted?: string[] },
): Promise<string[]> {
  const accepted = options.accepted ?? [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      const serial = next++;
      const { status, body } = await postJson<{ id: string }>(`${base}/v1/alerts`, bodyOf(serial));
      if (status !== 202) throw new Error(`alert ${serial} answered ${status}: ${JSON.stringify(body)}`);
      accepted.push(body.id);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  return accepted;
}

/** Every message id in a node's inbox, read from its Redis list (the API pages at most 200). */
export function inboxIds(env: E2eStack, node: string): Promise<string[]> {
  return env.redis.lrange(inboxListKey(node), 0, -1);
}

/** How many inbox entries a node has. */
export function inboxSize(env: E2eStack, node: string): Promise<number> {
  return env.redis.llen(inboxListKey(node));
}

/** How many copies of `kind` messages the delivery stream holds for `node`, or for all nodes. */
export async function storedDeliveries(env: E2eStack, kind: string, node?: string): Promise<number> {
  const filter = node === undefined ? DELIVERY_WILDCARD : deliveryFilter(node);
  const info = await env.jsm.streams.info(STREAM_DELIVERY, { subjects_filter: filter });
  return Object.entries(info.state.subjects ?? {})
    .filter(([subject]) => parseDeliverySubject(subject)?.kind === kind)
    .reduce((sum, [, count]) => sum + count, 0);
}

/**
 * Waits until every recipient's inbox holds as many entries as `ids`, then checks that each holds
 * exactly those ids, once each: in the inbox, in the node's own count of messages taken in, and in
 * the delivery stream (one copy per recipient, however often the hub handled the message).
 */
export async function expectEachDeliveredOnce(
  env: E2eStack,
  recipients: readonly string[],
  ids: readonly string[],
  timeoutMs: number,
): Promise<void> {
  const expected = [...ids].sort();
  for (const node of recipients) {
    await waitFor(async () => (await inboxSize(env, node)) >= ids.length, {
      timeoutMs,
      what: `${ids.length} alerts in the inbox of ${node}`,
    });
  }
  for (const node of recipients) {
    const received = await inboxIds(env, node);
    expect({ node, ids: [...received].sort() }).toEqual({ node, ids: expected });
    await expect(metric(env.url(node), 'bl_delivered_total', { kind: 'alert' })).resolves.toBe(ids.length);
    await expect(storedDeliveries(env, 'alert', node)).resolves.toBe(ids.length);
  }
}
