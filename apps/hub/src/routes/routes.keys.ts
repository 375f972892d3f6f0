import { isMessageKind } from '#contracts';
import { REDIS_PREFIX } from '#runtime';
import { readJsonObject, type RecordKeys } from '../state/stored-record.js';
import type { RouteRecord } from './route-record.store.js';

// Renaming a key or changing the stored JSON orphans what is stored: change one only with a migration.

/** The hub's record of where each message went (its origin and recipients), for receipts and replies. */
export const ROUTE_RECORDS: RecordKeys<RouteRecord> = {
  key: (id) => `${REDIS_PREFIX}:hub:route:${id}`,
  // As long as the ingress stream keeps the message: a receipt or reply may come that late.
  ttlSeconds: 30 * 24 * 60 * 60,
  text: (record) => JSON.stringify(record),
};

/** The route record stored as `text`, or undefined when it is not one. */
export function parseRouteRecord(text: string): RouteRecord | undefined {
  const value = readJsonObject(text);
  if (value === undefined) return undefined;
  const { origin, kind, recipients, sequence } = value;
  if (typeof origin !== 'string' || typeof kind !== 'string' || !isMessageKind(kind)) return undefined;
  if (!Array.isArray(recipients) || !recipients.every((r) => typeof r === 'string')) return undefined;
  const record: RouteRecord = { origin, kind, recipients: recipients as string[] };
  return Number.isSafeInteger(sequence) ? { ...record, sequence: sequence as number } : record;
}
