import { DiscardPolicy, RetentionPolicy, StorageType, type StreamConfig } from '@nats-io/jetstream';
import { ProvisioningError } from './messaging.errors.js';
import { streamConfig, streamUpdate } from './stream-provisioning.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const NS_PER_MS = 1_000_000;

function serverView(overrides: Partial<StreamConfig> = {}): StreamConfig {
  return {
    ...streamConfig({
      name: 'BL_INGRESS',
      subjects: ['bl.in.>'],
      maxAgeMs: 30 * DAY_MS,
      duplicateWindowMs: DAY_MS,
    }),
    max_consumers: -1,
    sealed: false,
    first_seq: 1,
    allow_msg_counter: false,
    persist_mode: 'default',
    max_msgs_per_subject: -1,
    max_msgs: -1,
    max_bytes: -1,
    discard_new_per_subject: false,
    allow_rollup_hdrs: false,
    deny_delete: false,
    deny_purge: false,
    allow_direct: false,
    mirror_direct: false,
    ...overrides,
  } as StreamConfig;
}

describe('streamConfig', () => {
  it('declares file storage, limits retention and discards the oldest messages', () => {
    const config = streamConfig({ name: 'S', subjects: ['s.>'] });
    expect(config).toMatchObject({
      name: 'S',
      subjects: ['s.>'],
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      discard: DiscardPolicy.Old,
    });
  });

  it('converts max age and duplicate window to nanoseconds', () => {
    const config = streamConfig({
      name: 'S',
      subjects: ['s.>'],
      maxAgeMs: 30 * DAY_MS,
      duplicateWindowMs: DAY_MS,
    });
    expect(config.max_age).toBe(30 * DAY_MS * NS_PER_MS);
    expect(config.duplicate_window).toBe(DAY_MS * NS_PER_MS);
  });

  it('keeps messages without age limit, dedupes for two minutes and takes the server limits by default', () => {
    const config = streamConfig({ name: 'S', subjects: ['s.>'] });
    expect(config.max_age).toBe(0);
    expect(config.duplicate_window).toBe(2 * 60 * 1000 * NS_PER_MS);
    expect(config.max_msg_size).toBe(-1);
    expect(config.num_replicas).toBe(1);
  });

  it('copies the subjects, so later changes to the spec do not leak in', () => {
    const subjects = ['s.>'];
    const config = streamConfig({ name: 'S', subjects });
    subjects.push('t.>');
    expect(config.subjects).toEqual(['s.>']);
  });
});

describe('streamUpdate', () => {
  const declared = streamConfig({
    name: 'BL_INGRESS',
    subjects: ['bl.in.>'],
    maxAgeMs: 30 * DAY_MS,
    duplicateWindowMs: DAY_MS,
  });

  it('changes nothing when the server already has the declared configuration', () => {
    expect(streamUpdate(serverView(), declared)).toBeUndefined();
  });

  it('ignores the order of subjects', () => {
    const two = streamConfig({ name: 'S', subjects: ['a.>', 'b.>'] });
    expect(streamUpdate(serverView({ ...two, subjects: ['b.>', 'a.>'] }), two)).toBeUndefined();
  });

  it('updates only the fields that differ', () => {
    const current = serverView({ max_age: 0, subjects: ['bl.in.x'] });
    expect(streamUpdate(current, declared)).toEqual({ max_age: declared.max_age, subjects: ['bl.in.>'] });
  });

  it('turns on the refusal of deletes and purges of an append-only stream, and never turns it off', () => {
    const audit = streamConfig({ name: 'BL_AUDIT', subjects: ['bl.audit.>'], appendOnly: true });
    expect([audit.deny_delete, audit.deny_purge]).toEqual([true, true]);
    expect(streamUpdate(serverView(audit), audit)).toBeUndefined();
    expect(streamUpdate(serverView({ ...audit, deny_delete: false, deny_purge: false }), audit)).toEqual({
      deny_delete: true,
      deny_purge: true,
    });
    const plain = streamConfig({ name: 'BL_AUDIT', subjects: ['bl.audit.>'] });
    expect(streamUpdate(serverView(audit), plain)).toBeUndefined();
  });

  it('refuses to turn a stream of other storage or retention into the declared one', () => {
    expect(() => streamUpdate(serverView({ storage: StorageType.Memory }), declared)).toThrow(
      ProvisioningError,
    );
    expect(() => streamUpdate(serverView({ retention: RetentionPolicy.Workqueue }), declared)).toThrow(
      ProvisioningError,
    );
  });
});
