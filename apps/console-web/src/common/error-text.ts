import { ApiRefusedError, ApiUnavailableError } from '../api/api.errors.js';

/** Translates a key with values; i18next's `t` narrowed to what this module needs. */
export type Translate = (key: string, values?: Record<string, unknown>) => string;

/** What to tell the operator about a failed call, in their language. */
export function errorText(t: Translate, error: unknown): string {
  if (error instanceof ApiUnavailableError) return t('console.state.unavailable');
  if (error instanceof ApiRefusedError) {
    const reason = error.reason === '' ? error.error : error.reason;
    return t(error.status === 403 ? 'console.state.forbidden' : 'console.state.refused', { reason });
  }
  return t('console.state.refused', { reason: error instanceof Error ? error.message : String(error) });
}

/** The server's own words for a refusal, else the error's message. */
export function refusalReason(error: unknown): string {
  if (error instanceof ApiRefusedError) return error.reason === '' ? error.error : error.reason;
  return error instanceof Error ? error.message : String(error);
}
