import { AUDIT_WILDCARD, DEAD_LETTER_WILDCARD, DELIVERY_WILDCARD, INGRESS_WILDCARD } from './subjects.js';

// Stream and consumer names. Changing one needs a migration (streams are the log of record).

export const STREAM_INGRESS = 'BL_INGRESS';
export const STREAM_DELIVERY = 'BL_DELIVERY';
export const STREAM_AUDIT = 'BL_AUDIT';
export const STREAM_DEAD_LETTER = 'BL_DLQ';
/**
 * Closed user group membership, one message per group (the latest state), kept forever. Only the hub
 * writes it and provisions it: its per-subject limit is not part of StreamDefinition.
 */
export const STREAM_GROUPS = 'BL_GROUPS';

/** The hub's shared durable consumer on the ingress stream: every hub instance pulls from it. */
export const CONSUMER_HUB_INGRESS = 'hub-ingress';

/** The durable consumer through which one node reads its own deliveries. */
export function nodeDeliveryConsumer(node: string): string {
  return `node-${node}`;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/** Declared topology of the hub's streams, provisioned idempotently by every app at start. */
export interface StreamDefinition {
  name: string;
  subjects: string[];
  maxAgeMs: number;
  duplicateWindowMs: number;
}

// Ingress and delivery are the log of record that Redis state is rebuilt from, so they
// keep 30 days. The duplicate window bounds how late a retried publish is still recognised.
export const STREAM_DEFINITIONS: readonly StreamDefinition[] = [
  { name: STREAM_INGRESS, subjects: [INGRESS_WILDCARD], maxAgeMs: 30 * DAY_MS, duplicateWindowMs: DAY_MS },
  { name: STREAM_DELIVERY, subjects: [DELIVERY_WILDCARD], maxAgeMs: 30 * DAY_MS, duplicateWindowMs: DAY_MS },
  { name: STREAM_AUDIT, subjects: [AUDIT_WILDCARD], maxAgeMs: 365 * DAY_MS, duplicateWindowMs: DAY_MS },
  {
    name: STREAM_DEAD_LETTER,
    subjects: [DEAD_LETTER_WILDCARD],
    maxAgeMs: 90 * DAY_MS,
    duplicateWindowMs: DAY_MS,
  },
];
