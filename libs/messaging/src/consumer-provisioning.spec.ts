import { AckPolicy, DeliverPolicy, ReplayPolicy, type ConsumerConfig } from '@nats-io/jetstream';
import { consumerConfig, consumerUpdate, resolveConsumerSpec } from './consumer-provisioning.js';
import { ProvisioningError } from './messaging.errors.js';
import type { ConsumerSpec } from './messaging.options.js';

const NS_PER_MS = 1_000_000;
const spec: ConsumerSpec = {
  pattern: 'ingress',
  stream: 'BL_INGRESS',
  durable: 'hub-ingress',
  filterSubject: 'bl.in.>',
};

function serverView(overrides: Partial<ConsumerConfig> = {}): ConsumerConfig {
  return { ...consumerConfig(spec), max_waiting: 512, num_replicas: 0, ...overrides } as ConsumerConfig;
}

describe('resolveConsumerSpec', () => {
  it('fills in the defaults', () => {
    expect(resolveConsumerSpec(spec)).toEqual({
      ...spec,
      maxAttempts: 10,
      ackWaitMs: 30_000,
      maxAckPending: 1_000,
      batch: 256,
      concurrency: 64,
      bind: false,
      inBatches: false,
      gatherMs: 0,
    });
  });

  it('keeps what the spec sets, including -1 for unlimited attempts', () => {
    const resolved = resolveConsumerSpec({ ...spec, maxAttempts: -1, batch: 10, concurrency: 2 });
    expect(resolved).toMatchObject({ maxAttempts: -1, batch: 10, concurrency: 2 });
  });

  it.each([
    ['batch', { batch: 0 }],
    ['concurrency', { concurrency: 1.5 }],
    ['ackWaitMs', { ackWaitMs: -1 }],
    ['maxAttempts', { maxAttempts: 0 }],
  ])('refuses an unworkable %s', (_field, override) => {
    expect(() => resolveConsumerSpec({ ...spec, ...override })).toThrow(RangeError);
  });
});

describe('consumerConfig', () => {
  it('declares a durable pull consumer with explicit acks and a single filter subject', () => {
    const config = consumerConfig({ ...spec, maxAttempts: 5, ackWaitMs: 2_000, maxAckPending: 100 });
    expect(config).toEqual({
      durable_name: 'hub-ingress',
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      replay_policy: ReplayPolicy.Instant,
      filter_subject: 'bl.in.>',
      max_deliver: -1,
      ack_wait: 2_000 * NS_PER_MS,
      max_ack_pending: 100,
    });
    expect(config).not.toHaveProperty('filter_subjects');
    expect(config).not.toHaveProperty('deliver_subject');
  });
});

describe('consumerUpdate', () => {
  const declared = consumerConfig(spec);

  it('changes nothing when the server already has the declared configuration', () => {
    expect(consumerUpdate(serverView(), declared)).toBeUndefined();
  });

  it('updates only the limits that differ', () => {
    const current = serverView({ max_deliver: 3, ack_wait: 1 });
    expect(consumerUpdate(current, declared)).toEqual({ max_deliver: -1, ack_wait: 30_000 * NS_PER_MS });
  });

  it('updates a changed filter subject', () => {
    expect(consumerUpdate(serverView({ filter_subject: 'bl.in.x.>' }), declared)).toEqual({
      filter_subject: 'bl.in.>',
    });
  });

  it('refuses to reuse a push consumer or one with another ack policy', () => {
    expect(() => consumerUpdate(serverView({ deliver_subject: 'push.here' }), declared)).toThrow(
      ProvisioningError,
    );
    expect(() => consumerUpdate(serverView({ ack_policy: AckPolicy.None }), declared)).toThrow(
      ProvisioningError,
    );
  });
});
