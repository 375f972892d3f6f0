import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { CONSUMER_HUB_INGRESS, STREAM_DELIVERY, STREAM_INGRESS, nodeDeliveryConsumer } from '#contracts';
import { waitFor } from '#testing';
import { ROOT, subscribersBut, useE2eStack, type E2eStack } from '../e2e/support/e2e-stack.js';
import { credentialsFor } from '../e2e/support/node-api.js';
import { chaosConfig } from './support/chaos.config.js';
import { runFaults, type FaultStep } from './support/fault-schedule.js';
import { LeafLink } from '../support/leaf-link.js';
import { ProgressGate, publish, type SentAlert } from './support/publishers.js';
import { InboxFeed, readWholeInbox } from './support/recipient-ledger.js';
import { formatReport, tally, type ChaosTally, type RecipientView } from './support/tally.js';

const config = chaosConfig();
// Every alert is a caspian SALW alert: the registry's subscribers of that topic but its sender get
// it, which is how the hub routes it. Five of them publish; the sixth is kept offline.
const REGION = 'caspian';
const CATEGORY = 'salw';
const PUBLISHERS = ['kz-border', 'tm-border', 'kz-customs', 'tm-customs', 'interpol'];
const OFFLINE = 'unodc';
// With CHAOS_LEAF_CUT on, site kz runs as a leaf server whose link to the hub goes through a relay
// that is cut for part of the run; kz-border and kz-customs, which alert each other, run on it.
const SITE = 'kz';
const SITE_PEERS = ['kz-border', 'kz-customs'];
const recipientsOf = (sender: string): string[] => subscribersBut(sender, REGION, CATEGORY);
const NODES = [...new Set([...PUBLISHERS, ...PUBLISHERS.flatMap(recipientsOf)])];
const TOTAL = PUBLISHERS.length * config.CHAOS_ALERTS_PER_NODE;
// Bounds grow with the run's size: about 20 ms per alert for each bounded phase, over a floor that
// covers a restarted hub waiting out the 30 s ack wait of what its predecessor held.
const PHASE_TIMEOUT_MS = 90_000 + TOTAL * 20;
const TEST_TIMEOUT_MS = 300_000 + TOTAL * 100;
// The verifier reads the whole chain: an entry per routed alert and per delivery.
const AUDIT_TIMEOUT_MS = 60_000 + TOTAL * 60;

/**
 * `borderlink audit verify` on the stack's NATS, as the operator, proved against every node's witness
 * (the hub's statements and checkpoints each kept through the faults): ok when it exits 0.
 */
async function verifyAudit(env: E2eStack): Promise<'ok' | 'broken'> {
  // Each node's demo API key (every role, cleared for TLP:RED) opens its witness.
  const witnesses = [...env.stack.nodes.keys()].flatMap((node) => [
    '--witness',
    `${env.url(node)},${join(env.stack.paths.secrets, node, 'demo-api-key')}`,
  ]);
  const args = [
    'audit',
    'verify',
    '--nats',
    env.nats.url,
    ...(env.stack.natsCaFile === undefined ? [] : ['--ca', env.stack.natsCaFile]),
    '--seed',
    env.stack.paths.operatorSeed,
    ...witnesses,
  ];
  try {
    await promisify(execFile)(
      process.execPath,
      [join(ROOT, 'bin', 'borderlink.js'), ...args, '--registry', env.stack.paths.registry],
      { timeout: AUDIT_TIMEOUT_MS },
    );
    return 'ok';
  } catch (error) {
    const { code, signal, stdout, stderr } = error as {
      code?: number;
      signal?: string;
      stdout?: string;
      stderr?: string;
    };
    process.stderr.write(
      `audit verify failed (exit ${code ?? signal ?? '?'}): ${stdout ?? ''}${stderr ?? String(error)}\n`,
    );
    return 'broken';
  }
}

/** For each lost alert, where its sender's view says it stopped: accepted or rejected, and per recipient. */
async function whereLost(env: E2eStack, result: ChaosTally, sent: readonly SentAlert[]): Promise<string> {
  const ids = new Set(result.recipients.flatMap((line) => line.missing));
  const lines = await Promise.all(
    sent
      .filter((alert) => ids.has(alert.id))
      .map(async (alert) => {
        const url = `${env.url(alert.sender)}/v1/messages/${alert.id}`;
        const response = await fetch(url, { headers: credentialsFor(url) });
        const view = response.ok ? JSON.stringify(await response.json()) : `HTTP ${response.status}`;
        return `  ${alert.id} from ${alert.sender} (answered ${alert.answer ?? '?'}): ${view}`;
      }),
  );
  return ['lost alerts, as their senders see them:', ...lines].join('\n');
}

/** True once the hub's ingress consumer and every recipient's delivery consumer hold nothing in flight. */
async function drained(env: E2eStack, recipients: readonly string[]): Promise<boolean> {
  const consumers = [
    env.jsm.consumers.info(STREAM_INGRESS, CONSUMER_HUB_INGRESS),
    ...recipients.map((node) => env.jsm.consumers.info(STREAM_DELIVERY, nodeDeliveryConsumer(node))),
  ];
  const infos = await Promise.all(consumers);
  return infos.every((info) => info.num_pending === 0 && info.num_ack_pending === 0);
}

/**
 * Resolves once a `queued` alert of a site node has reached a site peer's inbox while the link is
 * cut: the site's fast path, since nothing crosses the cut link.
 */
async function deliveredOnSite(env: E2eStack, sent: readonly SentAlert[]): Promise<void> {
  await waitFor(
    async () => {
      for (const peer of SITE_PEERS) {
        const queued = sent.filter((alert) => alert.answer === 'queued' && alert.sender !== peer);
        if (queued.length === 0) continue;
        const inbox = new Set((await readWholeInbox(env.url(peer))).ids);
        if (queued.some((alert) => inbox.has(alert.id))) return true;
      }
      return false;
    },
    { timeoutMs: PHASE_TIMEOUT_MS, what: `a queued ${SITE} alert in a ${SITE} peer's inbox during the cut` },
  );
}

function faultSteps(env: E2eStack, sent: readonly SentAlert[], link: () => LeafLink): FaultStep[] {
  const hub = env.stack.hub;
  const steps: FaultStep[] = [
    { at: 0.1, name: 'hub SIGKILL #1', run: () => hub.kill() },
    { at: 0.15, name: 'hub restart #1', run: () => hub.restart() },
    { at: 0.25, name: 'nats-server restart #1', run: () => env.nats.restart() },
    { at: 0.35, name: 'hub SIGKILL #2', run: () => hub.kill() },
    { at: 0.4, name: 'hub restart #2', run: () => hub.restart() },
    { at: 0.6, name: 'nats-server restart #2', run: () => env.nats.restart() },
    { at: 0.7, name: 'hub SIGKILL #3', run: () => hub.kill() },
    { at: 0.75, name: 'hub restart #3', run: () => hub.restart() },
  ];
  if (config.CHAOS_REDIS_WIPE === 'on') {
    steps.push({ at: 0.5, name: 'redis FLUSHALL', run: async () => void (await env.redis.flushall()) });
  }
  if (config.CHAOS_LEAF_CUT === 'on') {
    steps.push(
      { at: 0.45, name: `${SITE} link cut`, run: async () => link().cut() },
      {
        at: 0.65,
        name: `${SITE} link restored`,
        run: async () => {
          await deliveredOnSite(env, sent);
          link().restore();
        },
      },
    );
  }
  return steps;
}

describe('chaos: alerts from five nodes through hub crashes, NATS restarts, a Redis wipe, a site cut and an offline recipient', () => {
  let siteLink: LeafLink | undefined;
  const sites =
    config.CHAOS_LEAF_CUT === 'on'
      ? {
          sites: [SITE],
          siteLink: async (_site: string, hubLeaf: string) => {
            siteLink = await LeafLink.open(hubLeaf);
            return siteLink.address;
          },
        }
      : {};
  const e2e = useE2eStack(NODES, {}, sites);
  const feeds = new Map<string, InboxFeed>();
  afterAll(async () => {
    feeds.forEach((feed) => feed.close());
    await siteLink?.close();
  });

  it(
    `delivers each of ${TOTAL} acknowledged alerts exactly once to each entitled recipient`,
    async () => {
      const env = e2e();
      const recipients = NODES.filter((node) =>
        PUBLISHERS.some((sender) => recipientsOf(sender).includes(node)),
      );
      expect(recipients).toContain(OFFLINE);
      await env.stack.nodes.get(OFFLINE)!.stop();
      for (const node of recipients.filter((node) => node !== OFFLINE)) {
        feeds.set(node, await InboxFeed.open(env.url(node)));
      }

      const gate = new ProgressGate(0);
      const sent: SentAlert[] = [];
      const publishing = Promise.all(
        PUBLISHERS.map((sender) =>
          publish(sender, env.url(sender), {
            count: config.CHAOS_ALERTS_PER_NODE,
            concurrency: config.CHAOS_CONCURRENCY,
            gate,
            sent,
          }),
        ),
      );
      const steps = faultSteps(env, sent, () => siteLink!);
      const timeline = await runFaults(steps, gate, TOTAL, PHASE_TIMEOUT_MS);
      await publishing;
      if (config.CHAOS_LEAF_CUT === 'on') {
        const queued = SITE_PEERS.map(
          (node) => `${node} ${sent.filter((a) => a.sender === node && a.answer === 'queued').length}`,
        );
        timeline.push(`answered queued: ${queued.join(', ')}`);
      }

      // The recipient kept offline comes back and catches up on its whole backlog.
      await env.stack.nodes.get(OFFLINE)!.restart();
      feeds.set(OFFLINE, await InboxFeed.open(env.url(OFFLINE)));
      timeline.push(`${OFFLINE} started after all ${TOTAL} alerts were answered`);

      const views = async (): Promise<RecipientView[]> =>
        Promise.all(
          recipients.map(async (node) => ({
            node,
            feed: feeds.get(node)!,
            inbox: await readWholeInbox(env.url(node)),
          })),
        );
      // Done when every recipient shows as many alerts as it is entitled to and nothing is in flight
      // (so a late duplicate would already have shown).
      await waitFor(
        async () => {
          const current = tally(sent, recipientsOf, await views(), 'ok');
          const complete = current.recipients.every((line) => line.lost === 0);
          return complete && (await drained(env, recipients));
        },
        { timeoutMs: PHASE_TIMEOUT_MS, what: 'every recipient to hold its alerts, nothing in flight' },
      ).catch(() => undefined);

      const result = tally(sent, recipientsOf, await views(), await verifyAudit(env));
      process.stdout.write(`${formatReport(result, timeline)}\n`);
      if (result.lost > 0) process.stdout.write(`${await whereLost(env, result, sent)}\n`);

      // A feed that ended early would hide duplicates announced after it.
      expect([...feeds].filter(([, feed]) => feed.endedEarly).map(([node]) => node)).toEqual([]);
      expect(result).toMatchObject({
        sent: TOTAL,
        acknowledged: TOTAL,
        delivered: result.expected,
        lost: 0,
        duplicated: 0,
        misrouted: 0,
        signatureFailures: 0,
        audit: 'ok',
      });
    },
    TEST_TIMEOUT_MS,
  );
});
