import { advisoryReason, parseConsumerAdvisory } from './consumer-advisory.js';
import { InvalidAdvisoryError } from './dead-letters.errors.js';

const bytes = (value: unknown): Uint8Array => new TextEncoder().encode(JSON.stringify(value));

// As nats-server 2.9 publishes them.
const MAX_DELIVER = {
  type: 'io.nats.jetstream.advisory.v1.max_deliver',
  id: 'poNMup0X1ag1yom43rTiBh',
  timestamp: '2026-11-28T02:32:45.856778823Z',
  stream: 'BL_DELIVERY',
  consumer: 'node-kz-border',
  stream_seq: 41,
  deliveries: 5,
};
const TERMINATED = {
  type: 'io.nats.jetstream.advisory.v1.terminated',
  id: 'p8NB4ZD1sQkbk8BVLsj6to',
  timestamp: '2026-11-28T02:32:58.193405746Z',
  stream: 'BL_INGRESS',
  consumer: 'hub-ingress',
  consumer_seq: 1,
  stream_seq: 7,
  deliveries: 1,
};

describe('parseConsumerAdvisory', () => {
  it('reads a max-deliveries advisory', () => {
    expect(parseConsumerAdvisory(bytes(MAX_DELIVER))).toEqual({
      kind: 'max-deliveries',
      stream: 'BL_DELIVERY',
      consumer: 'node-kz-border',
      streamSequence: 41,
      deliveries: 5,
    });
  });

  it('reads a terminated advisory, with the reason 2.11+ servers add', () => {
    expect(parseConsumerAdvisory(bytes(TERMINATED))).toMatchObject({ kind: 'terminated', streamSequence: 7 });
    expect(parseConsumerAdvisory(bytes({ ...TERMINATED, reason: 'bad signature' })).reason).toBe(
      'bad signature',
    );
  });

  it.each([
    ['not JSON', new TextEncoder().encode('{')],
    ['another advisory type', bytes({ ...MAX_DELIVER, type: 'io.nats.jetstream.advisory.v1.nak' })],
    ['a missing stream', bytes({ ...MAX_DELIVER, stream: undefined })],
    ['a sequence that is not a positive integer', bytes({ ...MAX_DELIVER, stream_seq: 0 })],
    ['a string delivery count', bytes({ ...MAX_DELIVER, deliveries: '5' })],
    ['an array', bytes([MAX_DELIVER])],
  ])('refuses %s', (_, body) => {
    expect(() => parseConsumerAdvisory(body)).toThrow(InvalidAdvisoryError);
  });
});

describe('advisoryReason', () => {
  it('says the deliveries ran out without an ack', () => {
    expect(advisoryReason(parseConsumerAdvisory(bytes(MAX_DELIVER)))).toBe(
      'max deliveries reached: not acknowledged after 5 deliveries',
    );
  });

  it('says the message was terminated, and why when the server tells', () => {
    expect(advisoryReason(parseConsumerAdvisory(bytes(TERMINATED)))).toBe('terminated after 1 deliveries');
    expect(advisoryReason(parseConsumerAdvisory(bytes({ ...TERMINATED, reason: 'bad' })))).toBe(
      'terminated after 1 deliveries: bad',
    );
  });
});
