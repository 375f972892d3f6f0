import type { StoredRecord } from '../src/dead-letters/dead-letter-record.js';

/** When the fixture records were stored. */
export const RECORD_TIME = new Date('2026-11-28T02:40:00.000Z');

/** A stored dead-letter stream message with these headers, as the client hands it over. */
export function storedRecord(
  headers: Record<string, string[]>,
  seq = 12,
  body = 'alert',
  subject = 'bl.dlq.bl_delivery.node-kz-border',
): StoredRecord {
  return {
    seq,
    time: RECORD_TIME,
    subject,
    headers: Object.entries(headers),
    data: new TextEncoder().encode(body),
  };
}
