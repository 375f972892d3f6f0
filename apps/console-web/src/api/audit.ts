import type { ApiClient } from './api-client.js';

/** The audit chain's latest signed checkpoint. */
export interface AuditCheckpoint {
  /** The chain entry it signs up to (its BL_AUDIT sequence). */
  sequence: number;
  /** When the hub signed it. */
  at?: string | null;
}

export interface AuditVerification {
  ok: boolean;
  /** How many entries were checked. */
  checked: number;
  lastCheckpoint: AuditCheckpoint | null;
  /** Where and why the chain broke, when it did. */
  failure?: { reason: string; position: number } | null;
  /** When it ran. */
  at?: string | null;
}

export interface AuditState {
  lastCheckpoint: AuditCheckpoint | null;
  lastVerification: AuditVerification | null;
}

export const getAudit = (api: ApiClient): Promise<AuditState> => api.get<AuditState>('/v1/audit');

export const verifyAudit = (api: ApiClient): Promise<AuditVerification> =>
  api.post<AuditVerification>('/v1/audit/verify');
