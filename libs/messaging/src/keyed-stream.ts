import { JetStreamApiError, RetentionPolicy, StorageType, type JetStreamManager } from '@nats-io/jetstream';

// The server's answer to a create racing another instance's create of the same stream.
const STREAM_NAME_IN_USE = 10058;

/**
 * Creates a stream used as a key-value store readable on nats-server 2.9: one subject per key, only
 * its last message kept, none expiring. Creating it again with the same configuration is a no-op for
 * JetStream, and a create racing another process's is no error; an existing stream with other
 * replicas than `replicas` is re-replicated, like the other streams.
 */
export async function ensureKeyedStream(
  manager: JetStreamManager,
  name: string,
  subjects: string[],
  replicas: number,
): Promise<void> {
  try {
    await manager.streams.add({
      name,
      subjects,
      retention: RetentionPolicy.Limits,
      storage: StorageType.File,
      max_msgs_per_subject: 1,
      num_replicas: replicas,
    });
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === STREAM_NAME_IN_USE)) throw error;
    const { config } = await manager.streams.info(name);
    if (config.num_replicas !== replicas) await manager.streams.update(name, { num_replicas: replicas });
  }
}
