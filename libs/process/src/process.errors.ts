/** A server binary is not installed; the message says how to get it. */
export class MissingBinaryError extends Error {
  override name = 'MissingBinaryError';

  constructor(
    readonly binary: string,
    searched: readonly string[],
    hint = 'Install the servers (Debian/Ubuntu: apt-get install nats-server redis-server), ' +
      'or run a Docker engine so testcontainers can start them.',
  ) {
    super(`${binary} was not found (looked in ${searched.join(', ')}). ${hint}`);
  }
}

/** The openssl binary failed to make a key or certificate; the message carries what it said. */
export class CertificateError extends Error {
  override name = 'CertificateError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A spawned server exited or never answered; `log` holds the end of its output. */
export class ServerStartError extends Error {
  override name = 'ServerStartError';

  constructor(
    message: string,
    readonly log: string,
    options?: { cause?: unknown },
  ) {
    super(log ? `${message}\n--- server log (tail) ---\n${log}` : message, options);
  }

  /** True when the server could not bind its port, so another free port may succeed. */
  get portInUse(): boolean {
    return /address already in use/i.test(this.log);
  }
}

/** A control (restart, kill) the handle cannot perform, e.g. on a shared or stopped server. */
export class ServerControlError extends Error {
  override name = 'ServerControlError';
}

/** `waitFor` gave up; `cause` is the probe's last error, if it threw. */
export class WaitTimeoutError extends Error {
  override name = 'WaitTimeoutError';
}
