import {
  DiscardPolicy,
  JetStreamApiError,
  JetStreamApiCodes,
  RetentionPolicy,
  StorageType,
  type JetStreamManager,
  type StreamConfig,
  type StreamInfo,
  type StreamUpdateConfig,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { ProvisioningError } from './messaging.errors.js';
import type { StreamSpec } from './messaging.options.js';

const DEFAULT_DUPLICATE_WINDOW_MS = 2 * 60 * 1000;
const NO_LIMIT = -1;
// The server answers a create racing another app's create of the same name with this code.
const STREAM_NAME_IN_USE = 10058;

/** The fields of a stream that provisioning owns. */
export type DeclaredStreamConfig = Pick<
  StreamConfig,
  | 'name'
  | 'subjects'
  | 'retention'
  | 'storage'
  | 'discard'
  | 'max_age'
  | 'duplicate_window'
  | 'max_msg_size'
  | 'num_replicas'
>;

/** The JetStream configuration a spec declares: file storage, limits retention, oldest discarded first. */
export function streamConfig(spec: StreamSpec): DeclaredStreamConfig {
  return {
    name: spec.name,
    subjects: [...spec.subjects],
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    discard: DiscardPolicy.Old,
    max_age: nanos(spec.maxAgeMs ?? 0),
    duplicate_window: nanos(spec.duplicateWindowMs ?? DEFAULT_DUPLICATE_WINDOW_MS),
    max_msg_size: spec.maxMsgSize ?? NO_LIMIT,
    num_replicas: spec.replicas ?? 1,
  };
}

/**
 * What must change for `current` to match `declared`: the updatable fields that differ, or
 * undefined when nothing does. Storage and retention cannot be updated in place.
 * @throws ProvisioningError when storage or retention differ.
 */
export function streamUpdate(
  current: StreamConfig,
  declared: DeclaredStreamConfig,
): Partial<StreamUpdateConfig> | undefined {
  if (current.storage !== declared.storage || current.retention !== declared.retention) {
    throw new ProvisioningError(
      `stream ${declared.name} exists with storage ${current.storage} and retention ${current.retention}; ` +
        `declared ${declared.storage}/${declared.retention} needs a migration`,
      declared.name,
    );
  }
  const update: Partial<StreamUpdateConfig> = {};
  if (!sameSet(current.subjects ?? [], declared.subjects)) update.subjects = declared.subjects;
  if (current.max_age !== declared.max_age) update.max_age = declared.max_age;
  if (current.duplicate_window !== declared.duplicate_window)
    update.duplicate_window = declared.duplicate_window;
  if (current.max_msg_size !== declared.max_msg_size) update.max_msg_size = declared.max_msg_size;
  if (current.num_replicas !== declared.num_replicas) update.num_replicas = declared.num_replicas;
  if (current.discard !== declared.discard) update.discard = declared.discard;
  return Object.keys(update).length > 0 ? update : undefined;
}

/**
 * Creates each declared stream, or updates it where its configuration differs; leaves matching
 * streams alone, so every app may run it at every start. Safe against another app provisioning the
 * same stream at the same moment.
 * @throws ProvisioningError naming the stream, with the server's error as `cause`.
 */
export async function provisionStreams(
  manager: JetStreamManager,
  specs: readonly StreamSpec[],
): Promise<void> {
  for (const spec of specs) await provisionStream(manager, streamConfig(spec));
}

async function provisionStream(manager: JetStreamManager, declared: DeclaredStreamConfig): Promise<void> {
  try {
    const current = (await findStream(manager, declared.name)) ?? (await createStream(manager, declared));
    const update = streamUpdate(current.config, declared);
    if (update) await manager.streams.update(declared.name, update);
  } catch (error) {
    if (error instanceof ProvisioningError) throw error;
    throw new ProvisioningError(`cannot provision stream ${declared.name}`, declared.name, { cause: error });
  }
}

async function findStream(manager: JetStreamManager, name: string): Promise<StreamInfo | undefined> {
  try {
    return await manager.streams.info(name);
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound)
      return undefined;
    throw error;
  }
}

async function createStream(manager: JetStreamManager, declared: DeclaredStreamConfig): Promise<StreamInfo> {
  try {
    return await manager.streams.add(declared);
  } catch (error) {
    // Another app created it first: continue from what it created.
    if (error instanceof JetStreamApiError && error.code === STREAM_NAME_IN_USE) {
      return manager.streams.info(declared.name);
    }
    throw error;
  }
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  const set = new Set(a);
  return b.every((item) => set.has(item));
}
