import type { BenchOptions } from '../options.js';
import { measureMessagingLayer } from '../messaging/messaging-bench.js';
import { startPrivateServers } from '../measure/private-servers.js';
import { round } from '../measure/stats.js';
import { RawJetStream } from '../raw/raw-jetstream.js';
import type { ScenarioResult } from '../report.js';

const TARGET = 0.9;
// The figure for @nestjs-plugins/nestjs-nats-jetstream-transport 2.2.6 on this machine.
const COMMUNITY_REFERENCE_PER_S = 9_400;

/** B1: libs/messaging versus raw @nats-io/jetstream doing the same, on one private server. */
export async function runMessagingScenario(options: BenchOptions): Promise<ScenarioResult> {
  const servers = await startPrivateServers();
  try {
    const raw = await RawJetStream.connect(servers.nats.url);
    let rawPerS: number;
    try {
      rawPerS = await raw.publishAndConsume('b1', options.b1Messages);
    } finally {
      await raw.close();
    }
    const layerPerS = await measureMessagingLayer(servers.nats.url, options.b1Messages);
    const ratio = round(layerPerS / rawPerS);
    return {
      id: 'B1',
      title: 'messaging layer: publish with id and ack, handler, ack (1 KiB)',
      figures: {
        messages: options.b1Messages,
        events_per_s: layerPerS,
        community_transport: 'not measured: not installed',
        vs_community_reference: round(layerPerS / COMMUNITY_REFERENCE_PER_S),
      },
      baseline: { messages: options.b1Messages, raw_jetstream_msgs_per_s: rawPerS },
      ratio,
      target: `>=${TARGET}`,
      ok: ratio >= TARGET,
      notes: [
        `@nestjs-plugins/nestjs-nats-jetstream-transport is not installed (package.json is shared); ` +
          `vs_community_reference compares with the issue's ${COMMUNITY_REFERENCE_PER_S} events/s from another run (target >=1.5)`,
      ],
    };
  } finally {
    await servers.stop();
  }
}
