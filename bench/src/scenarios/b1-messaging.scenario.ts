import type { BenchOptions } from '../options.js';
import { measureCommunityTransport } from '../messaging/community-transport.js';
import { measureMessagingLayer } from '../messaging/messaging-bench.js';
import { startPrivateServers } from '../measure/private-servers.js';
import { round } from '../measure/stats.js';
import { RawJetStream } from '../raw/raw-jetstream.js';
import type { ScenarioResult } from '../report.js';

const TARGET = 0.9;
const COMMUNITY_TARGET = 1.5;

/**
 * B1: libs/messaging versus raw @nats-io/jetstream doing the same, and versus the community NestJS
 * JetStream transport, each on the same private server.
 */
export async function runMessagingScenario(options: BenchOptions, root: string): Promise<ScenarioResult> {
  const servers = await startPrivateServers();
  try {
    const raw = await RawJetStream.connect(servers.natsClient);
    let rawPerS: number;
    try {
      rawPerS = await raw.publishAndConsume('b1', options.b1Messages);
    } finally {
      await raw.close();
    }
    const layerPerS = await measureMessagingLayer(servers.natsClient, options.b1Messages);
    const community = await measureCommunityTransport(
      root,
      servers.natsClient,
      options.b1Messages,
      options.timeoutMs,
    );
    const ratio = round(layerPerS / rawPerS);
    const vsCommunity = 'eventsPerS' in community ? round(layerPerS / community.eventsPerS) : undefined;
    return {
      id: 'B1',
      title: 'messaging layer: publish with id and ack, handler, ack (1 KiB)',
      figures: {
        messages: options.b1Messages,
        events_per_s: layerPerS,
        vs_community: vsCommunity ?? 'not measured',
      },
      baseline: {
        messages: options.b1Messages,
        raw_jetstream_msgs_per_s: rawPerS,
        community_transport_events_per_s:
          'eventsPerS' in community ? community.eventsPerS : `not measured: ${community.notMeasured}`,
      },
      ratio,
      target: `>=${TARGET} and >=${COMMUNITY_TARGET}x community`,
      // Both halves of the target must be measured to be met: `npm run bench` installs the community transport.
      ok: ratio >= TARGET && vsCommunity !== undefined && vsCommunity >= COMMUNITY_TARGET,
      notes: [
        'community: @nestjs-plugins/nestjs-nats-jetstream-transport 2.2.6 on NestJS 11 and nats v2 ' +
          '(bench/community), same event size, message ids and publish window; its consumer is a push ' +
          'consumer handling one event at a time, as the transport does',
      ],
    };
  } finally {
    await servers.stop();
  }
}
