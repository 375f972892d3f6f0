/**
 * The hub's Redis state is missing (wiped or new) and not yet rebuilt from the streams: deciding now
 * could accept a replay or miss a route, so the message is retried once the rebuild is done.
 */
export class HubStateRebuildingError extends Error {
  override readonly name = 'HubStateRebuildingError';

  constructor(options?: { cause?: unknown }) {
    super('hub state in Redis is being rebuilt from JetStream; retry', options);
  }
}
