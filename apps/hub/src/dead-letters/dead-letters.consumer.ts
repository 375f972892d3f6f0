import { ADVISORY_CONSUMER_WILDCARD, CONSUMER_HUB_DEAD_LETTERS, STREAM_ADVISORIES } from '#contracts';
import type { ConsumerSpec } from '#messaging';
import type { HubConfig } from '../config/hub.config.js';

/** The `@EventPattern` of captured consumer advisories. */
export const DEAD_LETTERS_PATTERN = 'dead-letters';

/**
 * The durable consumer all hub instances share on BL_ADVISORIES. Advisories are published by the
 * server whether or not anyone listens; captured in a stream, one that arrives while every hub is
 * down is handled when one comes back. It retries as long as ingress does: an advisory is only
 * dropped (dead-lettered itself) when it cannot be parsed.
 */
export function hubDeadLettersConsumer(config: HubConfig): ConsumerSpec {
  return {
    pattern: DEAD_LETTERS_PATTERN,
    stream: STREAM_ADVISORIES,
    durable: CONSUMER_HUB_DEAD_LETTERS,
    filterSubject: ADVISORY_CONSUMER_WILDCARD,
    maxAttempts: config.HUB_MAX_ATTEMPTS,
  };
}
