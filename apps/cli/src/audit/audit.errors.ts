/** `audit verify` or `audit export` found the chain broken; the message names the first broken entry. Exit code 1. */
export class AuditChainBrokenError extends Error {
  override readonly name = 'AuditChainBrokenError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A node's witness (`--witness <url>`) could not be read: unreachable, or not what a node answers. Exit code 1. */
export class WitnessUnavailableError extends Error {
  override readonly name = 'WitnessUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
