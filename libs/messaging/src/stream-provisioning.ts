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
  | 'deny_delete'
  | 'deny_purge'
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
    deny_delete: spec.appendOnly === true,
    deny_purge: spec.appendOnly === true,
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
  // The server refuses to lift either once set, so only ever turn them on.
  if (declared.deny_delete === true && current.deny_delete !== true) update.deny_delete = true;
  if (declared.deny_purge === true && current.deny_purge !== true) update.deny_purge = true;
  return Object.keys(update).length > 0 ? update : undefined;
}

/** An append-only stream whose configuration differs from its declaration, left as it is. */
export interface StreamDrift {
  stream: string;
  /** The configuration fields that differ, e.g. `deny_delete`, `num_replicas`. */
  fields: string[];
}

/** Options of {@link provisionStreams}. */
export interface ProvisionStreamsOptions {
  /**
   * Bring append-only streams to their declaration too: an operator's migration, with rights the
   * apps' users do not have. Without it they are only created.
   */
  updateAppendOnly?: boolean;
}

/**
 * Creates each declared stream, or updates it where its configuration differs; leaves matching
 * streams alone, so every app may run it at every start. Safe against another app provisioning the
 * same stream at the same moment. An append-only stream is only created (unless `updateAppendOnly`):
 * resolves with those that differ from their declaration.
 * @throws ProvisioningError naming the stream, with the server's error as `cause`.
 */
export async function provisionStreams(
  manager: JetStreamManager,
  specs: readonly StreamSpec[],
  options: ProvisionStreamsOptions = {},
): Promise<StreamDrift[]> {
  const drifts: StreamDrift[] = [];
  for (const spec of specs) {
    const frozen = spec.appendOnly === true && options.updateAppendOnly !== true;
    const drift = await provisionStream(manager, streamConfig(spec), frozen);
    if (drift !== undefined) drifts.push(drift);
  }
  return drifts;
}

async function provisionStream(
  manager: JetStreamManager,
  declared: DeclaredStreamConfig,
  frozen: boolean,
): Promise<StreamDrift | undefined> {
  try {
    const current = (await findStream(manager, declared.name)) ?? (await createStream(manager, declared));
    const update = streamUpdate(current.config, declared);
    if (update === undefined) return undefined;
    if (frozen) return { stream: declared.name, fields: Object.keys(update) };
    await manager.streams.update(declared.name, update);
    return undefined;
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
