import { REDIS_PREFIX } from '#runtime';
import { readJsonObject, type RecordKeys } from '../state/stored-record.js';
import type { ReleaseRequestRecord } from './release-request.store.js';

// Renaming a key or changing the stored JSON orphans what is stored: change one only with a migration.

/** The hub's record of each release request (message, requester, further node), for its decision. */
export const RELEASE_REQUESTS: RecordKeys<ReleaseRequestRecord> = {
  key: (id) => `${REDIS_PREFIX}:hub:release:${id}`,
  // As long as the ingress stream keeps the message the request is about.
  ttlSeconds: 30 * 24 * 60 * 60,
  text: (record) => JSON.stringify(record),
};

/** The release request stored as `text`, or undefined when it is not one. */
export function parseReleaseRequest(text: string): ReleaseRequestRecord | undefined {
  const value = readJsonObject(text);
  if (value === undefined) return undefined;
  const { message, origin, requester, to, decision } = value;
  const strings = [message, origin, requester, to];
  if (!strings.every((field) => typeof field === 'string')) return undefined;
  const record = { message, origin, requester, to } as ReleaseRequestRecord;
  return typeof decision === 'string' ? { ...record, decision } : record;
}
