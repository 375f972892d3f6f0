import { pollUntil, type PollOutcome } from '../measure/poll.js';
import { processMemory } from '../measure/process-memory.js';
import { perSecond, round } from '../measure/stats.js';
import type { BenchOptions } from '../options.js';
import { AlertPublishers } from '../pipeline/alert-publishers.js';
import { BenchAlertFactory } from '../pipeline/bench-alerts.js';
import { CATCHUP_RECIPIENT, CATCHUP_REGION, PUBLISHERS } from '../pipeline/bench-registry.js';
import { BenchStack } from '../pipeline/bench-stack.js';
import { InboxProbe } from '../pipeline/inbox-probe.js';
import { StreamProbe } from '../pipeline/stream-probe.js';
import { RawJetStream } from '../raw/raw-jetstream.js';
import { runSigned, signedRateFigures, type SignedRuns } from '../raw/signed-bodies.js';
import type { ScenarioResult } from '../report.js';

// Issue 14's least drain rate over the raw backlog's, which the verdict judges by, and the one it aims at.
const DRAIN_TARGET = 0.3;
const DRAIN_AIM = 0.5;
const PEAK_LIMIT_MB = 200;

/**
 * B4: a recipient is offline while the hub routes `backlog` alerts to it; then it starts. Measures its
 * drain rate (first to last take-in), peak resident memory (VmHWM) and time from spawn to its first
 * message; versus raw JetStream consuming a backlog of the same size on the same server.
 */
export async function runCatchupScenario(options: BenchOptions, root: string): Promise<ScenarioResult> {
  const stack = await BenchStack.create({ root, logLevel: options.logLevel, profileDir: options.profileDir });
  const inbox = new InboxProbe(stack.servers.redis.url);
  try {
    const jetStream = await RawJetStream.connect(stack.servers.natsClient);
    let raw: SignedRuns<number>;
    try {
      raw = await runSigned((signed) => jetStream.drainBacklog('b4', options.backlog, signed));
    } finally {
      await jetStream.close();
    }
    await stack.startHub();
    const signers = await Promise.all(PUBLISHERS.map(async (id) => ({ id, signer: await stack.signer(id) })));
    const publishers = await AlertPublishers.connect(
      stack.servers.natsClient,
      signers,
      new BenchAlertFactory(root, CATCHUP_REGION),
    );
    const stored = await StreamProbe.connect(stack.servers.natsClient);
    let routed: PollOutcome;
    try {
      await publishers.burst(options.backlog);
      routed = await pollUntil(
        async () => (await stored.copiesFor([CATCHUP_RECIPIENT])) >= options.backlog,
        options.timeoutMs,
        200,
      );
    } finally {
      await Promise.all([publishers.close(), stored.close()]);
    }

    const spawned = performance.now();
    const first = pollUntil(async () => (await inbox.count([CATCHUP_RECIPIENT])) > 0, options.timeoutMs, 5);
    const [late] = await stack.startNodes([CATCHUP_RECIPIENT]);
    const firstMs = (await first).elapsedMs;
    const drained = await pollUntil(
      async () => (await inbox.count([CATCHUP_RECIPIENT])) >= options.backlog,
      options.timeoutMs,
    );
    // The drain runs from the first take-in to the last (or to the bound).
    const drainMs = performance.now() - spawned - firstMs;
    const taken = await inbox.count([CATCHUP_RECIPIENT]);
    const peakMb = (await processMemory(late!.app.pid!)).peakRssMb;
    const drainPerS = perSecond(taken, drainMs);
    const ratio = round(drainPerS / raw.raw);
    return {
      id: 'B4',
      title: `catch-up: ${options.backlog} alerts waiting for an offline recipient, then it starts`,
      figures: {
        backlog: options.backlog,
        taken_in: taken,
        drain_per_s: drainPerS,
        peak_rss_mb: round(peakMb, 1),
        ready_ms: Math.round(late!.readyMs),
        first_message_ms: Math.round(firstMs),
        drain_s: round(drainMs / 1000, 1),
      },
      baseline: {
        messages: options.backlog,
        ...signedRateFigures(raw, 'raw_backlog_msgs_per_s', 'backlog_msgs_per_s'),
      },
      ratio,
      target: `>=${DRAIN_TARGET} (aim ${DRAIN_AIM}) and peak<${PEAK_LIMIT_MB}MB`,
      ok: routed.reached && drained.reached && ratio >= DRAIN_TARGET && peakMb < PEAK_LIMIT_MB,
      notes: [
        "raw_verified: the raw consumer checking two Ed25519 signatures per message (the origin's and the hub's statement) with Borderlink's verifier before acking; raw_origin_verified: the origin's alone; each over raw is the highest ratio a recipient that verifies as much can reach",
        ...(routed.reached ? [] : [`the hub had not routed all ${options.backlog} alerts within the bound`]),
        ...(drained.reached
          ? []
          : [`only ${taken} of ${options.backlog} taken in within ${options.timeoutMs / 1000} s`]),
      ],
    };
  } finally {
    await inbox.close();
    await stack.stop();
  }
}
