import type { Middleware } from 'openapi-fetch';

/**
 * An openapi-fetch middleware that sends the person's access token as `Authorization: Bearer …`
 * and tells `onUnauthorized` when the server no longer accepts it (401), so the app signs in again.
 */
export function bearerMiddleware(token: () => string | undefined, onUnauthorized: () => void): Middleware {
  return {
    onRequest({ request }) {
      const value = token();
      if (value !== undefined) request.headers.set('authorization', `Bearer ${value}`);
      return request;
    },
    onResponse({ response }) {
      if (response.status === 401) onUnauthorized();
      return response;
    },
  };
}
