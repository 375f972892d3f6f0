import { InvalidAdvisoryError } from './dead-letters.errors.js';

/** Why the server gave up on a message: its max deliveries ran out, or its client terminated it. */
export type AdvisoryKind = 'max-deliveries' | 'terminated';

/** What a consumer advisory of the server says about the message a consumer gave up on. */
export interface ConsumerAdvisory {
  kind: AdvisoryKind;
  stream: string;
  consumer: string;
  /** The message's sequence in `stream`. */
  streamSequence: number;
  /** Deliveries made before the consumer gave up. */
  deliveries: number;
  /** The client's reason for a termination (nats-server 2.11+ only). */
  reason?: string;
}

// The advisories' JSON schema ids (nats-server ADR-1), stable since they were introduced.
const KINDS: Readonly<Record<string, AdvisoryKind>> = {
  'io.nats.jetstream.advisory.v1.max_deliver': 'max-deliveries',
  'io.nats.jetstream.advisory.v1.terminated': 'terminated',
};

function field<T>(
  object: Record<string, unknown>,
  name: string,
  check: (value: unknown) => value is T,
  what: string,
): T {
  const value = object[name];
  if (!check(value)) throw new InvalidAdvisoryError(`advisory field "${name}" is not ${what}`);
  return value;
}

const isName = (value: unknown): value is string => typeof value === 'string' && value.length > 0;
const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isSafeInteger(value) && value > 0;

/**
 * Reads a max-deliveries or terminated advisory, checking every field the dead-letter record needs.
 * @throws InvalidAdvisoryError for anything else (not JSON, another advisory type, a missing field).
 */
export function parseConsumerAdvisory(body: Uint8Array): ConsumerAdvisory {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder().decode(body));
  } catch (error) {
    throw new InvalidAdvisoryError('advisory is not JSON', { cause: error });
  }
  if (typeof parsed !== 'object' || parsed === null)
    throw new InvalidAdvisoryError('advisory is not an object');
  const object = parsed as Record<string, unknown>;
  const kind = typeof object['type'] === 'string' ? KINDS[object['type']] : undefined;
  if (kind === undefined)
    throw new InvalidAdvisoryError(`unexpected advisory type ${String(object['type'])}`);
  const reason = object['reason'];
  return {
    kind,
    stream: field(object, 'stream', isName, 'a stream name'),
    consumer: field(object, 'consumer', isName, 'a consumer name'),
    streamSequence: field(object, 'stream_seq', isCount, 'a stream sequence'),
    deliveries: field(object, 'deliveries', isCount, 'a delivery count'),
    ...(isName(reason) ? { reason } : {}),
  };
}

/** The one-line reason a dead-letter record written from `advisory` carries. */
export function advisoryReason(advisory: ConsumerAdvisory): string {
  if (advisory.kind === 'max-deliveries') {
    return `max deliveries reached: not acknowledged after ${advisory.deliveries} deliveries`;
  }
  const why = advisory.reason === undefined ? '' : `: ${advisory.reason}`;
  return `terminated after ${advisory.deliveries} deliveries${why}`;
}
