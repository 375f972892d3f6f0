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
    onResponse({ request, response }) {
      // Only a token the server refused means signing in again; no token at all is the caller's bug.
      if (response.status === 401 && request.headers.has('authorization')) onUnauthorized();
      return response;
    },
  };
}
