import { CONSUMER_HUB_INGRESS, INGRESS_WILDCARD, parseIngressSubject, STREAM_INGRESS } from '#contracts';
import type { ConsumerSpec } from '#messaging';
import type { HubConfig } from '../config/hub.config.js';

/** The `@EventPattern` of ingress messages. */
export const INGRESS_PATTERN = 'ingress';

/**
 * The one durable pull consumer every hub instance shares: JetStream hands each message to one
 * instance at a time, and redelivers it if that instance dies before acking. An instance handles
 * one sender's messages in ingress order, so their copies reach each recipient in the order sent.
 */
export function hubIngressConsumer(config: HubConfig): ConsumerSpec {
  return {
    pattern: INGRESS_PATTERN,
    stream: STREAM_INGRESS,
    durable: CONSUMER_HUB_INGRESS,
    filterSubject: INGRESS_WILDCARD,
    maxAttempts: config.HUB_MAX_ATTEMPTS,
    concurrency: config.HUB_CONCURRENCY,
    sequenceBy: (msg) => parseIngressSubject(msg.subject)?.node,
  };
}
