/**
 * `access-log verify` found the log broken, its head not signed by the node, or not the log an
 * earlier export saw; the message names the first entry at fault. Exit code 1.
 */
export class AccessLogBrokenError extends Error {
  override readonly name = 'AccessLogBrokenError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * A node's access log (`access-log export --node <url>`) could not be read: unreachable, refused, or
 * not what a node answers. Exit code 1.
 */
export class AccessLogUnavailableError extends Error {
  override readonly name = 'AccessLogUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
