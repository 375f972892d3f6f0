import { ServerControlError, type ServerHandle } from '#process';

/** A handle on a server the environment provides: usable, never stopped or disturbed by the harness. */
export function sharedServer(url: string): ServerHandle {
  const refuse = (action: string): Promise<void> =>
    Promise.reject(
      new ServerControlError(`cannot ${action} the shared server at ${url}; start a private one instead`),
    );
  return {
    url,
    kind: 'env',
    stop: () => Promise.resolve(),
    restart: () => refuse('restart'),
    kill: () => refuse('kill'),
  };
}

/** The URL in `variable` when the caller accepts a shared server and it is set. */
export function sharedUrl(
  shared: boolean | undefined,
  variable: 'NATS_URL' | 'REDIS_URL',
): string | undefined {
  const url = process.env[variable];
  return shared === true && url !== undefined && url !== '' ? url : undefined;
}
