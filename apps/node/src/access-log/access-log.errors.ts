/**
 * The access log could not record who is handed a message (e.g. the disk is full), so the message is
 * not handed out (HTTP 503 `access-log-unavailable`): the node never serves content unlogged.
 */
export class AccessLogUnavailableError extends Error {
  override readonly name = 'AccessLogUnavailableError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
