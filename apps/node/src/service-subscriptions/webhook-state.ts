/** Where a subscription's webhook stands: what it delivered last, and how it is failing. */
export interface WebhookState {
  /** The log position of the last message delivered (or given up past), `0` before any. */
  cursor: string;
  /** Consecutive failed attempts at the message after the cursor. */
  failures: number;
  /** Moved on by each reset by the owner (enable, a new endpoint), so a dispatcher cannot undo one. */
  epoch: number;
  /** When the next attempt is due (Unix ms), while failing. */
  retryAt?: number;
  /** When it was disabled after too many consecutive failures (RFC 3339); its owner enables it. */
  disabledAt?: string;
}

/** One attempt to deliver a message to a webhook, as its owner is shown it. */
export interface WebhookAttempt {
  /** The `webhook-id` sent. */
  id: string;
  message: string;
  position: string;
  at: string;
  /** The endpoint's HTTP status; absent when it did not answer. */
  status?: number;
  ok: boolean;
  /** Why it failed: the status, or the network error. */
  error?: string;
  durationMs: number;
}
