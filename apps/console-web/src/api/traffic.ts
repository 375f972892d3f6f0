import type { ApiClient } from './api-client.js';

/** The network's traffic in one time bucket. */
export interface TrafficBucket {
  /** The bucket's start (ISO 8601). */
  at: string;
  accepted: number;
  /** Refusals by rejection reason (`STALE`, `INVALID`, …). */
  rejected: Record<string, number>;
  delivered: number;
  deadLettered: number;
}

export interface Traffic {
  bucketS: number;
  series: TrafficBucket[];
}

export const getTraffic = (api: ApiClient, minutes: number): Promise<Traffic> =>
  api.get<Traffic>('/v1/traffic', { minutes });
