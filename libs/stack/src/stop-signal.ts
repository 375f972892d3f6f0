const STOP_SIGNALS = ['SIGINT', 'SIGTERM'] as const;

/** The stop request of a long-running command: the first SIGINT or SIGTERM. */
export interface StopSignal {
  /** Resolves with the first signal received. */
  readonly received: Promise<NodeJS.Signals>;
  /** Removes the handlers (the default handling of the signals returns). */
  dispose(): void;
}

/**
 * Takes over SIGINT and SIGTERM: the first one resolves `received`; later ones are swallowed, so a
 * Ctrl-C delivered twice (by the terminal and by a wrapper forwarding it) does not cut stopping short.
 */
export function listenForStop(): StopSignal {
  let resolve: (signal: NodeJS.Signals) => void = () => undefined;
  const received = new Promise<NodeJS.Signals>((done) => (resolve = done));
  const handler = (signal: NodeJS.Signals): void => resolve(signal);
  for (const signal of STOP_SIGNALS) process.on(signal, handler);
  return {
    received,
    dispose() {
      for (const signal of STOP_SIGNALS) process.off(signal, handler);
    },
  };
}
