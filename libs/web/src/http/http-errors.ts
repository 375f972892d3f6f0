/** One reason a server refused a field: `{field: "evaluation.source", reason: "is required"}`. */
export interface Violation {
  field: string;
  reason: string;
}

/** A refusal by the server, with its status and JSON body (`{error, reason}` or `{error, violations}`). */
export class HttpError extends Error {
  override readonly name = 'HttpError';

  constructor(
    readonly status: number,
    readonly body: unknown,
    options?: { cause?: unknown },
  ) {
    super(`HTTP ${status}`, options);
  }

  /** The field-level violations of a 400 `{error: "invalid", violations}`, else none. */
  get violations(): Violation[] {
    return violationsOf(this.body);
  }
}

/** The violations of an `invalid` answer's body, else an empty list. */
export function violationsOf(body: unknown): Violation[] {
  if (typeof body !== 'object' || body === null) return [];
  const violations = (body as { violations?: unknown }).violations;
  if (!Array.isArray(violations)) return [];
  return violations.filter(
    (entry): entry is Violation =>
      typeof entry === 'object' &&
      entry !== null &&
      typeof (entry as Violation).field === 'string' &&
      typeof (entry as Violation).reason === 'string',
  );
}

/** The server's own words for a refusal (`reason`, `detail`, or `error`), for showing beside a status. */
export function refusalText(body: unknown): string | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const { reason, detail, error } = body as Record<string, unknown>;
  for (const text of [reason, detail, error]) if (typeof text === 'string') return text;
  return undefined;
}
