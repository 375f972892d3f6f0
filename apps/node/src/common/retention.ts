const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * When the node's copy of a message ends (Unix ms): `days` after its signed sent time (protobuf JSON
 * `sent`), or after `fallback` (RFC 3339) when it has none. Counting from the sent time, a message
 * taken in again long after it was sent (a rebuild) is not kept longer than the first copy was.
 */
export function retainedUntil(message: unknown, fallback: string, days: number): number {
  const { sent } = message as { sent?: string };
  const from = Date.parse(sent ?? fallback);
  return (Number.isNaN(from) ? Date.parse(fallback) : from) + days * DAY_MS;
}
