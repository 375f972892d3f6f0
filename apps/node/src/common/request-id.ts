import { AsyncLocalStorage } from 'node:async_hooks';

const requests = new AsyncLocalStorage<string>();

/** Runs `serve` as serving the HTTP request `requestId`: whatever it calls, now or later, sees the id. */
export function serveRequest(requestId: string, serve: () => void): void {
  requests.run(requestId, serve);
}

/** The id of the HTTP request being served (`X-Request-Id`), undefined outside one. */
export function currentRequestId(): string | undefined {
  return requests.getStore();
}
