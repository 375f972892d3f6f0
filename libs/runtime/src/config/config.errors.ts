/**
 * The environment does not describe a valid configuration. `problems` holds one line per
 * bad variable, each naming the variable (e.g. "NATS_URL must be a comma-separated list of nats:// or tls:// URLs").
 */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';

  constructor(
    readonly problems: readonly string[],
    options?: ErrorOptions,
  ) {
    super(`Invalid configuration:\n  ${problems.join('\n  ')}`, options);
  }
}
