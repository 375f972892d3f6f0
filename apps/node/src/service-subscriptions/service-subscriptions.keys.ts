import { nodeKeyspace } from '../common/keyspace.js';

// Renaming a key orphans what is stored under the old name: a change needs a migration.

/** Every service subscription of the node (hash: id → the subscription's JSON, its secret included). */
export const subscriptionsKey = (node: string): string => `${nodeKeyspace(node)}:svcsub:all`;
/**
 * Set once the subscriptions hash holds the registrations of the node's store file: a wipe removes
 * it, and the first instance to notice restores the hash (and the webhooks' standing) from its file.
 */
export const subscriptionsRestoredKey = (node: string): string => `${nodeKeyspace(node)}:svcsub:restored`;
/** What matched subscription `id`, in the order it was taken in (a stream: fields `msg`, `sender`). */
export const subscriptionLogKey = (node: string, id: string): string =>
  `${nodeKeyspace(node)}:svcsub:log:${id}`;
/**
 * The message ids already appended to subscription `id`'s log (sorted set scored by the end of the
 * message's retention), so a delivery taken in again appends nothing twice.
 */
export const subscriptionMatchedKey = (node: string, id: string): string =>
  `${nodeKeyspace(node)}:svcsub:matched:${id}`;
/** Where subscription `id`'s webhook stands (hash: cursor, failures, retryAt, disabledAt, reason). */
export const webhookStateKey = (node: string, id: string): string =>
  `${nodeKeyspace(node)}:svcsub:webhook:${id}`;
/** The latest webhook attempts of subscription `id`, newest first (list of JSON). */
export const webhookAttemptsKey = (node: string, id: string): string =>
  `${nodeKeyspace(node)}:svcsub:attempts:${id}`;
/** The lease of the node instance delivering subscription `id`'s webhook (string, with an expiry). */
export const webhookLeaseKey = (node: string, id: string): string =>
  `${nodeKeyspace(node)}:svcsub:lease:${id}`;
