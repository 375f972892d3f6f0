import type { TFunction } from 'i18next';
import { HttpError, refusalText } from '../../../../libs/web/src/http/http-errors';

/** What went wrong, for a person: by status where the desk knows it, with the server's own words. */
export function errorText(t: TFunction, error: unknown): string {
  if (error instanceof HttpError) {
    const detail = refusalText(error.body);
    const known: Record<number, string> = {
      401: t('errors.unauthenticated'),
      403: t('errors.forbidden'),
      404: t('errors.notFound'),
      409: t('errors.conflict'),
      429: t('errors.tooMany'),
      503: t('errors.unavailable'),
    };
    const text = known[error.status] ?? t('web.http.failed', { status: error.status });
    return detail === undefined ? text : `${text} (${detail})`;
  }
  if (error instanceof TypeError) return t('web.http.offline');
  return error instanceof Error ? error.message : String(error);
}
