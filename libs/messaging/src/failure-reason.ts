/**
 * One readable line for a handler failure. Besides errors, handles what Nest's exception filter
 * turns an unknown error into (`{ status: 'error', message }`).
 */
export function failureReason(error: unknown): string {
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  if (
    typeof error === 'object' &&
    error !== null &&
    'message' in error &&
    typeof error.message === 'string'
  ) {
    return error.message;
  }
  return String(error);
}
