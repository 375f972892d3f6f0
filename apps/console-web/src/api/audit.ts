import type { ApiClient } from './api-client.js';

/** A signed checkpoint of the audit chain that a verification passed. */
export interface AuditCheckpoint {
  /** The chain entry it signs up to (its BL_AUDIT sequence; `position` says the same). */
  sequence: number;
  position?: number;
  /** When the hub signed it, and which hub key. */
  at?: string | null;
  signer?: string | null;
}

export interface AuditVerification {
  ok: boolean;
  /** How many entries were checked. */
  checked: number;
  lastCheckpoint: AuditCheckpoint | null;
  /** Where and why the chain broke, when it did. */
  failure?: { reason: string; detail?: string; position: number } | null;
  /** When it ran. */
  at?: string | null;
}

export interface AuditState {
  /** The newest checkpoint the last verification passed. */
  lastCheckpoint: AuditCheckpoint | null;
  lastVerification: AuditVerification | null;
}

export const getAudit = (api: ApiClient): Promise<AuditState> => api.get<AuditState>('/v1/audit');

export const verifyAudit = (api: ApiClient): Promise<AuditVerification> =>
  api.post<AuditVerification>('/v1/audit/verify');
