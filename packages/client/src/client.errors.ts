/** What a node answers when it refuses a request: `{error, reason?, violations?, id?}`. */
export interface NodeRefusal {
  /** The node's stable code: `invalid`, `unauthenticated`, `forbidden`, `not-found`, `rate-limited`, … */
  error: string;
  reason?: string;
  /** For `invalid`: each field the node refused, and why. */
  violations?: { field: string; reason: string }[];
  /** The message the refusal is about, when it is about one. */
  id?: string;
}

/** Base of every error the SDK throws; branch on the subclasses with `instanceof`. */
export class BorderlinkError extends Error {
  override readonly name: string = 'BorderlinkError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The node answered, and refused: the HTTP status and the node's own refusal. */
export class BorderlinkRefusalError extends BorderlinkError {
  override readonly name: string = 'BorderlinkRefusalError';

  constructor(
    /** `GET /v1/inbox`, for the message. */
    readonly request: string,
    readonly status: number,
    readonly refusal: NodeRefusal,
  ) {
    super(`${request} was refused (${status} ${refusal.error}): ${describeRefusal(refusal)}`);
  }

  /** The node's code (`invalid`, `forbidden`, …). */
  get error(): string {
    return this.refusal.error;
  }

  get reason(): string | undefined {
    return this.refusal.reason;
  }

  get violations(): { field: string; reason: string }[] {
    return this.refusal.violations ?? [];
  }
}

/** The node could not be reached, or answered something that is not its API (a proxy's page, …). */
export class BorderlinkUnreachableError extends BorderlinkError {
  override readonly name: string = 'BorderlinkUnreachableError';

  constructor(
    readonly request: string,
    readonly url: string,
    options?: { cause?: unknown },
  ) {
    super(`${request} could not reach ${url}: ${causeText(options?.cause)}`, options);
  }
}

function describeRefusal(refusal: NodeRefusal): string {
  if (refusal.violations !== undefined && refusal.violations.length > 0) {
    return refusal.violations.map((violation) => `${violation.field} ${violation.reason}`).join('; ');
  }
  return refusal.reason ?? (refusal.id === undefined ? 'no reason given' : `message ${refusal.id}`);
}

function causeText(cause: unknown): string {
  if (!(cause instanceof Error)) return String(cause ?? 'no answer');
  // fetch wraps the socket error (ECONNREFUSED, …) as its cause.
  const inner = (cause as { cause?: unknown }).cause;
  return inner instanceof Error ? `${cause.message} (${inner.message})` : cause.message;
}

/** The node's refusal from a response body, or a generic one when the body is not the node's shape. */
export function refusalOf(status: number, body: unknown): NodeRefusal {
  if (typeof body === 'object' && body !== null && typeof (body as NodeRefusal).error === 'string') {
    return body as NodeRefusal;
  }
  const text = typeof body === 'string' && body.length > 0 ? body.slice(0, 200) : undefined;
  return { error: `http-${status}`, ...(text === undefined ? {} : { reason: text }) };
}
