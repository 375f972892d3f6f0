import { jetstreamManager } from '@nats-io/jetstream';
import { STREAM_DEFINITIONS } from '#contracts';
import { provisionStreams } from '#messaging';
import { connectTo, type NatsSource } from '#operations';

/**
 * Brings every stream the hub declares to its declared configuration with `replicas` copies,
 * append-only ones (BL_AUDIT) included, which the hub itself may only create: an operator's
 * migration, with the operator's rights. Resolves with the names of the streams it provisioned.
 */
export async function provisionDeclaredStreams(source: NatsSource, replicas: number): Promise<string[]> {
  const nc = await connectTo(source, 'borderlink-streams');
  try {
    const streams = STREAM_DEFINITIONS.map((stream) => ({ ...stream, replicas }));
    await provisionStreams(await jetstreamManager(nc, { checkAPI: false }), streams, {
      updateAppendOnly: true,
    });
    return streams.map((stream) => stream.name);
  } finally {
    await nc.close();
  }
}
