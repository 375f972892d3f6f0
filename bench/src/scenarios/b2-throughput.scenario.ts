import { setTimeout as pause } from 'node:timers/promises';
import { processMemory, RssSampler } from '../measure/process-memory.js';
import { pollUntil } from '../measure/poll.js';
import { perSecond, round, summariseLatencies } from '../measure/stats.js';
import type { BenchOptions } from '../options.js';
import { RECIPIENTS } from '../pipeline/bench-registry.js';
import { startPipeline } from '../pipeline/pipeline-run.js';
import { RawJetStream } from '../raw/raw-jetstream.js';
import { runSigned, signedRateFigures, type SignedRuns } from '../raw/signed-bodies.js';
import type { ScenarioResult } from '../report.js';

// Issue 14's least ratio to the raw hop, which the verdict judges by, and the one it aims at.
const B2_TARGET = 0.5;
const B2_AIM = 1.0;
const IDLE_NODE_LIMIT_MB = 100;
const HUB_LIMIT_MB = 250;
const READY_LIMIT_MS = 1_000;

/** B2 and B5 measure one stack: B5's footprint is B2's stack idle, starting, and under B2's load. */
export interface ThroughputResults {
  b2: ScenarioResult;
  b5: ScenarioResult;
}

/**
 * B2: signed 1 KiB alerts from five publishers through ingress, the hub and delivery to five
 * recipients, counted once each recipient has verified, de-duplicated and stored them; versus raw
 * single-hop JetStream publish-and-consume on the same server. B5 reads the same stack's footprint.
 */
export async function runThroughputScenario(options: BenchOptions, root: string): Promise<ThroughputResults> {
  let raw: SignedRuns<number> | undefined;
  const topology = await startPipeline(options, root, async (nats) => {
    const jetStream = await RawJetStream.connect(nats);
    try {
      raw = await runSigned((signed) => jetStream.publishAndConsume('b2', options.rawMessages, signed));
    } finally {
      await jetStream.close();
    }
  });
  const rates = raw!;
  try {
    const { hub, firstNode, publishers, inbox } = topology;
    const startedNodeMb = (await processMemory(firstNode.app.pid!)).rssMb;
    const startedHubMb = (await processMemory(hub.app.pid!)).rssMb;
    // Idle means settled: V8 gives back the heap it grew while starting after about half a minute
    // without work (its memory reducer), so the footprint right after start-up is not the idle one.
    await pause(options.idleMs);
    const idleNodeMb = (await processMemory(firstNode.app.pid!)).rssMb;
    const idleHubMb = (await processMemory(hub.app.pid!)).rssMb;
    const hubSampler = new RssSampler(hub.app.pid!);
    const expected = options.alerts * RECIPIENTS.length;
    const cpu = await topology.countCpu();
    const started = performance.now();
    await publishers.burst(options.alerts);
    const publishMs = performance.now() - started;
    const done = await pollUntil(async () => (await inbox.count(RECIPIENTS)) >= expected, options.timeoutMs);
    const elapsedMs = performance.now() - started;
    const hubPeakMb = await hubSampler.stop();
    const cpuSeconds = await cpu.end();
    const harvest = await inbox.harvest(RECIPIENTS, publishers.sentMs);
    const deliveredPerS = perSecond(harvest.verified, elapsedMs);
    const latency = summariseLatencies(harvest.latenciesMs);
    const ratio = round(deliveredPerS / rates.raw);
    const notes = done.reached
      ? []
      : [`only ${harvest.verified} of ${expected} deliveries within ${options.timeoutMs / 1000} s`];
    if (harvest.unverified > 0) notes.push(`${harvest.unverified} deliveries did not verify`);
    notes.push(
      "raw_verified: the raw hop with two Ed25519 signatures per message (the origin's and the hub's statement) made at publish and checked with Borderlink's verifier before the ack; raw_origin_verified: the origin's alone; each over raw is the highest ratio a pipeline that signs and verifies as much can reach",
      'cpu_s_*: CPU seconds during the run (2 cores give 2 s per second); rest_of_machine is everything else running on it',
    );

    const worst = Math.max(
      idleNodeMb / IDLE_NODE_LIMIT_MB,
      hubPeakMb / HUB_LIMIT_MB,
      hub.readyMs / READY_LIMIT_MS,
      firstNode.readyMs / READY_LIMIT_MS,
    );
    return {
      b2: {
        id: 'B2',
        title: 'pipeline throughput: 5 publishers -> hub -> 5 recipients, signed 1 KiB alerts',
        figures: {
          alerts: options.alerts,
          verified_deliveries: harvest.verified,
          verified_deliveries_per_s: deliveredPerS,
          alerts_accepted_per_s: perSecond(options.alerts, publishMs),
          delivery_p50_ms: latency.p50,
          delivery_p99_ms: latency.p99,
          elapsed_s: round(elapsedMs / 1000, 1),
          cpu_s_hub: round(cpuSeconds.hub!, 1),
          cpu_s_5_recipients: round(cpuSeconds.recipients!, 1),
          cpu_s_5_publishers: round(cpuSeconds.publishers!, 1),
          cpu_s_bench_driver: round(cpuSeconds.bench!, 1),
          cpu_s_nats_server: round(cpuSeconds.nats!, 1),
          cpu_s_redis: round(cpuSeconds.redis!, 1),
          cpu_s_rest_of_machine: round(cpuSeconds.other!, 1),
        },
        baseline: {
          messages: options.rawMessages,
          ...signedRateFigures(rates, 'raw_publish_consume_msgs_per_s', 'msgs_per_s'),
        },
        ratio,
        target: `>=${B2_TARGET} (aim ${B2_AIM})`,
        ok: done.reached && ratio >= B2_TARGET,
        notes,
      },
      b5: {
        id: 'B5',
        title: 'footprint: idle node, hub under B2 load, start-up to /healthz 200',
        figures: {
          idle_node_rss_mb: round(idleNodeMb, 1),
          idle_hub_rss_mb: round(idleHubMb, 1),
          started_node_rss_mb: round(startedNodeMb, 1),
          started_hub_rss_mb: round(startedHubMb, 1),
          hub_peak_rss_under_b2_mb: round(hubPeakMb, 1),
          hub_ready_ms: Math.round(hub.readyMs),
          node_ready_ms: Math.round(firstNode.readyMs),
        },
        baseline: {
          idle_node_limit_mb: IDLE_NODE_LIMIT_MB,
          hub_limit_mb: HUB_LIMIT_MB,
          ready_limit_ms: READY_LIMIT_MS,
        },
        ratio: round(worst),
        target: '<=1.0',
        ok: worst <= 1,
        notes: [
          'ratio: the worst of each figure over its limit (the targets are absolute)',
          `idle: after ${options.idleMs / 1000} s without work; started: as soon as /healthz answered 200`,
        ],
      },
    };
  } finally {
    await topology.close();
  }
}
